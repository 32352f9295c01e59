// Staff sign-in through an OpenID Connect provider (e.g. Microsoft Entra ID) with openid-client:
// authorization code flow with PKCE, state and nonce. The provider vouches for who someone is and
// which provider roles they have; STAFF_OIDC_ROLE_MAP turns those into staff, editor and admin.
import * as client from 'openid-client';
import { AppError } from '../../errors.js';
import { staffRoles, type StaffRole } from '../accounts.js';

export interface OpenIdConnectSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** ID-token claim with the provider's roles (Entra ID app roles: "roles"). */
  rolesClaim: string;
  /** Provider role → app role. */
  roleMap: ReadonlyMap<string, StaffRole>;
}

/** The random values of one sign-in, kept in a short-lived cookie between the redirect and the callback. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface ProviderIdentity {
  /** Stable across sign-ins: issuer and subject. */
  subject: string;
  username: string;
  displayName: string;
  roles: StaffRole[];
}

/** "Helpdesk=staff, Redaktion=editor" → Map { Helpdesk → staff, Redaktion → editor }. */
export function parseRoleMap(text: string): Map<string, StaffRole> {
  const map = new Map<string, StaffRole>();
  for (const pair of text.split(',')) {
    const [provider, app] = pair.split('=').map((part) => part.trim());
    if (provider === undefined || provider === '' || !(staffRoles as readonly string[]).includes(app ?? '')) {
      throw new Error(`STAFF_OIDC_ROLE_MAP: "${pair.trim()}" is not provider-role=staff|editor|admin`);
    }
    map.set(provider, app as StaffRole);
  }
  return map;
}

const isLoopback = (url: URL) => url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/**
 * @example
 * const oidc = new OpenIdConnectSignIn({ issuer, clientId, clientSecret, rolesClaim: 'roles', roleMap: parseRoleMap('Helpdesk=staff') });
 * const { url, pending } = await oidc.start(redirectUri); // redirect to url, keep pending in a cookie
 * const identity = await oidc.finish(callbackUrl, pending);
 */
export class OpenIdConnectSignIn {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(private readonly settings: OpenIdConnectSettings) {}

  async start(redirectUri: string): Promise<{ url: string; pending: PendingSignIn }> {
    const configuration = await this.discover();
    const pending: PendingSignIn = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid profile email',
      response_type: 'code',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.toString(), pending };
  }

  /** Checks the provider's answer (state, code exchange with the PKCE verifier, ID-token signature, nonce) and reads who signed in. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<ProviderIdentity> {
    const configuration = await this.discover();
    const error = callbackUrl.searchParams.get('error');
    if (error !== null) {
      throw new AppError('unauthorized', `The identity provider did not sign you in (${error}${callbackUrl.searchParams.has('error_description') ? `: ${callbackUrl.searchParams.get('error_description')}` : ''}).`);
    }
    let claims: client.IDToken | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
      claims = tokens.claims();
    } catch (failure) {
      throw new AppError('unauthorized', `The sign-in could not be completed: ${(failure as Error).message}. Start again from the staff console.`, { cause: failure });
    }
    if (claims === undefined) throw new AppError('unauthorized', 'The identity provider sent no ID token.');
    const text = (name: string) => (typeof claims[name] === 'string' && (claims[name] as string).trim() !== '' ? (claims[name] as string).trim() : undefined);
    const providerRoles = claims[this.settings.rolesClaim];
    const granted = (Array.isArray(providerRoles) ? providerRoles : typeof providerRoles === 'string' ? [providerRoles] : [])
      .map((role) => this.settings.roleMap.get(String(role)))
      .filter((role): role is StaffRole => role !== undefined);
    if (granted.length === 0) {
      throw new AppError('forbidden', `Your account at the identity provider has no role for this service (claim "${this.settings.rolesClaim}"). Ask an administrator to give you one.`);
    }
    const username = text('preferred_username') ?? text('email') ?? claims.sub;
    return {
      subject: `${claims.iss}|${claims.sub}`,
      username,
      displayName: text('given_name') ?? text('name') ?? username,
      roles: [...new Set(granted)],
    };
  }

  private discover(): Promise<client.Configuration> {
    const issuer = new URL(this.settings.issuer);
    // Plain http only for a provider on this machine (development, tests); never across a network.
    this.configuration ??= client
      .discovery(issuer, this.settings.clientId, undefined, client.ClientSecretPost(this.settings.clientSecret), {
        // Without enableNonRepudiationChecks openid-client v6 does not check the ID token's signature.
        execute: [client.enableNonRepudiationChecks, ...(isLoopback(issuer) ? [client.allowInsecureRequests] : [])],
      })
      .catch((failure: unknown) => {
        this.configuration = undefined;
        throw new AppError('unavailable', `The identity provider at ${issuer.origin} could not be reached: ${(failure as Error).message}`, { cause: failure });
      });
    return this.configuration;
  }
}
