// Two real server processes on one PostgreSQL database, as two replicas behind a load balancer: a
// citizen's stream on one replica hears what is asked on the other, and a reconnect with
// Last-Event-ID misses nothing and repeats nothing. Needs PostgreSQL (TEST_DATABASE_URL); skipped loudly without.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  data: { message: { id: string; role: string; kind: string; text: string } };
}

/** Follows GET /api/sessions/{id}/events and collects its events until stopped. */
function follow(baseUrl: string, sessionId: string, lastEventId?: string) {
  const controller = new AbortController();
  const events: StreamedEvent[] = [];
  let failure: Error | undefined;
  const opened = fetch(`${baseUrl}/api/sessions/${sessionId}/events`, {
    headers: { Accept: 'text/event-stream', ...(lastEventId !== undefined && { 'Last-Event-ID': lastEventId }) },
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
