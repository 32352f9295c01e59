// Checks that a request to POST /api/messages comes from the Bot Framework service, as its
// "Authentication with the Bot Connector API" page requires: a bearer JWT signed (RS256) with a key
// from the OpenID metadata's JWKS, issuer https://api.botframework.com, audience the bot's app ID,
// not expired (5 minutes' clock skew), a serviceurl claim equal to the activity's serviceUrl, and a
// signing key endorsed for the activity's channel.
import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { AppError } from '../../errors.js';

export const botFrameworkIssuer = 'https://api.botframework.com';
const clockToleranceSeconds = 5 * 60;
/** The keys are stable for days; the SDK keeps them 5 days. An unknown key id fetches them again. */
const keysCacheMs = 24 * 60 * 60 * 1000;
const metadataCacheMs = 24 * 60 * 60 * 1000;

export interface BotFrameworkAuthenticatorOptions {
  appId: string;
  openIdMetadataUrl: string;
  now?: () => number;
}

/** The parts of an activity its token must agree with. */
export interface ActivityToAuthenticate {
  serviceUrl: string;
  channelId: string;
}

interface OpenIdMetadata {
  jwks_uri?: unknown;
}

type RemoteKeys = ReturnType<typeof createRemoteJWKSet>;

const unauthorized = (reason: string) => new AppError('unauthorized', `Bot Framework authentication failed: ${reason}`);
const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * @example const claims = await authenticator.authenticate(c.req.header('authorization'), activity)
 */
export class BotFrameworkAuthenticator {
  private keys: { remote: RemoteKeys; jwksUri: string; fetchedAt: number } | undefined;

  constructor(private readonly options: BotFrameworkAuthenticatorOptions) {}

  /** Resolves with the token's claims, or throws AppError('unauthorized') naming what was wrong. */
  async authenticate(authorization: string | undefined, activity: ActivityToAuthenticate): Promise<JWTPayload> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
    if (match === null) throw unauthorized('the Authorization header must be "Bearer <token>" from the Bot Framework service.');
    const token = match[1] as string;
    // Junk and unsigned tokens are refused before anything is fetched on their behalf.
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw unauthorized('the token is not a valid signed JWT.');
    }
    if (header.alg !== 'RS256') throw unauthorized('the token must be signed with RS256.');
    // The key id decides which channels the key is endorsed for; without it that cannot be checked.
    if (typeof header.kid !== 'string' || header.kid === '') throw unauthorized('the token names no signing key (kid).');
    const keys = await this.remoteKeys();
    let payload: JWTPayload;
    let keyId: string | undefined;
    try {
      const verified = await jwtVerify(token, keys.remote, {
        issuer: botFrameworkIssuer,
        audience: this.options.appId,
        algorithms: ['RS256'],
        clockTolerance: clockToleranceSeconds,
        requiredClaims: ['exp'],
        ...(this.options.now !== undefined && { currentDate: new Date(this.options.now()) }),
      });
      payload = verified.payload;
      keyId = verified.protectedHeader.kid;
    } catch (error) {
      // A network failure, a timeout or a bad key set is our problem to report, not the caller's.
      const keysUnreadable = !(error instanceof joseErrors.JOSEError) || error.code === 'ERR_JOSE_GENERIC' || error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid;
      if (keysUnreadable) {
        throw new AppError('unavailable', 'The Bot Framework signing keys could not be read, so the request cannot be verified.', { cause: error });
      }
      throw unauthorized(describeJoseError(error));
    }
    const serviceUrl = payload['serviceurl'] ?? payload['serviceUrl'];
    if (typeof serviceUrl !== 'string' || trimSlash(serviceUrl) !== trimSlash(activity.serviceUrl)) {
      throw unauthorized('the token was issued for another serviceUrl than the activity names.');
    }
    // A key may be endorsed for some channels only: a token for Teams cannot pass as Web Chat.
    const key = keys.remote.jwks()?.keys.find((candidate) => candidate.kid === keyId) as { endorsements?: unknown } | undefined;
    if (Array.isArray(key?.endorsements) && key.endorsements.length > 0 && !key.endorsements.includes(activity.channelId)) {
      throw unauthorized(`the signing key is not endorsed for channel "${activity.channelId}".`);
    }
    return payload;
  }

  private async remoteKeys(): Promise<{ remote: RemoteKeys }> {
    const now = this.options.now?.() ?? Date.now();
    if (this.keys !== undefined && now - this.keys.fetchedAt < metadataCacheMs) return this.keys;
    let metadata: OpenIdMetadata;
    try {
      const response = await fetch(this.options.openIdMetadataUrl, { headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      metadata = (await response.json()) as OpenIdMetadata;
    } catch (error) {
      // Keep checking against the keys we have rather than refusing every request.
      if (this.keys !== undefined) return this.keys;
      throw new AppError('unavailable', `The Bot Framework OpenID metadata (${this.options.openIdMetadataUrl}) could not be read, so requests cannot be verified.`, {
        cause: error,
      });
    }
    if (typeof metadata.jwks_uri !== 'string' || !/^https?:\/\//.test(metadata.jwks_uri)) {
      throw new AppError('unavailable', `The Bot Framework OpenID metadata (${this.options.openIdMetadataUrl}) names no jwks_uri.`);
    }
    if (this.keys?.jwksUri !== metadata.jwks_uri) {
      this.keys = { remote: createRemoteJWKSet(new URL(metadata.jwks_uri), { cacheMaxAge: keysCacheMs }), jwksUri: metadata.jwks_uri, fetchedAt: now };
    } else {
      this.keys.fetchedAt = now;
    }
    return this.keys;
  }
}

function describeJoseError(error: InstanceType<typeof joseErrors.JOSEError>): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return "the token's audience is not this bot's MICROSOFT_APP_ID.";
    if (error.claim === 'iss') return `the token's issuer is not ${botFrameworkIssuer}.`;
    if (error.claim === 'nbf') return 'the token is not valid yet.';
    return `the token's "${error.claim}" claim is not valid (${error.reason}).`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the token must be signed with RS256.';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "the token's signature does not match the Bot Framework keys.";
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'the token was signed with a key the Bot Framework does not publish.';
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) return 'the token is not a valid signed JWT.';
  return 'the token could not be verified.';
}
