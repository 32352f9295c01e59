// Staff sign-in through an OpenID Connect provider (e.g. Microsoft Entra ID) with openid-client:
// authorization code flow with PKCE, state and nonce. The provider vouches for who someone is and
// which provider roles they have; STAFF_OIDC_ROLE_MAP turns those into staff, editor and admin.
import { AuthorizationCodeFlow, type PendingAuthorization } from '../../auth/adapters/authorization-code.js';
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
export type PendingSignIn = PendingAuthorization;

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

/**
 * @example
 * const oidc = new OpenIdConnectSignIn({ issuer, clientId, clientSecret, rolesClaim: 'roles', roleMap: parseRoleMap('Helpdesk=staff') });
 * const { url, pending } = await oidc.start(redirectUri); // redirect to url, keep pending in a cookie
 * const identity = await oidc.finish(callbackUrl, pending);
 */
export class OpenIdConnectSignIn {
  private readonly flow: AuthorizationCodeFlow;

  constructor(private readonly settings: OpenIdConnectSettings) {
    this.flow = new AuthorizationCodeFlow(settings, {
      unreachable: (origin, failure) => new AppError('unavailable', `The identity provider at ${origin} could not be reached: ${(failure as Error).message}`, { cause: failure }),
      rejected: (failure) => new AppError('unauthorized', `The sign-in could not be completed: ${(failure as Error).message}. Start again from the staff console.`, { cause: failure }),
    });
  }

  start(redirectUri: string): Promise<{ url: string; pending: PendingSignIn }> {
    return this.flow.start(redirectUri, 'openid profile email');
  }

  /** Checks the provider's answer (state, code exchange with the PKCE verifier, ID-token signature, nonce) and reads who signed in. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<ProviderIdentity> {
    // Discovery first: an unreachable provider is answered as unavailable even when the callback carries an error.
    await this.flow.discover();
    const error = callbackUrl.searchParams.get('error');
    if (error !== null) {
      throw new AppError('unauthorized', `The identity provider did not sign you in (${error}${callbackUrl.searchParams.has('error_description') ? `: ${callbackUrl.searchParams.get('error_description')}` : ''}).`);
    }
    const claims = await this.flow.exchange(callbackUrl, pending);
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
}
