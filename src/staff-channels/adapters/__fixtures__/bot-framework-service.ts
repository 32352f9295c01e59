// The Bot Framework services as msw handlers, answering as their documented APIs do: the OpenID
// metadata and its key set (with a key pair made here, so tests can sign tokens), the Entra ID token
// endpoint, and the Connector (create conversation, send and reply). Every call is recorded.
import { readFileSync } from 'node:fs';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { http, HttpResponse } from 'msw';

/** A fixture in this directory, parsed. */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8')) as T;
}

const openIdConfiguration = fixture<{ jwks_uri: string }>('openid-configuration');
const tokenResponse = fixture<{ access_token: string }>('token-response');
const createConversationResponse = fixture('teams-create-conversation-response');
const resourceResponse = fixture('resource-response');

export const appId = '6b3a2c1d-4e5f-4a7b-8c9d-0e1f2a3b4c5d';
export const openIdMetadataUrl = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
export const teamsServiceUrl = 'https://smba.trafficmanager.net/emea/';
export const teamsChannelId = '19:5f7c1e0a9b2d4c3e8f6a1b2c3d4e5f60@thread.tacv2';
export const connectorToken = tokenResponse.access_token;

/** A request the bot sent to a Connector, decoded. */
export interface ConnectorCall {
  serviceUrl: string;
  /** "create" = POST /v3/conversations; "send" = …/activities; "reply" = …/activities/{activityId}. */
  operation: 'create' | 'send' | 'reply';
  conversationId?: string;
  activityId?: string;
  authorization: string | null;
  body: Record<string, unknown>;
}

type SigningKey = 'published' | 'teams-only' | 'unpublished';

export interface TokenOptions {
  key?: SigningKey;
  issuer?: string;
  audience?: string;
  serviceUrl?: string;
  /** Seconds from now; negative for a token that has run out. */
  expiresIn?: number;
  /** False: no key id in the header. */
  withKeyId?: boolean;
}

const allChannels = ['msteams', 'webchat', 'directline', 'skype', 'slack', 'emulator'];

export async function botFrameworkService() {
  const published = await generateKeyPair('RS256', { extractable: true });
  const teamsOnly = await generateKeyPair('RS256', { extractable: true });
  // Same key id as the published key, different key: its signatures must not verify.
  const unpublished = await generateKeyPair('RS256', { extractable: true });
  const jwk = async (key: CryptoKey, kid: string, endorsements: string[]): Promise<JWK & { endorsements: string[] }> => ({
    ...(await exportJWK(key)),
    kid,
    use: 'sig',
    endorsements,
  });
  const keySet = { keys: [await jwk(published.publicKey, 'bf-key-1', allChannels), await jwk(teamsOnly.publicKey, 'bf-key-teams', ['msteams'])] };
  const privateKeys: Record<SigningKey, { key: CryptoKey; kid: string }> = {
    published: { key: published.privateKey, kid: 'bf-key-1' },
    'teams-only': { key: teamsOnly.privateKey, kid: 'bf-key-teams' },
    unpublished: { key: unpublished.privateKey, kid: 'bf-key-1' },
  };

  const calls = { metadata: 0, keys: 0, tokenRequests: [] as { tenant: string; form: URLSearchParams }[], connector: [] as ConnectorCall[] };
  let tokenFailure: Record<string, unknown> | undefined;

  const connectorHandler = http.post(/\/v3\/conversations(\/[^/]+\/activities(\/[^/]+)?)?$/, async ({ request }) => {
    const url = new URL(request.url);
    const match = /^(.*?)\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?$/.exec(url.pathname) as RegExpExecArray;
    const [, prefix, conversationId, activityId] = match;
    const call: ConnectorCall = {
      serviceUrl: `${url.origin}${prefix}/`,
      operation: conversationId === undefined ? 'create' : activityId === undefined ? 'send' : 'reply',
      ...(conversationId !== undefined && { conversationId: decodeURIComponent(conversationId) }),
      ...(activityId !== undefined && { activityId: decodeURIComponent(activityId) }),
      authorization: request.headers.get('authorization'),
      body: (await request.json()) as Record<string, unknown>,
    };
    calls.connector.push(call);
    if (call.authorization !== `Bearer ${connectorToken}`) {
      return HttpResponse.json({ error: { code: 'Unauthorized', message: 'Authorization has been denied for this request.' } }, { status: 401 });
    }
    return HttpResponse.json(call.operation === 'create' ? createConversationResponse : resourceResponse, { status: call.operation === 'create' ? 201 : 200 });
  });

  const handlers = [
    http.get(openIdMetadataUrl, () => {
      calls.metadata += 1;
      return HttpResponse.json(openIdConfiguration);
    }),
    http.get(openIdConfiguration.jwks_uri, () => {
      calls.keys += 1;
      return HttpResponse.json(keySet);
    }),
    http.post('https://login.microsoftonline.com/:tenant/oauth2/v2.0/token', async ({ request, params }) => {
      calls.tokenRequests.push({ tenant: String(params['tenant']), form: new URLSearchParams(await request.text()) });
      if (tokenFailure !== undefined) return HttpResponse.json(tokenFailure, { status: 401 });
      return HttpResponse.json(tokenResponse);
    }),
    connectorHandler,
  ];

  /** A token as the Bot Framework service would send it with an activity (change one thing to break it). */
  async function token(options: TokenOptions = {}): Promise<string> {
    const signing = privateKeys[options.key ?? 'published'];
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = options.expiresIn ?? 3600;
    return new SignJWT({ serviceurl: options.serviceUrl ?? 'https://webchat.botframework.com/' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(options.withKeyId !== false && { kid: signing.kid }) })
      .setIssuer(options.issuer ?? 'https://api.botframework.com')
      .setAudience(options.audience ?? appId)
      .setIssuedAt(Math.min(now, now + expiresIn - 600))
      .setNotBefore(Math.min(now, now + expiresIn - 600))
      .setExpirationTime(now + expiresIn)
      .sign(signing.key);
  }

  /** The same claims with `alg: none` and no signature. */
  function unsignedToken(serviceUrl = 'https://webchat.botframework.com/'): string {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ iss: 'https://api.botframework.com', aud: appId, serviceurl: serviceUrl, nbf: now, iat: now, exp: now + 3600 })}.`;
  }

  return {
    handlers,
    calls,
    token,
    unsignedToken,
    /** The token endpoint answers every request with this error (null: succeed again). */
    failTokenRequests(body: Record<string, unknown> | null) {
      tokenFailure = body ?? undefined;
    },
  };
}
