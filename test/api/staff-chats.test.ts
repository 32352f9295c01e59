// The staff console's API over HTTP: who may reach it, the queue, take over (one of two wins),
// writing to the citizen, hand back, close, callbacks, canned replies, the live stream, and bad
// input on every route named at the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSse } from '../../widget/src/sse.js';
import { testRuntime } from '../support/runtime.js';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;
let runtime: Runtime;

const origin = 'http://localhost';
const password = 'Fjordby-vagt-2026!';
const tokens: Record<string, string> = {};

beforeAll(async () => {
  // Wednesday 10:00 in Copenhagen: the team is open.
  runtime = await testRuntime({ now: () => new Date('2026-11-25T09:00:00Z') });
  await runtime.staff.create({ username: 'mette', displayName: 'Mette', roles: ['staff'], password });
  await runtime.staff.create({ username: 'jonas', displayName: 'Jonas', roles: ['staff'], password });
  await runtime.staff.create({ username: 'ida', displayName: 'Redaktør', roles: ['editor'], password });
  for (const username of ['mette', 'jonas', 'ida']) {
    const response = await runtime.app.request(`${origin}/api/staff/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({ username, password }),
    });
    tokens[username] = /hh_staff=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] as string;
  }
}, 120_000);
afterAll(() => runtime.close());

const as = (username: string, extra: Record<string, string> = {}) => ({ Cookie: `hh_staff=${tokens[username]}`, Origin: origin, ...extra });
const get = (path: string, username?: string) => runtime.app.request(`${origin}${path}`, { headers: username ? as(username) : {} });
const post = (path: string, username: string, body?: unknown, headers: Record<string, string> = {}) =>
  runtime.app.request(`${origin}${path}`, {
    method: 'POST',
    headers: { ...as(username), 'Content-Type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

async function escalatedChat(text = 'Hvor kan jeg parkere?'): Promise<string> {
  const session = await runtime.chat.createSession({ hospital: 'fjordby', language: 'da' });
  await runtime.chat.ask(session.id, { text });
  await runtime.escalations.request(session.id, 'citizen');
  return session.id;
}

describe('who reaches the staff API', () => {
  const routes: [string, string][] = [
    ['GET', '/api/staff/queue'],
    ['GET', '/api/staff/chats/x'],
    ['POST', '/api/staff/chats/x/take-over'],
    ['POST', '/api/staff/chats/x/messages'],
    ['POST', '/api/staff/chats/x/hand-back'],
    ['POST', '/api/staff/chats/x/close'],
    ['GET', '/api/staff/callbacks'],
    ['POST', '/api/staff/callbacks/x/handled'],
    ['GET', '/api/staff/canned-replies'],
    ['GET', '/api/staff/events'],
  ];

  it.each(routes)('%s %s: 401 without a sign-in, 401 with a citizen session id as token, 403 for an editor', async (method, path) => {
    const citizen = await runtime.chat.createSession({ language: 'da' });
    const anonymous = await runtime.app.request(`${origin}${path}`, { method, headers: { Origin: origin, 'Content-Type': 'application/json' } });
    expect(anonymous.status).toBe(401);
    const withSessionId = await runtime.app.request(`${origin}${path}`, { method, headers: { Authorization: `Bearer ${citizen.id}`, 'Content-Type': 'application/json' } });
    expect(withSessionId.status).toBe(401);
    const editor = await runtime.app.request(`${origin}${path}`, { method, headers: { ...as('ida'), 'Content-Type': 'application/json' } });
    expect(editor.status).toBe(403);
  });

  it('a staff account cannot reach the editors\' routes', async () => {
    expect((await get('/api/editor/feedback', 'mette')).status).toBe(403);
  });

  it('refuses a state change from another website, even with the cookie', async () => {
    const chat = await escalatedChat();
    const response = await post(`/api/staff/chats/${chat}/take-over`, 'mette', undefined, { Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect((await runtime.escalations.status(chat)).state).toBe('waiting');
  });
});

describe('handling a chat', () => {
  it('queue, summary, take over, write, the citizen writes back, hand back', async () => {
    const chat = await escalatedChat('Hvor kan jeg parkere? Mit nummer er 20 30 40 50');
    const queue = (await (await get('/api/staff/queue', 'mette')).json()) as { items: { sessionId: string; summary: { text: string } }[] };
    const item = queue.items.find((entry) => entry.sessionId === chat);
    expect(item?.summary.text).toMatch(/Borgeren bad selv om at tale med en medarbejder/);
    expect(JSON.stringify(item)).not.toContain('20 30 40 50');

    const taken = await post(`/api/staff/chats/${chat}/take-over`, 'mette');
    expect(await taken.json()).toMatchObject({ escalation: { state: 'staff', staffName: 'Mette' } });
    const second = await post(`/api/staff/chats/${chat}/take-over`, 'jonas');
    expect(second.status).toBe(409);
    expect((await errorOf(second)).message).toBe('Mette has already taken over this chat.');

    const written = await post(`/api/staff/chats/${chat}/messages`, 'mette', { text: 'Hej, jeg hedder Mette.' });
    expect(written.status).toBe(201);
    const citizenView = (await (await runtime.app.request(`/api/sessions/${chat}/messages`)).json()) as { role: string; author?: string; text: string }[];
    expect(citizenView.at(-1)).toMatchObject({ role: 'staff', author: 'Mette', text: 'Hej, jeg hedder Mette.' });

    await runtime.chat.ask(chat, { text: 'Tak! Er P-huset åbent om natten?' });
    const view = (await (await get(`/api/staff/chats/${chat}`, 'mette')).json()) as { messages: { role: string; text: string }[]; status: { state: string } };
    expect(view.status.state).toBe('staff');
    // The chatbot stayed silent: the citizen's message is the last one.
    expect(view.messages.at(-1)).toMatchObject({ role: 'user', text: 'Tak! Er P-huset åbent om natten?' });

    const jonasWrites = await post(`/api/staff/chats/${chat}/messages`, 'jonas', { text: 'Hej' });
    expect(jonasWrites.status).toBe(409);

    const back = await post(`/api/staff/chats/${chat}/hand-back`, 'mette');
    expect(await back.json()).toMatchObject({ escalation: { state: 'bot', previousStaffName: 'Mette' } });
  });

  it('closes with an outcome, lists callbacks and marks them handled, and has canned replies', async () => {
    const chat = await escalatedChat();
    await runtime.escalations.requestCallback(chat, { phone: '20304050', preferredTime: 'afternoon', consent: true });
    await post(`/api/staff/chats/${chat}/take-over`, 'jonas');
    const closed = await post(`/api/staff/chats/${chat}/close`, 'jonas', { outcome: 'callback-booked' });
    expect(await closed.json()).toMatchObject({ escalation: { state: 'closed' } });

    const open = (await (await get('/api/staff/callbacks?handled=false', 'jonas')).json()) as { items: { id: string; sessionId: string; phone: string }[] };
    const request = open.items.find((entry) => entry.sessionId === chat);
    expect(request?.phone).toBe('+4520304050');
    expect((await post(`/api/staff/callbacks/${request?.id}/handled`, 'jonas')).status).toBe(200);
    const handled = (await (await get('/api/staff/callbacks?handled=true', 'jonas')).json()) as { items: { sessionId: string; handledBy: string }[] };
    expect(handled.items.find((entry) => entry.sessionId === chat)?.handledBy).toBe('Jonas');

    const canned = (await (await get('/api/staff/canned-replies', 'mette')).json()) as { items: { title: string; text: string }[] };
    expect(canned.items.length).toBeGreaterThan(0);
    expect(canned.items[0]?.text).toMatch(/medarbejder/);
  });
});

describe('bad input on every staff route', () => {
  it.each([
    ['POST', '/api/staff/chats/{chat}/messages', { text: '   ' }, /text: must not be empty/],
    ['POST', '/api/staff/chats/{chat}/messages', {}, /text: is required/],
    ['POST', '/api/staff/chats/{chat}/messages', { text: 'x'.repeat(4001) }, /text: must be at most 4000/],
    ['POST', '/api/staff/chats/{chat}/messages', { text: 'Hej', cpr: '0101901234' }, /cpr/],
    ['POST', '/api/staff/chats/{chat}/close', { outcome: 'bored' }, /outcome: must be one of/],
    ['POST', '/api/staff/chats/{chat}/close', {}, /outcome/],
    ['GET', '/api/staff/callbacks?handled=maybe', undefined, /handled: must be "true" or "false"/],
    ['GET', '/api/staff/callbacks?limit=0', undefined, /limit: must be at least 1/],
    ['GET', '/api/staff/callbacks?offset=-1', undefined, /offset: must be 0 or more/],
    ['GET', '/api/staff/queue?colour=red', undefined, /colour/],
  ])('%s %s %j → 400 naming the problem', async (method, template, body, message) => {
    const chat = await escalatedChat();
    const path = template.replace('{chat}', chat);
    const response = method === 'GET' ? await get(path, 'mette') : await post(path, 'mette', body);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(message);
  });

  it('unknown chats and callbacks are 404; a chat not waiting cannot be taken over (409)', async () => {
    expect((await get('/api/staff/chats/no-such-chat', 'mette')).status).toBe(404);
    expect((await post('/api/staff/chats/no-such-chat/take-over', 'mette')).status).toBe(404);
    expect((await post('/api/staff/callbacks/no-such-callback/handled', 'mette')).status).toBe(404);
    const session = await runtime.chat.createSession({ language: 'da' });
    const notWaiting = await post(`/api/staff/chats/${session.id}/take-over`, 'mette');
    expect(notWaiting.status).toBe(409);
    expect((await errorOf(notWaiting)).message).toMatch(/not waiting for a person/);
  });
});

describe('the console stream', () => {
  it('tells the console when the queue changes, and streams the open chat with ids', async () => {
    const chat = await escalatedChat();
    const controller = new AbortController();
    const response = await runtime.app.request(`${origin}/api/staff/events?chat=${chat}`, { headers: as('mette'), signal: controller.signal });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const seen: { type: string; id: string; data: string }[] = [];
    const reading = (async () => {
      for await (const event of readSse(response.body as ReadableStream<Uint8Array>, () => undefined)) {
        seen.push({ type: event.type, id: event.id, data: event.data });
        if (event.type === 'message-created' && event.data.includes('Goddag')) break;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await post(`/api/staff/chats/${chat}/take-over`, 'mette');
    await post(`/api/staff/chats/${chat}/messages`, 'mette', { text: 'Goddag' });
    await reading;
    controller.abort();
    expect(seen.some((event) => event.type === 'queue-changed' && event.data.includes(chat))).toBe(true);
    // The chat's stored history came first (replay), with ids in order.
    const ids = seen.filter((event) => event.id !== '').map((event) => Number(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(seen.filter((event) => event.type === 'session-state').length).toBeGreaterThanOrEqual(2);
  });
});
