// POST /api/messages, the Bot Framework messaging endpoint, on the real chat core: only requests the
// Bot Framework service signed for this bot pass, and a Web Chat question gets the chatbot's answer
// back through the Connector. The Bot Framework services are msw handlers (see __fixtures__).
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { silentLogger } from '../../src/logger.js';
import { botFrameworkFromConfig, type BotFramework } from '../../src/runtime/bot-framework.js';
import {
  appId,
  botFrameworkService,
  connectorToken,
  fixture,
  openIdMetadataUrl,
} from '../../src/staff-channels/adapters/__fixtures__/bot-framework-service.js';
import { testRuntime } from '../support/runtime.js';

type Service = Awaited<ReturnType<typeof botFrameworkService>>;
type Runtime = Awaited<ReturnType<typeof testRuntime>>;

const server = setupServer();
let service: Service;
let runtime: Runtime;
let bot: BotFramework;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' });
  runtime = await testRuntime();
}, 180_000); // PGlite and the demo ingest take long on a busy machine
afterAll(async () => {
  server.close();
  await runtime.close();
});
beforeEach(async () => {
  service = await botFrameworkService();
  server.resetHandlers(...service.handlers);
  // A fresh endpoint per test: its token and key caches start empty.
  const config = loadConfig({ MICROSOFT_APP_ID: appId, MICROSOFT_APP_PASSWORD: 'test-secret', BOT_OPENID_METADATA_URL: openIdMetadataUrl, PUBLIC_URL: 'https://hjaelp.fjordby.dk' });
  bot = botFrameworkFromConfig(config, { chat: runtime.chat, database: runtime.database, events: runtime.events, logger: silentLogger }) as BotFramework;
  app = createApp({ chat: runtime.chat, events: runtime.events, index: runtime.index, database: runtime.database, logger: silentLogger, botFramework: bot.routes });
});

const webChatMessage = (overrides: Record<string, unknown> = {}) => ({ ...fixture('webchat-message-activity'), ...overrides });

async function post(activity: unknown, authorization: string | undefined) {
  const response = await app.request('/api/messages', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...(authorization !== undefined && { Authorization: authorization }) },
    body: JSON.stringify(activity),
  });
  // Replies go out after the 200; wait for them so the test sees what the Connector got.
  await bot.routes.background.idle();
  return response;
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; requestId: string } }).error;
}

describe('Bot Framework authentication', () => {
  it('accepts an activity with a valid Bot Framework token', async () => {
    const response = await post(fixture('webchat-conversation-update-activity'), `Bearer ${await service.token()}`);
    expect(response.status).toBe(200);
  });

  const rejected: [string, (service: Service) => Promise<string | undefined>, RegExp][] = [
    ['no Authorization header', async () => undefined, /Authorization header is missing/],
    ['a Basic instead of a Bearer token', async () => 'Basic YWxhZGRpbjpvcGVuc2VzYW1l', /must be "Bearer <token>"/],
    ['an expired token', async (s) => `Bearer ${await s.token({ expiresIn: -600 })}`, /expired/],
    ['a token for another bot (wrong audience)', async (s) => `Bearer ${await s.token({ audience: '0f0f0f0f-1111-2222-3333-444444444444' })}`, /audience/],
    ['a token from another issuer', async (s) => `Bearer ${await s.token({ issuer: 'https://sts.windows.net/2c9f6e1a-3b4d-4e5f-9a8b-7c6d5e4f3a2b/' })}`, /issuer/],
    ['an unsigned token (alg none)', async (s) => `Bearer ${s.unsignedToken()}`, /RS256|not a valid signed JWT/],
    ['a token signed with a key Bot Framework does not publish', async (s) => `Bearer ${await s.token({ key: 'unpublished' })}`, /signature/],
    ['a token issued for another serviceUrl', async (s) => `Bearer ${await s.token({ serviceUrl: 'https://attacker.example/' })}`, /serviceUrl/],
    ['a token signed with a key endorsed for Teams only, on a Web Chat activity', async (s) => `Bearer ${await s.token({ key: 'teams-only' })}`, /not endorsed for channel "webchat"/],
    ['a token that is not a JWT at all', async () => 'Bearer hello', /not a valid signed JWT/],
    ['a token without a key id, signed with a key endorsed for Teams only', async (s) => `Bearer ${await s.token({ key: 'teams-only', withKeyId: false })}`, /names no signing key/],
  ];

  it.each(rejected)('rejects %s with 401 in the error envelope, and answers nothing', async (_name, authorization, reason) => {
    const response = await post(webChatMessage(), await authorization(service));
    expect(response.status).toBe(401);
    const error = await errorOf(response);
    expect(error.code).toBe('unauthorized');
    expect(error.message).toMatch(reason);
    expect(error.requestId).toBe(response.headers.get('X-Request-Id'));
    expect(service.calls.connector).toEqual([]);
    expect(service.calls.tokenRequests).toEqual([]);
  });

  it('refuses junk and unsigned tokens without fetching anything on their behalf', async () => {
    expect((await post(webChatMessage(), 'Bearer hello')).status).toBe(401);
    expect((await post(webChatMessage(), `Bearer ${service.unsignedToken()}`)).status).toBe(401);
    expect(service.calls.metadata).toBe(0);
    expect(service.calls.keys).toBe(0);
  });

  it('reads the OpenID metadata and keys once, not for every request', async () => {
    for (let i = 0; i < 3; i += 1) {
      expect((await post(fixture('webchat-conversation-update-activity'), `Bearer ${await service.token()}`)).status).toBe(200);
    }
    expect(service.calls.metadata).toBe(1);
    expect(service.calls.keys).toBe(1);
  });

  it('answers 503, not 401, while the Bot Framework keys cannot be read, so the service retries', async () => {
    server.use(http.get(openIdMetadataUrl, () => HttpResponse.json({ error: 'unavailable' }, { status: 503 })));
    const response = await post(webChatMessage(), `Bearer ${await service.token()}`);
    expect(response.status).toBe(503);
    expect(await errorOf(response)).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/OpenID metadata/) });
    expect(service.calls.connector).toEqual([]);
  });

  it('says which field is wrong when the body is not an activity', async () => {
    const response = await post({ type: 'message', text: 'hej' }, `Bearer ${await service.token()}`);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/serviceUrl/);
  });
});

describe('Web Chat and Direct Line citizens', () => {
  it('answers a Web Chat question with the parking page, as a reply in the same conversation, listing the sources', async () => {
    const activity = webChatMessage({ conversation: { id: 'conversation-parking-eu' }, id: 'conversation-parking-eu|0000001' });
    const response = await post(activity, `Bearer ${await service.token()}`);
    expect(response.status).toBe(200);

    expect(service.calls.tokenRequests).toHaveLength(1);
    const tokenRequest = service.calls.tokenRequests[0];
    expect(tokenRequest?.tenant).toBe('botframework.com');
    expect(Object.fromEntries(tokenRequest?.form ?? [])).toEqual({
      grant_type: 'client_credentials',
      client_id: appId,
      client_secret: 'test-secret',
      scope: 'https://api.botframework.com/.default',
    });

    expect(service.calls.connector).toHaveLength(1);
    const [call] = service.calls.connector;
    expect(call).toMatchObject({
      serviceUrl: 'https://webchat.botframework.com/',
      operation: 'reply',
      conversationId: 'conversation-parking-eu',
      activityId: 'conversation-parking-eu|0000001',
      authorization: `Bearer ${connectorToken}`,
    });
    expect(call?.body).toMatchObject({
      type: 'message',
      replyToId: 'conversation-parking-eu|0000001',
      conversation: { id: 'conversation-parking-eu' },
      recipient: { id: 'dl_2f9d6c1b8a7e4f3d' },
      from: { id: 'hospital-help-bot@QaY1Zb2Xc3' },
      textFormat: 'markdown',
      locale: 'da',
    });
    const text = String(call?.body['text']);
    expect(text).toMatch(/^Det står på hospitalets side:\nDu kan parkere i P-hus Nord/);
    expect(text).toMatch(/\n\nKilder:\n\n1\. \[[^\]]+\]\(https:\/\/hjaelp\.fjordby\.dk\/demo\/fjordby\/praktisk\/parkering\)/);
  });

  it('keeps one chat session per conversation, so a follow-up is understood', async () => {
    const authorization = `Bearer ${await service.token()}`;
    const conversation = { id: 'conversation-follow-up-eu' };
    await post(webChatMessage({ conversation, id: 'conversation-follow-up-eu|0000001', text: 'Hvor kan jeg parkere på Lyngå Sygehus?' }), authorization);
    await post(webChatMessage({ conversation, id: 'conversation-follow-up-eu|0000002', text: 'Hvad koster det?' }), authorization);
    const rows = await runtime.database.query<{ session_id: string }>("SELECT session_id FROM bot_conversations WHERE conversation_id = 'conversation-follow-up-eu'");
    expect(rows).toHaveLength(1);
    const messages = await runtime.chat.messages(rows[0]?.session_id as string);
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(service.calls.connector[1]?.body['text']).toContain('/demo/lyngaa/praktisk/parkering');
    // The bot's token is reused until shortly before it expires.
    expect(service.calls.tokenRequests).toHaveLength(1);
  });

  it('shows the emergency card first for chest pain, in the citizen\'s conversation', async () => {
    const activity = webChatMessage({ conversation: { id: 'conversation-emergency-eu' }, id: 'conversation-emergency-eu|0000001', text: 'Min far har ondt i brystet og sveder' });
    await post(activity, `Bearer ${await service.token()}`);
    const text = String(service.calls.connector[0]?.body['text']);
    expect(text.startsWith('Ring 112 nu.')).toBe(true);
  });

  it('answers a Direct Line client in English when it writes in English', async () => {
    const serviceUrl = 'https://europe.directline.botframework.com/';
    const activity = webChatMessage({ channelId: 'directline', serviceUrl, locale: 'en-GB', conversation: { id: 'dl-conversation-en' }, id: 'dl-conversation-en|0000001', text: 'Where can I park at the hospital?' });
    const response = await post(activity, `Bearer ${await service.token({ serviceUrl })}`);
    expect(response.status).toBe(200);
    const [call] = service.calls.connector;
    expect(call?.serviceUrl).toBe(serviceUrl);
    expect(call?.body).toMatchObject({ locale: 'en', replyToId: 'dl-conversation-en|0000001' });
    expect(String(call?.body['text'])).toMatch(/\n\nSources:\n\n1\. \[/);
  });

  it('answers 200 and sends nothing for a conversationUpdate', async () => {
    const response = await post(fixture('webchat-conversation-update-activity'), `Bearer ${await service.token()}`);
    expect(response.status).toBe(200);
    expect(service.calls.connector).toEqual([]);
  });

  it("keeps the citizen's question when Entra ID refuses the bot's secret, and asks for a token again next time", async () => {
    service.failTokenRequests(fixture('token-error-invalid-client'));
    const conversation = { id: 'conversation-token-failure-eu' };
    const authorization = `Bearer ${await service.token()}`;
    const response = await post(webChatMessage({ conversation, id: 'conversation-token-failure-eu|0000001' }), authorization);
    expect(response.status).toBe(200);
    expect(service.calls.connector).toEqual([]);
    const [row] = await runtime.database.query<{ session_id: string }>("SELECT session_id FROM bot_conversations WHERE conversation_id = 'conversation-token-failure-eu'");
    const messages = await runtime.chat.messages(row?.session_id as string);
    expect(messages[0]).toMatchObject({ role: 'user', text: 'Hvor kan jeg parkere?' });

    service.failTokenRequests(null);
    await post(webChatMessage({ conversation, id: 'conversation-token-failure-eu|0000002', text: 'Hvad koster det?' }), authorization);
    expect(service.calls.tokenRequests).toHaveLength(2);
    expect(service.calls.connector).toHaveLength(1);
  });
});

describe('without MICROSOFT_APP_ID', () => {
  it('has no /api/messages route', async () => {
    expect(botFrameworkFromConfig(loadConfig({}), { chat: runtime.chat, database: runtime.database, events: runtime.events, logger: silentLogger })).toBeUndefined();
    const plain = createApp({ chat: runtime.chat, events: runtime.events, index: runtime.index, database: runtime.database, logger: silentLogger });
    const response = await plain.request('/api/messages', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
  });
});
