// The OpenID Connect authorization code flow with PKCE, state and nonce that the patient login and the
// staff sign-in share (openid-client); each keeps its own scopes, claims and errors.
import * as client from 'openid-client';

/** The random values of one login, kept between the redirect and the callback. */
export interface PendingAuthorization {
  state: string;
  nonce: string;
  codeVerifier: string;
}

const isLoopback = (url: URL) => url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

export class AuthorizationCodeFlow {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly settings: { issuer: string; clientId: string; clientSecret: string },
    /** Each login's own errors: the provider could not be reached, or the code exchange or an ID-token check failed. */
    private readonly failures: { unreachable(origin: string, failure: unknown): Error; rejected(failure: unknown): Error },
  ) {}

  async start(redirectUri: string, scope: string): Promise<{ url: string; pending: PendingAuthorization }> {
    const configuration = await this.discover();
    const pending = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope,
      response_type: 'code',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.toString(), pending };
  }

  /** The ID token's claims, once state, PKCE verifier, signature (JWKS), issuer, audience, nonce and expiry check out. */
  async exchange(callbackUrl: URL, pending: PendingAuthorization): Promise<client.IDToken | undefined> {
    const configuration = await this.discover();
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, { pkceCodeVerifier: pending.codeVerifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true });
      return tokens.claims();
    } catch (failure) {
      throw this.failures.rejected(failure);
    }
  }

  /** The provider's metadata, fetched once; after a failure, again on the next call. */
  discover(): Promise<client.Configuration> {
    const issuer = new URL(this.settings.issuer);
    // Plain http only for a provider on this machine (the demo provider, development, tests); never across a network.
    // Without enableNonRepudiationChecks openid-client v6 does not check the ID token's signature.
    const execute = [client.enableNonRepudiationChecks, ...(isLoopback(issuer) ? [client.allowInsecureRequests] : [])];
    this.configuration ??= client.discovery(issuer, this.settings.clientId, undefined, client.ClientSecretPost(this.settings.clientSecret), { execute }).catch((failure: unknown) => {
      this.configuration = undefined;
      throw this.failures.unreachable(issuer.origin, failure);
    });
    return this.configuration;
  }
}
