// Microsoft Teams as a staff channel: the escalation card in the configured channel, and a staff
// member's reply in the card's thread handed to StaffActions. The escalation service is not part of
// this unit: a fake StaffActions records what Teams asked of it (one chat, one owner, as the contract says).
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testRuntime } from '../../../test/support/runtime.js';
import { loadConfig } from '../../config.js';
import { AppError } from '../../errors.js';
import type { EscalationForStaff, EscalationStatus, StaffActions, StaffIdentity } from '../../escalation/types.js';
import { createApp } from '../../http/app.js';
import { silentLogger } from '../../logger.js';
import { botFrameworkFromConfig, type BotFramework } from '../../runtime/bot-framework.js';
import { BotConversations } from '../bot-conversations.js';
import { appId, botFrameworkService, connectorToken, fixture, openIdMetadataUrl, teamsChannelId, teamsServiceUrl } from './__fixtures__/bot-framework-service.js';
import { ConnectorClientBotConnector } from './bot-connector.js';
import { BotFrameworkTokenSource } from './bot-framework-token.js';
import { TeamsStaffChannel } from './teams.js';

type Service = Awaited<ReturnType<typeof botFrameworkService>>;
type Runtime = Awaited<ReturnType<typeof testRuntime>>;

/**
 * Records calls and answers as EscalationService does: only the staff member who has the chat may
 * write (409 otherwise), one may take it, and taking one's own chat again is a no-op.
 */
class RecordingStaffActions implements StaffActions {
  readonly calls: { action: string; sessionId: string; staff: StaffIdentity; text?: string }[] = [];
  private readonly owners = new Map<string, string>();

  async takeOver(sessionId: string, staff: StaffIdentity): Promise<EscalationStatus> {
    this.calls.push({ action: 'takeOver', sessionId, staff });
    const owner = this.owners.get(sessionId);
    if (owner !== undefined && owner !== staff.id) throw new AppError('conflict', 'Mette has already taken over this chat.');
    this.owners.set(sessionId, staff.id);
    return { state: 'staff', open: true, staffName: staff.displayName };
  }
  async postStaffMessage(sessionId: string, staff: StaffIdentity, text: string): Promise<void> {
    this.calls.push({ action: 'postStaffMessage', sessionId, staff, text });
    if (this.owners.get(sessionId) !== staff.id) throw new AppError('conflict', 'Take over the chat first: nobody has it now.');
  }
  async handBack(): Promise<EscalationStatus> {
    throw new Error('not used by Teams');
  }
  async close(): Promise<EscalationStatus> {
    throw new Error('not used by Teams');
  }
}

const server = setupServer();
let service: Service;
let runtime: Runtime;
let bot: BotFramework;
let staff: RecordingStaffActions;
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
  const config = loadConfig({
    MICROSOFT_APP_ID: appId,
    MICROSOFT_APP_PASSWORD: 'test-secret',
    MICROSOFT_APP_TENANT_ID: '2c9f6e1a-3b4d-4e5f-9a8b-7c6d5e4f3a2b',
    TEAMS_SERVICE_URL: teamsServiceUrl,
    TEAMS_CHANNEL_ID: teamsChannelId,
    BOT_OPENID_METADATA_URL: openIdMetadataUrl,
  });
  bot = botFrameworkFromConfig(config, { chat: runtime.chat, database: runtime.database, events: runtime.events, logger: silentLogger }) as BotFramework;
  staff = new RecordingStaffActions();
  bot.activities.connectStaff(staff);
  app = createApp({ chat: runtime.chat, events: runtime.events, index: runtime.index, database: runtime.database, logger: silentLogger, botFramework: bot.routes });
});

async function escalation(overrides: Partial<EscalationForStaff> = {}): Promise<EscalationForStaff> {
  const session = await runtime.chat.createSession({ hospital: 'fjordby', language: 'ar' });
  return {
    sessionId: session.id,
    state: 'waiting',
    reason: 'citizen',
    team: 'patientservice',
    priority: 1,
    hospital: 'fjordby',
    language: 'ar',
    requestedAt: '2026-11-26T09:15:00.000Z',
    summary: {
      language: 'ar',
      reason: 'citizen',
      emergencyFlagged: false,
      questions: ['Hvor kan jeg parkere?', 'Kan jeg tale med en person?'],
      lastAnswer: { text: 'Du kan parkere i P-hus Nord.', kind: 'answer', sources: [{ title: 'Parkering', url: 'https://fjordby.dk/parkering' }] },
      text: 'Borgeren skriver på arabisk og spørger om parkering ved Fjordby. Chatbotten svarede med P-hus Nord; borgeren vil tale med en person.',
      madeBy: 'extractive',
    },
    ...overrides,
  };
}

const takeOverLink = (sessionId: string) => ({ takeOver: `https://hjaelp.fjordby.dk/staff/chats/${sessionId}` });

/** A staff member's message in the card's thread, as Teams sends it. */
const teamsReply = (overrides: Record<string, unknown> = {}) => ({ ...fixture('teams-thread-reply-activity'), ...overrides });

async function postFromTeams(activity: Record<string, unknown>) {
  const response = await app.request('/api/messages', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await service.token({ serviceUrl: teamsServiceUrl, key: 'teams-only' })}` },
    body: JSON.stringify(activity),
  });
  await bot.routes.background.idle();
  return response;
}

describe('announcing an escalation in Teams', () => {
  it('posts an Adaptive Card with the summary, language, reason and a "take over" link as a new thread in the configured channel', async () => {
    const escalated = await escalation();
    await bot.teams?.announce(escalated, takeOverLink(escalated.sessionId));

    expect(service.calls.tokenRequests.map((request) => request.tenant)).toEqual(['2c9f6e1a-3b4d-4e5f-9a8b-7c6d5e4f3a2b']);
    expect(service.calls.connector).toHaveLength(1);
    const [call] = service.calls.connector;
    expect(call).toMatchObject({ serviceUrl: teamsServiceUrl, operation: 'create', authorization: `Bearer ${connectorToken}` });
    expect(call?.body).toMatchObject({
      isGroup: true,
      channelData: { channel: { id: teamsChannelId }, tenant: { id: '2c9f6e1a-3b4d-4e5f-9a8b-7c6d5e4f3a2b' } },
      activity: { type: 'message' },
    });
    const attachments = (call?.body['activity'] as { attachments: { contentType: string; content: Record<string, unknown> }[] }).attachments;
    expect(attachments).toHaveLength(1);
    expect(attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = attachments[0]?.content as { type: string; body: Record<string, unknown>[]; actions: Record<string, unknown>[] };
    expect(card.type).toBe('AdaptiveCard');
    const shown = JSON.stringify(card.body);
    expect(shown).toContain(escalated.summary.text);
    expect(shown).toContain('"title":"Sprog","value":"Arabisk"');
    expect(shown).toContain('Borgeren bad om at tale med en person');
    expect(shown).toContain('"value":"fjordby"');
    expect(shown).toContain('Kan jeg tale med en person?');
    expect(shown).not.toContain('nødsituation');
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Overtag samtalen', url: `https://hjaelp.fjordby.dk/staff/chats/${escalated.sessionId}` }]);

    // The thread (the card's conversation) now leads to the citizen's chat.
    const link = await new BotConversations(runtime.database).find({ channelId: 'msteams', conversationId: `${teamsChannelId};messageid=1764133200123` });
    expect(link).toMatchObject({ purpose: 'staff-thread', sessionId: escalated.sessionId, serviceUrl: teamsServiceUrl });
  });

  it('puts an emergency warning at the top of the card when the chat showed the emergency card', async () => {
    const escalated = await escalation({ reason: 'emergency', priority: 0 });
    escalated.summary = { ...escalated.summary, emergencyFlagged: true, reason: 'emergency' };
    await bot.teams?.announce(escalated, takeOverLink(escalated.sessionId));
    const activity = service.calls.connector[0]?.body['activity'] as { summary: string; attachments: { content: { body: { text?: string; color?: string }[] } }[] };
    expect(activity.attachments[0]?.content.body[0]).toMatchObject({ color: 'attention', text: expect.stringMatching(/^Mulig nødsituation/) });
    expect(activity.summary).toMatch(/^Mulig nødsituation/);
  });

  it('asks Entra ID for a token once and reuses it until five minutes before it expires', async () => {
    let now = Date.parse('2026-11-26T09:00:00Z');
    const tokens = new BotFrameworkTokenSource({ appId, appPassword: 'test-secret' }, () => now);
    const channel = new TeamsStaffChannel({
      connector: new ConnectorClientBotConnector(tokens),
      conversations: new BotConversations(runtime.database),
      settings: { appId, serviceUrl: teamsServiceUrl, channelId: teamsChannelId, publicUrl: 'https://hjaelp.fjordby.dk' },
    });
    const first = await escalation();
    await Promise.all([channel.announce(first, takeOverLink(first.sessionId)), channel.announce(first, takeOverLink(first.sessionId))]);
    now += 50 * 60 * 1000; // the fixture's token lives 3,599 s
    await channel.announce(first, takeOverLink(first.sessionId));
    expect(service.calls.tokenRequests).toHaveLength(1);
    expect(service.calls.tokenRequests[0]?.tenant).toBe('botframework.com');
    now += 5 * 60 * 1000;
    await channel.announce(first, takeOverLink(first.sessionId));
    expect(service.calls.tokenRequests).toHaveLength(2);
    expect(service.calls.connector.map((call) => call.authorization)).toEqual(Array(4).fill(`Bearer ${connectorToken}`));
  });

  it('fails loudly, naming the setting, when Entra ID refuses the bot secret (the escalation service logs it)', async () => {
    service.failTokenRequests(fixture('token-error-invalid-client'));
    const escalated = await escalation();
    await expect(bot.teams?.announce(escalated, takeOverLink(escalated.sessionId))).rejects.toThrow(/MICROSOFT_APP_PASSWORD.*AADSTS7000215/);
    expect(service.calls.connector).toEqual([]);
  });
});

describe('a staff reply in the Teams thread (fake StaffActions)', () => {
  async function announced(): Promise<EscalationForStaff> {
    const escalated = await escalation();
    await bot.teams?.announce(escalated, takeOverLink(escalated.sessionId));
    service.calls.connector.length = 0;
    return escalated;
  }

  it('takes the chat over as that Teams user (first name only) and sends the words without the @mention', async () => {
    const { sessionId } = await announced();
    const response = await postFromTeams(teamsReply());
    expect(response.status).toBe(200);
    const mette = { id: 'teams:7faf7e3c-6c2a-4b39-9f0e-1c2d3e4f5a6b', displayName: 'Mette' };
    const text = 'Hej, jeg hedder Mette og er sygeplejerske. Jeg ringer dig op om 5 minutter.';
    expect(staff.calls).toEqual([
      { action: 'postStaffMessage', sessionId, staff: mette, text },
      { action: 'takeOver', sessionId, staff: mette },
      { action: 'postStaffMessage', sessionId, staff: mette, text },
    ]);
    // Nothing is said in the thread when it worked.
    expect(service.calls.connector).toEqual([]);

    staff.calls.length = 0;
    await postFromTeams(teamsReply({ id: '1764133900123', text: '<at>Hospitalshjælp</at> Er du der stadig?' }));
    expect(staff.calls).toEqual([{ action: 'postStaffMessage', sessionId, staff: mette, text: 'Er du der stadig?' }]);
  });

  it('tells a second staff member in the thread that a colleague has the chat, and the citizen gets nothing from them', async () => {
    const { sessionId } = await announced();
    await postFromTeams(teamsReply());
    staff.calls.length = 0;
    const jonas = { id: '29:2abc', name: 'Jonas Nielsen', aadObjectId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a' };
    await postFromTeams(teamsReply({ id: '1764134000123', from: jonas, text: '<at>Hospitalshjælp</at> Jeg tager den!' }));
    expect(staff.calls.map((call) => call.action)).toEqual(['postStaffMessage', 'takeOver']);
    expect(staff.calls[1]).toMatchObject({ sessionId, staff: { id: 'teams:9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a', displayName: 'Jonas' } });
    expect(service.calls.connector).toHaveLength(1);
    expect(service.calls.connector[0]).toMatchObject({
      serviceUrl: teamsServiceUrl,
      operation: 'reply',
      conversationId: `${teamsChannelId};messageid=1764133200123`,
      activityId: '1764134000123',
      body: { replyToId: '1764134000123', text: expect.stringMatching(/^Din besked blev ikke sendt: en kollega har samtalen.*\(Mette has already taken over this chat\.\)$/) },
    });
  });

  it('does not answer staff in the thread with the chatbot', async () => {
    await announced();
    await postFromTeams(teamsReply({ text: '<at>Hospitalshjælp</at> Hvor kan jeg parkere?' }));
    expect(service.calls.connector).toEqual([]);
    expect(staff.calls.at(-1)).toMatchObject({ action: 'postStaffMessage', text: 'Hvor kan jeg parkere?' });
  });
});
