// Escalation to a person, on the real core (PGlite, demo content, extractive answers) and through
// the citizen's HTTP routes: the queue and its order, opening hours with Danish public holidays,
// callback requests, take-over by exactly one member of staff, hand back and close, and the
// chatbot escalating by itself (a request in words, an emergency, refusals in a row, a topic).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src/chat/event-bus.js';
import { normalisePhone } from '../../src/escalation/escalation-service.js';
import type { EscalationForStaff, EscalationStatus, StaffChannel } from '../../src/escalation/types.js';
import type { Logger } from '../../src/logger.js';
import { testRuntime } from '../support/runtime.js';

// Wednesday 25 November 2026, 10:00 in Copenhagen: Patientservice is open (weekdays 8–15).
const WEDNESDAY_10 = new Date('2026-11-25T09:00:00Z');
// Easter Monday 2027 (Easter Sunday is 28 March), 10:00 summer time: a public holiday, closed.
const EASTER_MONDAY_10 = new Date('2027-03-29T08:00:00Z');
// Ascension Day 2027 (39 days after Easter: Thursday 6 May), 10:00.
const ASCENSION_10 = new Date('2027-05-06T08:00:00Z');
// Friday 27 November 2026, 16:00: after hours, before a weekend.
const FRIDAY_16 = new Date('2026-11-27T15:00:00Z');

const logLines: Record<string, unknown>[] = [];
function recordingLogger(): Logger {
  const write = (level: string) => (fields: Record<string, unknown>) => void logLines.push({ level, ...fields });
  const logger: Logger = { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error'), child: () => logger };
  return logger;
}

const announced: EscalationForStaff[] = [];
const teams: StaffChannel = { name: 'teams-test', announce: async (escalation) => void announced.push(escalation) };

let clock = WEDNESDAY_10;
let runtime: Awaited<ReturnType<typeof testRuntime>>;
beforeAll(async () => {
  runtime = await testRuntime({ now: () => clock, logger: recordingLogger(), staffChannels: [teams] });
}, 120_000);
afterAll(() => runtime.close());

const mette = { id: 'staff-mette', displayName: 'Mette' };
const jonas = { id: 'staff-jonas', displayName: 'Jonas' };

async function newChat(language: 'da' | 'en' | 'ar' = 'da', hospital = 'fjordby') {
  return (await runtime.chat.createSession({ hospital, language })).id;
}

/** Every session-state event of a session so far, oldest first. */
async function states(sessionId: string): Promise<EscalationStatus[]> {
  const events: SessionEvent[] = await runtime.chat.eventsSince(sessionId, undefined);
  return events.filter((event) => event.type === 'session-state').map((event) => (event.payload as { escalation: EscalationStatus }).escalation);
}

async function emptyQueue() {
  for (const item of await runtime.escalations.queue()) {
    if (item.state === 'waiting') await runtime.escalations.cancel(item.sessionId);
    else if (item.claimedBy) await runtime.escalations.close(item.sessionId, { id: item.claimedBy.id, displayName: item.claimedBy.name }, 'other');
  }
}

describe('the queue inside opening hours', () => {
  beforeAll(async () => {
    clock = WEDNESDAY_10;
    await emptyQueue();
  });

  it('gives each citizen their place in line and an expected wait, and an emergency goes first', async () => {
    const first = await newChat();
    const second = await newChat();
    const a = await runtime.escalations.request(first, 'citizen');
    const b = await runtime.escalations.request(second, 'citizen');
    expect(a.status).toMatchObject({ state: 'waiting', open: true, queuePosition: 1, expectedWaitMinutes: 4, team: 'patientservice' });
    expect(b.status).toMatchObject({ state: 'waiting', queuePosition: 2, expectedWaitMinutes: 8 });

    // Asking twice changes nothing.
    expect(await runtime.escalations.request(second, 'citizen')).toMatchObject({ created: false, status: { queuePosition: 2 } });

    const urgent = await newChat();
    const { answer } = await runtime.chat.ask(urgent, { text: 'Min far har ondt i brystet og kan ikke få vejret' });
    expect(answer?.kind).toBe('emergency');
    expect((await runtime.escalations.status(urgent)).queuePosition).toBe(1);
    // The others moved back, and their widgets were told.
    expect((await states(first)).at(-1)).toMatchObject({ queuePosition: 2 });
    expect((await states(second)).at(-1)).toMatchObject({ queuePosition: 3 });
    expect((await runtime.escalations.queue()).map((item) => item.sessionId)).toEqual([urgent, first, second]);

    // The emergency card came first; the queue note after it.
    const transcript = await runtime.chat.messages(urgent);
    expect(transcript.map((message) => message.kind)).toEqual(['question', 'emergency', 'system']);
    expect(transcript[2]?.text).toMatch(/nummer 1 i køen/);

    // Staff take the first in line; everyone behind moves up and is told.
    await runtime.escalations.takeOver(urgent, mette);
    expect((await states(first)).at(-1)).toMatchObject({ queuePosition: 1, expectedWaitMinutes: 4 });
    expect((await states(second)).at(-1)).toMatchObject({ queuePosition: 2 });
  });

  it('a citizen who deletes their waiting conversation leaves the queue, and the one behind moves up and is told', async () => {
    await emptyQueue();
    const leaving = await newChat();
    const staying = await newChat();
    await runtime.escalations.request(leaving, 'citizen');
    expect((await runtime.escalations.request(staying, 'citizen')).status.queuePosition).toBe(2);

    expect((await runtime.app.request(`/api/sessions/${leaving}`, { method: 'DELETE' })).status).toBe(204);
    expect((await runtime.escalations.queue()).map((item) => item.sessionId)).toEqual([staying]);
    expect((await states(staying)).at(-1)).toMatchObject({ state: 'waiting', queuePosition: 1 });
    expect((await runtime.app.request(`/api/sessions/${leaving}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('tells staff channels (Teams) about each new escalation with its summary, once', async () => {
    const before = announced.length;
    const chat = await newChat('en');
    await runtime.chat.ask(chat, { text: 'Where can I park? My number is 20 30 40 50' });
    await runtime.escalations.request(chat, 'citizen');
    await runtime.escalations.request(chat, 'citizen');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const mine = announced.slice(before).filter((item) => item.sessionId === chat);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.summary).toMatchObject({ language: 'en', reason: 'citizen', madeBy: 'extractive' });
    expect(mine[0]?.summary.text).toContain('Borgeren skriver på engelsk');
    // Personal identifiers never reach a summary.
    expect(JSON.stringify(mine[0]?.summary)).not.toContain('20 30 40 50');
    expect(mine[0]?.summary.questions[0]).toContain('[TELEFON]');
  });
});

describe('opening hours and public holidays', () => {
  afterAll(() => {
    clock = WEDNESDAY_10;
  });

  it.each([
    ['Easter Monday', EASTER_MONDAY_10, '2027-03-30T06:00:00.000Z'],
    ['Ascension Day', ASCENSION_10, '2027-05-07T06:00:00.000Z'],
    ['Friday after 15:00', FRIDAY_16, '2026-11-30T07:00:00.000Z'],
  ])('on %s the team is closed: no place in line, the time it opens, and the callback offer', async (_name, at, opens) => {
    clock = at;
    const chat = await newChat();
    const { answer } = await runtime.chat.ask(chat, { text: 'Jeg vil gerne tale med et menneske' });
    const status = await runtime.escalations.status(chat);
    expect(status).toMatchObject({ state: 'waiting', open: false, opensAt: opens });
    expect(status.queuePosition).toBeUndefined();
    expect(answer?.kind).toBe('system');
    expect(answer?.text).toMatch(/ingen medarbejdere i chatten lige nu/);
    expect(answer?.text).toMatch(/ringe dig op/);
  });

  it('says when the team is back in the language of the question', async () => {
    clock = EASTER_MONDAY_10;
    const chat = await newChat('da');
    const { answer } = await runtime.chat.ask(chat, { text: 'Can I talk to a human please?' });
    expect(answer?.language).toBe('en');
    expect(answer?.text).toContain('We are back tomorrow at 08:00');
  });
});

describe('callback requests', () => {
  it('names the bad field and stores nothing on bad input', async () => {
    const chat = await newChat();
    await expect(runtime.escalations.requestCallback(chat, { phone: '12', preferredTime: 'any', consent: true })).rejects.toThrow(/^phone:/);
    await expect(runtime.escalations.requestCallback(chat, { phone: '20304050', preferredTime: 'any', consent: false })).rejects.toThrow(/^consent:/);
    await expect(
      runtime.escalations.requestCallback(chat, { phone: '20304050', preferredTime: 'evening' as never, consent: true }),
    ).rejects.toThrow(/^preferredTime:/);
    expect((await runtime.escalations.callbacks()).items.filter((item) => item.sessionId === chat)).toHaveLength(0);
  });

  it('stores the request for staff with the number normalised, and never logs the number', async () => {
    clock = FRIDAY_16;
    const chat = await newChat();
    const status = await runtime.escalations.requestCallback(chat, { phone: '20 30 40 50', preferredTime: 'morning', consent: true, message: 'Om min mors operation' });
    expect(status).toMatchObject({ state: 'waiting', open: false, callbackRequested: true });
    const stored = (await runtime.escalations.callbacks({ handled: false })).items.find((item) => item.sessionId === chat);
    expect(stored).toMatchObject({ phone: '+4520304050', preferredTime: 'morning', message: 'Om min mors operation', handledAt: null });
    await runtime.escalations.markCallbackHandled(stored?.id as string, mette);
    expect((await runtime.escalations.callbacks({ handled: true })).items.find((item) => item.sessionId === chat)?.handledBy).toBe('Mette');
    expect(JSON.stringify(logLines)).not.toMatch(/20 ?30 ?40 ?50/);
    clock = WEDNESDAY_10;
  });

  it.each([
    ['20 30 40 50', '+4520304050'],
    ['+45 20304050', '+4520304050'],
    ['0045-20-30-40-50', '+4520304050'],
    ['+46 70 123 45 67', '+46701234567'],
    ['2030405', null],
    ['ring mig', null],
  ])('normalisePhone("%s") is %s', (typed, expected) => {
    expect(normalisePhone(typed)).toBe(expected);
  });
});

describe('a person takes over', () => {
  beforeAll(async () => {
    clock = WEDNESDAY_10;
    await emptyQueue();
  });

  it('lets exactly one of two staff claim a chat', async () => {
    const chat = await newChat();
    await runtime.escalations.request(chat, 'citizen');
    const results = await Promise.allSettled([runtime.escalations.takeOver(chat, mette), runtime.escalations.takeOver(chat, jonas)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: 'conflict' });
    expect(String(lost.reason.message)).toMatch(/has already taken over this chat/);
  });

  it('silences the chatbot, relays staff messages, hands back, and the chatbot answers again', async () => {
    const chat = await newChat();
    await runtime.chat.ask(chat, { text: 'Hvor kan jeg parkere?' });
    await runtime.escalations.request(chat, 'citizen');
    await expect(runtime.escalations.postStaffMessage(chat, mette, 'Hej')).rejects.toMatchObject({ code: 'conflict' });
    expect(await runtime.escalations.takeOver(chat, mette)).toMatchObject({ state: 'staff', staffName: 'Mette' });
    // Taking over again is harmless for the one who has it.
    expect(await runtime.escalations.takeOver(chat, mette)).toMatchObject({ state: 'staff', staffName: 'Mette' });

    const silent = await runtime.chat.ask(chat, { text: 'Hvor kan jeg parkere?' });
    expect(silent.answer).toBeNull();

    await expect(runtime.escalations.postStaffMessage(chat, jonas, 'Jeg tager den')).rejects.toMatchObject({ code: 'conflict' });
    await expect(runtime.escalations.postStaffMessage(chat, mette, '   ')).rejects.toThrow(/^text: must not be empty/);
    await runtime.escalations.postStaffMessage(chat, mette, 'Hej, jeg hedder Mette. P-huset ligger ved indgang 2.');
    const staffMessage = (await runtime.chat.messages(chat)).at(-1);
    expect(staffMessage).toMatchObject({ role: 'staff', kind: 'staff', author: 'Mette' });

    expect(await runtime.escalations.handBack(chat, mette)).toMatchObject({ state: 'bot', previousStaffName: 'Mette' });
    expect((await states(chat)).at(-1)).toMatchObject({ state: 'bot', previousStaffName: 'Mette' });
    const again = await runtime.chat.ask(chat, { text: 'Hvor kan jeg parkere?' });
    expect(again.answer?.kind).toBe('answer');
  });

  it('closes with a known outcome only', async () => {
    const chat = await newChat();
    await runtime.escalations.request(chat, 'citizen');
    await runtime.escalations.takeOver(chat, jonas);
    await expect(runtime.escalations.close(chat, jonas, 'bored')).rejects.toThrow(/^outcome: must be one of/);
    await expect(runtime.escalations.close(chat, mette, 'answered')).rejects.toMatchObject({ code: 'conflict' });
    expect(await runtime.escalations.close(chat, jonas, 'answered')).toMatchObject({ state: 'closed', previousStaffName: 'Jonas' });
    expect((await runtime.chat.getSession(chat)).state).toBe('closed');
  });
});

describe('the chatbot hands over by itself', () => {
  beforeAll(() => {
    clock = WEDNESDAY_10;
  });

  it.each([
    ['da', 'kan jeg faa fat i en medarbejder', /Jeg finder en medarbejder til dig/],
    ['de', 'Ich möchte mit einem Mitarbeiter sprechen', /Ich suche jemanden vom Personal/],
    ['ar', 'أريد التحدث مع موظف', /سأبحث لك عن موظف/],
    ['uk', 'Можна поговорити з людиною?', /Я шукаю для вас працівника/],
  ] as const)('a request for a person in %s goes to the queue, answered in that language', async (language, text, expected) => {
    const chat = await newChat();
    const { answer } = await runtime.chat.ask(chat, { text });
    expect(answer).toMatchObject({ kind: 'system', language });
    expect(answer?.text).toMatch(expected);
    expect(await runtime.escalations.status(chat)).toMatchObject({ state: 'waiting', reason: 'citizen' });
  });

  it('a question that only mentions people is answered by the chatbot', async () => {
    const chat = await newChat();
    const { answer } = await runtime.chat.ask(chat, { text: 'Må min mand være med til fødslen?' });
    expect(answer?.kind).not.toBe('system');
    expect((await runtime.escalations.status(chat)).state).toBe('bot');
  });

  it('after two answers in a row it cannot give', async () => {
    const chat = await newChat();
    const first = await runtime.chat.ask(chat, { text: 'Hvad koster en ny cykel i Netto?' });
    expect(first.answer?.kind).toBe('refusal');
    expect((await runtime.escalations.status(chat)).state).toBe('bot');
    const second = await runtime.chat.ask(chat, { text: 'Hvem vandt fodboldkampen i går?' });
    expect(second.answer?.kind).toBe('refusal');
    expect(await runtime.escalations.status(chat)).toMatchObject({ state: 'waiting', reason: 'refusals' });
    expect((await runtime.chat.messages(chat)).at(-1)).toMatchObject({ kind: 'system' });
  });

  it('on a configured topic (a complaint), after answering', async () => {
    const chat = await newChat();
    const { answer } = await runtime.chat.ask(chat, { text: 'Jeg vil gerne klage over min behandling' });
    expect(answer?.kind).not.toBe('system');
    expect(await runtime.escalations.status(chat)).toMatchObject({ state: 'waiting', reason: 'topic' });
  });
});

describe('the citizen routes', () => {
  const json = { 'Content-Type': 'application/json' };
  const post = (path: string, body?: unknown) => runtime.app.request(path, { method: 'POST', headers: json, ...(body !== undefined && { body: JSON.stringify(body) }) });

  it('asks for a person, reads the status, asks for a callback, and stops waiting', async () => {
    clock = WEDNESDAY_10;
    const chat = await newChat();
    const asked = await post(`/api/sessions/${chat}/escalation`, { reason: 'citizen' });
    expect(asked.status).toBe(200);
    expect(await asked.json()).toMatchObject({ escalation: { state: 'waiting', open: true } });
    expect(await (await runtime.app.request(`/api/sessions/${chat}/escalation`)).json()).toMatchObject({ escalation: { state: 'waiting' } });

    const bad = await post(`/api/sessions/${chat}/callback`, { phone: '20304050', preferredTime: 'morning' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/consent/);
    const callback = await post(`/api/sessions/${chat}/callback`, { phone: '20304050', preferredTime: 'morning', consent: true });
    expect(callback.status).toBe(201);
    expect(await callback.json()).toMatchObject({ escalation: { callbackRequested: true } });

    const stopped = await runtime.app.request(`/api/sessions/${chat}/escalation`, { method: 'DELETE' });
    expect(await stopped.json()).toMatchObject({ escalation: { state: 'bot' } });
  });

  it('rejects bad input and unknown sessions with a clear error', async () => {
    const chat = await newChat();
    const wrongReason = await post(`/api/sessions/${chat}/escalation`, { reason: 'emergency' });
    expect(wrongReason.status).toBe(400);
    expect(((await wrongReason.json()) as { error: { message: string } }).error.message).toMatch(/reason/);
    const unknown = await post('/api/sessions/no-such-session/escalation', {});
    expect(unknown.status).toBe(404);
    const extra = await post(`/api/sessions/${chat}/callback`, { phone: '20304050', preferredTime: 'any', consent: true, cpr: '010190-1234' });
    expect(extra.status).toBe(400);
  });

  it('sends the chatbot-silent reply as message null while a person has the chat', async () => {
    const chat = await newChat();
    await runtime.escalations.request(chat, 'citizen');
    await runtime.escalations.takeOver(chat, mette);
    const response = await runtime.app.request(`/api/sessions/${chat}/messages`, {
      method: 'POST',
      headers: { ...json, Accept: 'application/json' },
      body: JSON.stringify({ text: 'Er du der?' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ message: null, question: { text: 'Er du der?' } });
  });
});
