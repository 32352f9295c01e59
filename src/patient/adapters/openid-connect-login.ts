// Patient login through the region's OpenID Connect broker (MitID) with openid-client: authorization
// code flow with PKCE, state and nonce; the ID token's signature is checked against the provider's
// JWKS as well (non-repudiation checks), besides issuer, audience, nonce and expiry.
import { AuthorizationCodeFlow } from '../../auth/adapters/authorization-code.js';
import { PatientLoginError, type PatientIdentityProvider, type PendingLogin, type VerifiedPatient } from '../patient-login.js';

export interface PatientOpenIdConnectSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated, including "openid". */
  scopes: string;
  /** ID-token claim with the patient identifier (e.g. "ssn", "nin", "dk:gov:cpr"). */
  identifierClaim: string;
  /** Identifier system of that claim, e.g. urn:oid:1.2.208.176.1.2 for CPR. */
  identifierSystem: string;
}

/**
 * openid-client's error and the check behind it, e.g. "unexpected JWT claim value encountered
 * (unexpected JWT "aud" (audience) claim value; OAUTH_JWT_CLAIM_COMPARISON_FAILED)": the messages name
 * the claim that failed, never its value.
 */
function describeFailure(failure: unknown): string {
  if (!(failure instanceof Error)) return String(failure);
  const cause = failure.cause instanceof Error && failure.cause.message !== failure.message ? failure.cause.message : undefined;
  const code = 'code' in failure && typeof failure.code === 'string' ? failure.code : undefined;
  const details = [cause, code].filter((part) => part !== undefined);
  return details.length === 0 ? failure.message : `${failure.message} (${details.join('; ')})`;
}

/**
 * @example
 * const login = new PatientOpenIdConnectLogin({ issuer, clientId, clientSecret, scopes: 'openid profile', identifierClaim: 'dk:gov:cpr', identifierSystem: 'urn:oid:1.2.208.176.1.2' });
 * const { url, pending } = await login.start(redirectUri); // keep pending server-side under pending.state
 * const patient = await login.finish(callbackUrl, pending);
 */
export class PatientOpenIdConnectLogin implements PatientIdentityProvider {
  private readonly flow: AuthorizationCodeFlow;

  constructor(private readonly settings: PatientOpenIdConnectSettings) {
    this.flow = new AuthorizationCodeFlow(settings, {
      unreachable: (origin, failure) => new PatientLoginError('unavailable', `The login provider at ${origin} could not be reached: ${(failure as Error).message}`, { cause: failure }),
      rejected: (failure) => new PatientLoginError('verification-failed', `The login could not be verified: ${describeFailure(failure)}`, { cause: failure }),
    });
  }

  start(redirectUri: string): Promise<{ url: string; pending: PendingLogin }> {
    return this.flow.start(redirectUri, this.settings.scopes);
  }

  async finish(callbackUrl: URL, pending: PendingLogin): Promise<VerifiedPatient> {
    const error = callbackUrl.searchParams.get('error');
    if (error !== null) throw new PatientLoginError('provider-error', `The identity provider did not log the patient in (${error}).`);
    const claims = await this.flow.exchange(callbackUrl, pending);
    const value = claims?.[this.settings.identifierClaim];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new PatientLoginError('no-identifier', `The ID token has no "${this.settings.identifierClaim}" claim (PATIENT_OIDC_ID_CLAIM, PATIENT_OIDC_SCOPES).`);
    }
    const name = [claims?.name, claims?.given_name].find((candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '');
    return { system: this.settings.identifierSystem, value: value.trim(), ...(name !== undefined && { displayName: name.trim() }) };
  }
}
