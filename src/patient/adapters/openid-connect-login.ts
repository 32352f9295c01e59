// Patient login through the region's OpenID Connect broker (MitID) with openid-client: authorization
// code flow with PKCE, state and nonce; the ID token's signature is checked against the provider's
// JWKS as well (non-repudiation checks), besides issuer, audience, nonce and expiry.
import * as client from 'openid-client';
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

const isLoopback = (url: URL) => url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/**
 * @example
 * const login = new PatientOpenIdConnectLogin({ issuer, clientId, clientSecret, scopes: 'openid profile', identifierClaim: 'dk:gov:cpr', identifierSystem: 'urn:oid:1.2.208.176.1.2' });
 * const { url, pending } = await login.start(redirectUri); // keep pending server-side under pending.state
 * const patient = await login.finish(callbackUrl, pending);
 */
export class PatientOpenIdConnectLogin implements PatientIdentityProvider {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(private readonly settings: PatientOpenIdConnectSettings) {}

  async start(redirectUri: string): Promise<{ url: string; pending: PendingLogin }> {
    const configuration = await this.discover();
    const pending: PendingLogin = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes,
      response_type: 'code',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.toString(), pending };
  }

  async finish(callbackUrl: URL, pending: PendingLogin): Promise<VerifiedPatient> {
    const error = callbackUrl.searchParams.get('error');
    if (error !== null) throw new PatientLoginError('provider-error', `The identity provider did not log the patient in (${error}).`);
    const configuration = await this.discover();
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (failure) {
      throw new PatientLoginError('verification-failed', `The login could not be verified: ${describeFailure(failure)}`, { cause: failure });
    }
    const value = claims?.[this.settings.identifierClaim];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new PatientLoginError('no-identifier', `The ID token has no "${this.settings.identifierClaim}" claim (PATIENT_OIDC_ID_CLAIM, PATIENT_OIDC_SCOPES).`);
    }
    const name = [claims?.name, claims?.given_name].find((candidate): candidate is string => typeof candidate === 'string' && candidate.trim() !== '');
    return { system: this.settings.identifierSystem, value: value.trim(), ...(name !== undefined && { displayName: name.trim() }) };
  }

  private discover(): Promise<client.Configuration> {
    const issuer = new URL(this.settings.issuer);
    // Plain http only for a provider on this machine (the demo provider, tests); never across a network.
    const execute = [client.enableNonRepudiationChecks, ...(isLoopback(issuer) ? [client.allowInsecureRequests] : [])];
    this.configuration ??= client.discovery(issuer, this.settings.clientId, undefined, client.ClientSecretPost(this.settings.clientSecret), { execute }).catch((failure: unknown) => {
      this.configuration = undefined;
      throw new PatientLoginError('unavailable', `The login provider at ${issuer.origin} could not be reached: ${(failure as Error).message}`, { cause: failure });
    });
    return this.configuration;
  }
}
