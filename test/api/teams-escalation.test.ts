// Teams as a staff channel on the real escalation service: a citizen asks for a person, the card
// appears in the Teams channel, and a nurse's reply in the card's thread reaches the citizen's chat.
// Bot Framework and Teams are msw handlers (see src/staff-channels/adapters/__fixtures__).
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { ChatService } from '../../src/chat/chat-service.js';
import { loadConfig } from '../../src/config.js';
import { EscalationService } from '../../src/escalation/escalation-service.js';
import { defaultEscalationSettings } from '../../src/escalation/settings.js';
import type { StaffChannel } from '../../src/escalation/types.js';
import { createApp } from '../../src/http/app.js';
import { silentLogger } from '../../src/logger.js';
import { botFrameworkFromConfig, type BotFramework } from '../../src/runtime/bot-framework.js';
import {
  appId,
  botFrameworkService,
  fixture,
  openIdMetadataUrl,
  teamsChannelId,
  teamsServiceUrl,
} from '../../src/staff-channels/adapters/__fixtures__/bot-framework-service.js';
import { testRuntime } from '../support/runtime.js';

type Service = Awaited<ReturnType<typeof botFrameworkService>>;
type Runtime = Awaited<ReturnType<typeof testRuntime>>;

const server = setupServer();
let service: Service;
let runtime: Runtime;
let bot: BotFramework;
let chat: ChatService;
let escalations: EscalationService;
let app: ReturnType<typeof createApp>;
let configuration: ReturnType<typeof loadConfig>;

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
  const config = loadConfig({
    MICROSOFT_APP_ID: appId,
    MICROSOFT_APP_PASSWORD: 'test-secret',
    TEAMS_SERVICE_URL: teamsServiceUrl,
    TEAMS_CHANNEL_ID: teamsChannelId,
    BOT_OPENID_METADATA_URL: openIdMetadataUrl,
    PUBLIC_URL: 'https://hjaelp.fjordby.dk',
  });
  configuration = config;
  const { database, events, answers } = runtime;
  // The escalation service announces to Teams, and Teams replies go to the escalation service: the
  // channel list is filled once the Bot Framework pieces exist.
  const channels: StaffChannel[] = [];
  // A Tuesday morning: Patientservice is open.
  escalations = new EscalationService({ database, events, settings: defaultEscalationSettings, logger: silentLogger, now: () => new Date('2026-11-24T09:30:00Z'), channels });
  chat = new ChatService({ database, events, answers, escalations, escalationPolicy: defaultEscalationSettings });
  bot = botFrameworkFromConfig(config, { chat, database, events, logger: silentLogger, staff: escalations }) as BotFramework;
  if (bot.teams !== undefined) channels.push(bot.teams);
  app = createApp({ chat, events, index: runtime.index, database, logger: silentLogger, botFramework: bot.routes });
});

it("a citizen's request for a person appears in Teams, and the nurse's reply in the card's thread reaches the citizen", async () => {
  const session = await chat.createSession({ hospital: 'fjordby', language: 'da' });
  await chat.ask(session.id, { text: 'Hvor kan jeg parkere?' });
  await chat.ask(session.id, { text: 'Kan jeg tale med et menneske?' });

  // The escalation service tells Teams after its commit, without waiting.
  await vi.waitFor(async () => expect(await runtime.database.query("SELECT 1 FROM bot_conversations WHERE purpose = 'staff-thread'")).toHaveLength(1));
  const [create] = service.calls.connector;
  expect(create).toMatchObject({ operation: 'create', serviceUrl: teamsServiceUrl, body: { channelData: { channel: { id: teamsChannelId } } } });
  const card = JSON.stringify((create?.body['activity'] as { attachments: { content: unknown }[] }).attachments[0]?.content);
  expect(card).toContain('Hvor kan jeg parkere?');
  expect(card).toContain('"title":"Sprog","value":"Dansk"');
  // The service's console link is relative; Teams gets it against PUBLIC_URL.
  expect(card).toContain(`"url":"https://hjaelp.fjordby.dk/staff#/chats/${session.id}"`);

  const response = await app.request('/api/messages', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await service.token({ serviceUrl: teamsServiceUrl })}` },
    body: JSON.stringify(fixture('teams-thread-reply-activity')),
  });
  expect(response.status).toBe(200);
  await bot.routes.background.idle();

  expect(await escalations.status(session.id)).toMatchObject({ state: 'staff', staffName: 'Mette' });
  const messages = await chat.messages(session.id);
  expect(messages.at(-1)).toMatchObject({ role: 'staff', text: 'Hej, jeg hedder Mette og er sygeplejerske. Jeg ringer dig op om 5 minutter.' });
  // While Mette has the chat, the chatbot stays silent; what the citizen writes appears in the
  // thread, with the phone number left out (Teams is outside the transcript's access control), once,
  // even when another replica listens to the same chat.
  const otherReplica = botFrameworkFromConfig(configuration, { chat, database: runtime.database, events: runtime.events, logger: silentLogger }) as BotFramework;
  otherReplica.relay.watch(session.id);
  service.calls.connector.length = 0;
  const { answer } = await chat.ask(session.id, { text: 'Tak, jeg venter. Mit nummer er 20 30 40 50.' });
  expect(answer).toBeNull();
  await Promise.all([bot.routes.background.idle(), otherReplica.routes.background.idle()]);
  expect(service.calls.connector).toHaveLength(1);
  expect(service.calls.connector[0]).toMatchObject({
    operation: 'send',
    serviceUrl: teamsServiceUrl,
    conversationId: `${teamsChannelId};messageid=1764133200123`,
    body: { type: 'message', text: 'Borgeren skriver: Tak, jeg venter. Mit nummer er [TELEFON].' },
  });
});

it('the Teams thread is told when a person takes the chat over in the console, hands it back, and when a chat ends', async () => {
  const thread = async (sessionId: string) => {
    await vi.waitFor(async () => expect(await runtime.database.query('SELECT 1 FROM bot_conversations WHERE session_id = $1', [sessionId])).toHaveLength(1));
    await bot.routes.background.idle();
  };
  const sent = () => service.calls.connector.filter((call) => call.operation === 'send').map((call) => (call.body as { text: string }).text);
  const jonas = { id: 'staff-jonas', displayName: 'Jonas' };

  const session = await chat.createSession({ hospital: 'fjordby', language: 'da' });
  await chat.ask(session.id, { text: 'Kan jeg tale med et menneske?' });
  await thread(session.id);
  service.calls.connector.length = 0;
  await escalations.takeOver(session.id, jonas);
  // A callback request while Jonas has the chat changes nothing for the thread.
  await escalations.requestCallback(session.id, { phone: '20 30 40 50', preferredTime: 'any', consent: true });
  await escalations.handBack(session.id, jonas);
  await bot.routes.background.idle();
  expect(sent()).toEqual(['Jonas har overtaget samtalen.', 'Jonas gav samtalen tilbage til chatbotten.']);
  expect(sent().join(' ')).not.toContain('20 30 40 50');

  const other = await chat.createSession({ hospital: 'fjordby', language: 'da' });
  await chat.ask(other.id, { text: 'Jeg vil gerne tale med en person' });
  await thread(other.id);
  service.calls.connector.length = 0;
  await escalations.takeOver(other.id, jonas);
  await escalations.close(other.id, jonas, 'answered');
  await bot.routes.background.idle();
  expect(sent()).toEqual(['Jonas har overtaget samtalen.', 'Samtalen er afsluttet.']);

  const cancelled = await chat.createSession({ hospital: 'fjordby', language: 'da' });
  await chat.ask(cancelled.id, { text: 'Kan jeg tale med et menneske?' });
  await thread(cancelled.id);
  service.calls.connector.length = 0;
  await escalations.cancel(cancelled.id);
  await bot.routes.background.idle();
  expect(sent()).toEqual(['Borgeren venter ikke længere. Chatbotten svarer igen.']);
});

it('after a restart, the Teams thread of an open escalation still hears what the citizen writes', async () => {
  const session = await chat.createSession({ hospital: 'fjordby', language: 'da' });
  await chat.ask(session.id, { text: 'Kan jeg tale med et menneske?' });
  await vi.waitFor(async () => expect(await runtime.database.query('SELECT 1 FROM bot_conversations WHERE session_id = $1', [session.id])).toHaveLength(1));

  // A new process: nothing listens to the chat until resume() looks up the open escalations.
  const restarted = botFrameworkFromConfig(configuration, { chat, database: runtime.database, events: runtime.events, logger: silentLogger, staff: escalations }) as BotFramework;
  bot.relay.stopAll();
  expect(await restarted.relay.resume()).toBeGreaterThanOrEqual(1);
  service.calls.connector.length = 0;
  await chat.ask(session.id, { text: 'Er der nogen?' });
  await restarted.routes.background.idle();
  expect(service.calls.connector).toMatchObject([{ operation: 'send', serviceUrl: teamsServiceUrl, body: { text: 'Borgeren skriver: Er der nogen?' } }]);
});

it('a citizen on Web Chat who asks for a person gets the nurse\'s reply from Teams in the same Web Chat conversation, once', async () => {
  const webChat = (id: string, text: string) => ({ ...fixture('webchat-message-activity'), conversation: { id: 'webchat-escalation-eu' }, id, text });
  const post = async (activity: unknown, serviceUrl: string) => {
    const response = await app.request('/api/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await service.token({ serviceUrl })}` },
      body: JSON.stringify(activity),
    });
    expect(response.status).toBe(200);
    await bot.routes.background.idle();
  };
  await post(webChat('webchat-escalation-eu|0000001', 'Kan jeg tale med et menneske?'), 'https://webchat.botframework.com/');
  // The bot's reply (the queue message) goes to Web Chat; the card to Teams.
  await vi.waitFor(() => expect(service.calls.connector.map((call) => call.operation).sort()).toEqual(['create', 'reply']));
  service.calls.connector.length = 0;

  await post(fixture('teams-thread-reply-activity'), teamsServiceUrl);
  // Mette's reply reaches Web Chat once; the thread is told she has the chat.
  await vi.waitFor(() => expect(service.calls.connector).toHaveLength(2));
  expect(service.calls.connector.filter((call) => call.serviceUrl === 'https://webchat.botframework.com/')).toMatchObject([
    {
      operation: 'send',
      conversationId: 'webchat-escalation-eu',
      body: { type: 'message', text: 'Mette: Hej, jeg hedder Mette og er sygeplejerske. Jeg ringer dig op om 5 minutter.' },
    },
  ]);
  expect(service.calls.connector.filter((call) => call.serviceUrl === teamsServiceUrl)).toMatchObject([{ operation: 'send', body: { text: 'Mette har overtaget samtalen.' } }]);

  // The citizen answers on Web Chat: the bot stays silent there and Mette sees it in the thread.
  service.calls.connector.length = 0;
  await post(webChat('webchat-escalation-eu|0000003', 'Tak!'), 'https://webchat.botframework.com/');
  expect(service.calls.connector).toHaveLength(1);
  expect(service.calls.connector[0]).toMatchObject({ operation: 'send', serviceUrl: teamsServiceUrl, body: { text: 'Borgeren skriver: Tak!' } });
});
