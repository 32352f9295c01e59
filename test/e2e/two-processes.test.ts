// Two real server processes on one PostgreSQL database, as two replicas behind a load balancer: a
// citizen's stream on one replica hears what is asked on the other, and a reconnect with
// Last-Event-ID misses nothing and repeats nothing. Needs PostgreSQL (TEST_DATABASE_URL); skipped loudly without.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresDatabase } from '../../src/db/adapters/postgres.js';
import { silentLogger } from '../../src/logger.js';
import { ScryptPasswordHasher } from '../../src/staff/adapters/scrypt-password-hasher.js';
import { StaffAccounts } from '../../src/staff/accounts.js';
import { postgresForTests } from '../support/postgres.js';
import { startServer, type ServerProcess } from '../support/server-process.js';

const postgres = await postgresForTests();
const directories: string[] = [];
let serverA: ServerProcess | undefined;
let serverB: ServerProcess | undefined;

beforeAll(async () => {
  if (postgres.url === undefined) return;
  const start = async () => {
    const directory = await mkdtemp(join(tmpdir(), 'hospital-help-replica-'));
    directories.push(directory);
    return startServer({ DATA_DIR: directory, DATABASE_URL: postgres.url as string });
  };
  // One after the other: the first one migrates the shared database.
  serverA = await start();
  serverB = await start();
}, 180_000);

afterAll(async () => {
  await Promise.all([serverA?.stop(), serverB?.stop()]);
  await postgres.drop();
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

interface StreamedEvent {
  id: string;
  event: string;
  data: { message: { id: string; role: string; kind: string; text: string; author?: string }; escalation?: { state: string; staffName?: string; previousStaffName?: string } };
}

/** Follows an event stream (by default the citizen's GET /api/sessions/{id}/events) and collects its events until stopped. */
function follow(baseUrl: string, sessionId: string, lastEventId?: string, options: { path?: string; headers?: Record<string, string> } = {}) {
  const controller = new AbortController();
  const events: StreamedEvent[] = [];
  let failure: Error | undefined;
  const opened = fetch(`${baseUrl}${options.path ?? `/api/sessions/${sessionId}/events`}`, {
    headers: { Accept: 'text/event-stream', ...options.headers, ...(lastEventId !== undefined && { 'Last-Event-ID': lastEventId }) },
    signal: controller.signal,
  });
  const reading = (async () => {
    const response = await opened;
    expect(response.status).toBe(200);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim();
        const data = field('data');
        if (data !== undefined) events.push({ id: field('id') as string, event: field('event') as string, data: JSON.parse(data) as StreamedEvent['data'] });
      }
    }
  })().catch((error: unknown) => {
    if (!controller.signal.aborted) failure = error as Error;
  });
  return {
    events,
    opened,
    stop: async () => {
      controller.abort();
      await reading;
      if (failure !== undefined) throw failure;
    },
  };
}

async function eventually(check: () => void, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function ask(baseUrl: string, sessionId: string, text: string) {
  const response = await fetch(`${baseUrl}/api/sessions/${sessionId}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ text }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { message: { id: string; kind: string } }).message;
}

const summary = (events: StreamedEvent[]) => events.map((event) => [event.event, event.data.message.role, event.data.message.text.slice(0, 40)]);

describe.skipIf(postgres.url === undefined)('two server processes on one PostgreSQL database', () => {
  it('a citizen on one replica and a member of staff on the other: escalate, take over, messages both ways with a cut stream, hand back', async () => {
    const a = serverA as ServerProcess;
    const b = serverB as ServerProcess;
    // A staff account in the shared database, as `npm run staff -- add` makes it.
    const database = await PostgresDatabase.open(postgres.url as string);
    const password = 'Fjordby-vagt-2026!';
    await new StaffAccounts({ database, hasher: new ScryptPasswordHasher(), logger: silentLogger }).create({ username: 'mette', displayName: 'Mette', roles: ['staff'], password });
    await database.close();
    const login = await fetch(`${b.url}/api/staff/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: b.url },
      body: JSON.stringify({ username: 'mette', password }),
    });
    expect(login.status).toBe(200);
    const staff = { Cookie: `hh_staff=${/hh_staff=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1]}`, Origin: b.url };
    const staffPost = (path: string, body?: unknown) =>
      fetch(`${b.url}${path}`, { method: 'POST', headers: { ...staff, 'Content-Type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) });

    // The citizen, on A, asks for a person in words.
    const created = await fetch(`${a.url}/api/sessions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ hospital: 'fjordby', language: 'da' }) });
    const { sessionId } = (await created.json()) as { sessionId: string };
    const citizen = follow(a.url, sessionId);
    expect((await citizen.opened).status).toBe(200);
    const queued = await ask(a.url, sessionId, 'Jeg vil gerne tale med et menneske');
    expect(queued.kind).toBe('system');

    // Staff, on B, see it in the queue and take it over; the citizen's stream on A is told who.
    const queue = (await (await fetch(`${b.url}/api/staff/queue`, { headers: staff })).json()) as { items: { sessionId: string }[] };
    expect(queue.items.map((item) => item.sessionId)).toContain(sessionId);
    const staffStream = follow(b.url, sessionId, undefined, { path: `/api/staff/events?chat=${sessionId}`, headers: staff });
    expect((await staffStream.opened).status).toBe(200);
    expect((await staffPost(`/api/staff/chats/${sessionId}/take-over`)).status).toBe(200);
    await eventually(() => expect(citizen.events.some((event) => event.event === 'session-state' && event.data.escalation?.staffName === 'Mette')).toBe(true));

    // Messages both ways, across the replicas; the chatbot stays silent.
    expect((await staffPost(`/api/staff/chats/${sessionId}/messages`, { text: 'Hej, det er Mette. Hvad kan jeg hjælpe med?' })).status).toBe(201);
    await eventually(() => expect(citizen.events.some((event) => event.data.message?.author === 'Mette')).toBe(true));
    const silent = await fetch(`${a.url}/api/sessions/${sessionId}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ text: 'Hvor skal min mor møde ind i morgen?' }),
    });
    expect(((await silent.json()) as { message: unknown }).message).toBeNull();
    await eventually(() => expect(staffStream.events.some((event) => event.data.message?.text === 'Hvor skal min mor møde ind i morgen?')).toBe(true));

    // The citizen's stream is cut; Mette writes twice meanwhile; the reconnect gets both, once.
    await citizen.stop();
    const lastSeen = citizen.events.at(-1)?.id as string;
    await staffPost(`/api/staff/chats/${sessionId}/messages`, { text: 'Hun skal møde ind ved indgang 2.' });
    await staffPost(`/api/staff/chats/${sessionId}/messages`, { text: 'Husk at tage medicinlisten med.' });
    const resumed = follow(a.url, sessionId, lastSeen);
    await eventually(() => expect(resumed.events.filter((event) => event.data.message?.author === 'Mette')).toHaveLength(2));

    // Hand back: the citizen is told Mette left, and the chatbot answers again.
    expect((await staffPost(`/api/staff/chats/${sessionId}/hand-back`)).status).toBe(200);
    await eventually(() => expect(resumed.events.some((event) => event.event === 'session-state' && event.data.escalation?.previousStaffName === 'Mette')).toBe(true));
    const answer = await ask(a.url, sessionId, 'Hvor kan jeg parkere?');
    expect(answer.kind).toBe('answer');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await resumed.stop();
    await staffStream.stop();

    // Nothing lost, nothing twice: the two citizen streams together hold every stored message once.
    const stored = (await (await fetch(`${b.url}/api/sessions/${sessionId}/messages`)).json()) as { id: string }[];
    const streamed = [...citizen.events, ...resumed.events].filter((event) => event.event === 'message-created').map((event) => event.data.message.id);
    expect(streamed.sort()).toEqual(stored.map((message) => message.id).sort());
  }, 90_000);

  it("streams a question asked on one replica to a citizen following the other, and resumes after a cut with nothing missed or repeated", async () => {
    const a = serverA as ServerProcess;
    const b = serverB as ServerProcess;
    expect(a.logs.find((line) => line['event'] === 'runtime-ready')?.['database']).toBe('postgres');

    const created = await fetch(`${a.url}/api/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ hospital: 'fjordby', language: 'da' }),
    });
    expect(created.status).toBe(201);
    const { sessionId } = (await created.json()) as { sessionId: string };

    const first = follow(b.url, sessionId);
    expect((await first.opened).status).toBe(200);
    // Let B replay the (empty) history and settle into following the bus: what comes now is live.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const parking = await ask(a.url, sessionId, 'Hvor kan jeg parkere?');
    await eventually(() => expect(first.events).toHaveLength(2));
    expect(summary(first.events)).toEqual([
      ['message-created', 'user', 'Hvor kan jeg parkere?'],
      ['message-created', 'assistant', expect.stringMatching(/^Det står på hospitalets side/)],
    ]);
    expect(first.events[1]?.data.message.id).toBe(parking.id);
    for (const event of first.events) expect(event.id).toMatch(/^\d+$/);
    await first.stop();

    // Cut: two more exchanges on A while nobody follows B, the second one once B is back.
    await ask(a.url, sessionId, 'Hvad koster det?');
    const lastSeen = first.events[1]?.id as string;
    const second = follow(b.url, sessionId, lastSeen);
    expect((await second.opened).status).toBe(200);
    await eventually(() => expect(second.events).toHaveLength(2));
    await ask(a.url, sessionId, 'Hvornår har I åbent?');
    await eventually(() => expect(second.events).toHaveLength(4));
    // Whatever might arrive twice would arrive before this settles.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await second.stop();

    expect(summary(second.events).map(([type, role, text]) => [type, role, role === 'user' ? text : 'answer'])).toEqual([
      ['message-created', 'user', 'Hvad koster det?'],
      ['message-created', 'assistant', 'answer'],
      ['message-created', 'user', 'Hvornår har I åbent?'],
      ['message-created', 'assistant', 'answer'],
    ]);
    const ids = [...first.events, ...second.events].map((event) => BigInt(event.id));
    expect(ids.every((id, n) => n === 0 || id > (ids[n - 1] as bigint))).toBe(true);

    // Every message stored for the session is what the citizen's streams carried, each once.
    const stored = await fetch(`${b.url}/api/sessions/${sessionId}/messages`, { headers: { Accept: 'application/json' } });
    const messages = (await stored.json()) as { id: string }[];
    expect([...first.events, ...second.events].map((event) => event.data.message.id).sort()).toEqual(messages.map((message) => message.id).sort());

    // Both shut down cleanly, LISTEN connections included.
    expect([await a.stop(), await b.stop()]).toEqual([0, 0]);
    expect([...a.logs, ...b.logs].filter((line) => line['event'] === 'event-bus-disconnected')).toEqual([]);
  }, 60_000);
});
