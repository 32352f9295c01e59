// The citizen chat API through app.request(): the contract the widget and integrators rely on.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/logger.js';
import { ExtractiveAnswerer } from '../../src/answer/extractive-answerer.js';
import { testRuntime } from '../support/runtime.js';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;
// One database per file (PGlite takes seconds to start); every test works in its own session.
let shared: Runtime;
let runtime: Runtime;

beforeAll(async () => {
  shared = await testRuntime();
});
afterAll(async () => {
  await shared.close();
});
beforeEach(() => {
  runtime = shared;
});

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function newSession(body: unknown = { hospital: 'fjordby', language: 'da' }): Promise<string> {
  const response = await runtime.app.request('/api/sessions', json(body));
  expect(response.status).toBe(201);
  return ((await response.json()) as { sessionId: string }).sessionId;
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string; requestId: string } }).error;
}

describe('asking a question', () => {
  it('answers the parking question in Danish, citing the demo parking page', async () => {
    const sessionId = await newSession();
    const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text: 'Hvor kan jeg parkere?' }));
    expect(response.status).toBe(200);
    const { message } = (await response.json()) as {
      message: { role: string; kind: string; language: string; text: string; citations: { n: number; url: string; title: string; excerpt: string }[] };
    };
    expect(message).toMatchObject({ role: 'assistant', kind: 'answer', language: 'da' });
    expect(message.citations.length).toBeGreaterThan(0);
    expect(message.citations[0]?.url).toBe('http://localhost/demo/fjordby/praktisk/parkering');
    expect(message.text).toMatch(/\[1\]/);
    // The page's own summary of where to park, not a stray rule about fines.
    expect(message.text).toMatch(/^Det står på hospitalets side:\nDu kan parkere i P-hus Nord/);
    // Every cited excerpt is text from the answer itself, i.e. nothing is cited that was not quoted.
    for (const citation of message.citations) expect(citation.excerpt.length).toBeGreaterThan(10);
  });

  it('understands a follow-up from the conversation so far', async () => {
    const sessionId = await newSession({ hospital: 'fjordby', language: 'da' });
    const ask = async (text: string) => {
      const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text }));
      return ((await response.json()) as { message: { kind: string; text: string; citations: { url: string }[] } }).message;
    };
    await ask('Hvor kan jeg parkere på Lyngå Sygehus?');
    // "And what does it cost?" on the Fjordby page: the parking at Lyngå the citizen just asked about.
    const followUp = await ask('Hvad koster det?');
    expect(followUp.kind).toBe('answer');
    expect(followUp.citations[0]?.url).toContain('/demo/lyngaa/praktisk/parkering');
  });

  it('prefers the hospital of the embedding page', async () => {
    const sessionId = await newSession({ hospital: 'lyngaa' });
    const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text: 'Hvor kan jeg parkere?' }));
    const { message } = (await response.json()) as { message: { citations: { url: string }[] } };
    expect(message.citations[0]?.url).toContain('/demo/lyngaa/praktisk/parkering');
  });

  it('shows the emergency card, not a search result, for chest pain, and flags the session', async () => {
    const sessionId = await newSession();
    const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text: 'Min far har ondt i brystet og sveder, hvor skal vi parkere?' }));
    const { message } = (await response.json()) as { message: { kind: string; text: string; citations: unknown[] } };
    expect(message.kind).toBe('emergency');
    expect(message.text).toContain('112');
    expect(message.citations).toEqual([]);
    const [session] = await runtime.database.query<{ emergency_flagged: boolean }>('SELECT emergency_flagged FROM sessions WHERE id = $1', [sessionId]);
    expect(session?.emergency_flagged).toBe(true);
  });

  it('refuses with contacts instead of guessing when no page covers the question', async () => {
    const sessionId = await newSession();
    const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text: 'Hvem vandt fodboldkampen i går aftes?' }));
    const { message } = (await response.json()) as { message: { kind: string; text: string; citations: unknown[] } };
    expect(message.kind).toBe('refusal');
    expect(message.citations).toEqual([]);
    expect(message.text).toContain('76 63 14 90');
  });

  it('answers in the language of the question and keeps the Danish source quote', async () => {
    const sessionId = await newSession();
    const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text: 'Where can I park?' }));
    const { message } = (await response.json()) as { message: { kind: string; language: string; text: string; citations: { url: string }[] } };
    expect(message).toMatchObject({ kind: 'answer', language: 'en' });
    // The lead is English; a note follows only when the quote is in another language (pages are Danish, some English).
    expect(message.text).toMatch(/^This is what the hospital's page says:( \(quoted in Danish from the page\))?\n/);
    expect(message.citations[0]?.url).toContain('/praktisk/parkering');
  });

  it('streams the answer as server-sent events ending in the full message', async () => {
    const sessionId = await newSession();
    const response = await runtime.app.request(
      `/api/sessions/${sessionId}/messages`,
      json({ text: 'Hvor kan jeg parkere?' }, { Accept: 'text/event-stream' }),
    );
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const body = await response.text();
    const events = body
      .split('\n\n')
      .filter((block) => block.trim() !== '')
      .map((block) => ({
        event: /^event: (.*)$/m.exec(block)?.[1],
        data: JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as Record<string, unknown>,
      }));
    expect(events.length).toBeGreaterThan(2);
    // First the stored question (the citizen's message is safe before any answering starts) …
    expect(events[0]?.event).toBe('message-created');
    expect(events[0]?.data['message']).toMatchObject({ role: 'user', text: 'Hvor kan jeg parkere?' });
    // … then the answer as it is made, then the whole answer.
    expect(events.slice(1, -1).every((event) => event.event === 'message-delta')).toBe(true);
    const last = events[events.length - 1];
    expect(last?.event).toBe('message-completed');
    const message = last?.data['message'] as { kind: string; citations: { url: string }[] };
    expect(message.kind).toBe('answer');
    expect(message.citations[0]?.url).toContain('/praktisk/parkering');
  });

  it('replays missed session events after Last-Event-ID', async () => {
    const sessionId = await newSession();
    await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text: 'Hvor kan jeg parkere?' }));
    const controller = new AbortController();
    const response = await runtime.app.request(`/api/sessions/${sessionId}/events`, { headers: { 'Last-Event-ID': '0' }, signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while ((text.match(/event: message-created/g) ?? []).length < 2) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBeGreaterThan(ids[0] as number);

    // Resuming after the first event yields only the second.
    const resumed = await runtime.app.request(`/api/sessions/${sessionId}/events?lastEventId=${ids[0]}`, { signal: AbortSignal.timeout(2000) });
    const resumedReader = (resumed.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await resumedReader.read()).value);
    expect(first).toContain(`id: ${ids[1]}`);
    expect(first).not.toContain(`id: ${ids[0]}\n`);
    await resumedReader.cancel();
  });

  it('gives the streamed question its session event id, from which the events stream replays the answer that replies to it', async () => {
    const sessionId = await newSession();
    const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text: 'Hvor kan jeg parkere?' }, { Accept: 'text/event-stream' }));
    const body = await response.text();
    const created = body.split('\n\n').find((block) => block.includes('event: message-created')) ?? '';
    const questionEventId = /^id: (\d+)$/m.exec(created)?.[1] as string;
    expect(questionEventId, created).toMatch(/^\d+$/);
    const question = (JSON.parse(/^data: (.*)$/m.exec(created)?.[1] ?? 'null') as { message: { id: string; replyTo: string | null } }).message;
    expect(question.replyTo).toBeNull();
    const completed = JSON.parse(/^event: message-completed\ndata: (.*)$/m.exec(body)?.[1] ?? 'null') as { message: { id: string; replyTo: string } };
    expect(completed.message.replyTo).toBe(question.id);

    // What a client that lost the stream right after the question reads: the answer, and nothing before it.
    const resumed = await runtime.app.request(`/api/sessions/${sessionId}/events?lastEventId=${questionEventId}`, { signal: AbortSignal.timeout(2000) });
    const reader = (resumed.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const replayed = JSON.parse(/^data: (.*)$/m.exec(text)?.[1] ?? 'null') as { message: { id: string; replyTo: string; role: string } };
    expect(replayed.message).toMatchObject({ id: completed.message.id, role: 'assistant', replyTo: question.id });
    expect(Number(/^id: (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(Number(questionEventId));

    // The transcript says the same.
    const transcript = (await (await runtime.app.request(`/api/sessions/${sessionId}/messages`)).json()) as { id: string; replyTo: string | null }[];
    expect(transcript.map((message) => message.replyTo)).toEqual([null, question.id]);
  });

  it('keeps answering and stores the answer when the citizen’s answer stream is cut off', async () => {
    // A model that waits until the test has hung up, so the answer is made after the disconnect.
    let release: () => void = () => undefined;
    const hungUp = new Promise<void>((resolve) => (release = resolve));
    const extractive = new ExtractiveAnswerer();
    const slow = await testRuntime({
      model: {
        generate: async (input, onDelta) => {
          await hungUp;
          return extractive.generate(input, onDelta);
        },
      },
    });
    try {
      const created = await slow.app.request('/api/sessions', json({ hospital: 'fjordby', language: 'da' }));
      const { sessionId } = (await created.json()) as { sessionId: string };
      const response = await slow.app.request(`/api/sessions/${sessionId}/messages`, json({ text: 'Hvor kan jeg parkere?' }, { Accept: 'text/event-stream' }));
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      expect(first).toContain('event: message-created');
      await reader.cancel();
      release();
      const transcript = async () => (await (await slow.app.request(`/api/sessions/${sessionId}/messages`)).json()) as { role: string; kind: string; text: string }[];
      await expect.poll(async () => (await transcript()).map((message) => message.role), { timeout: 5000 }).toEqual(['user', 'assistant']);
      const [, answer] = await transcript();
      expect(answer).toMatchObject({ kind: 'answer' });
      expect(answer?.text).toMatch(/parker/i);
    } finally {
      await slow.close();
    }
  });

  it('returns the transcript in order', async () => {
    const sessionId = await newSession();
    await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text: 'Hvad er besøgstiderne?' }));
    const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`);
    const transcript = (await response.json()) as { role: string; text: string }[];
    expect(transcript.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(transcript[0]?.text).toBe('Hvad er besøgstiderne?');
  });
});

describe("the browser's Accept-Language", () => {
  type Message = { kind: string; language: string; text: string; refusalReason?: string };
  const ask = async (sessionId: string, text: string, acceptLanguage: string) =>
    ((await (await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text }, { 'Accept-Language': acceptLanguage }))).json()) as { message: Message }).message;

  it('gives a short question with no language words an English lead when the browser asks for English', async () => {
    const created = await runtime.app.request('/api/sessions', json({ hospital: 'fjordby' }, { 'Accept-Language': 'en-GB,en;q=0.9,da;q=0.5' }));
    const session = (await created.json()) as { sessionId: string; language: string };
    expect(session.language).toBe('en');
    const message = await ask(session.sessionId, 'Café?', 'en-GB,en;q=0.9,da;q=0.5');
    expect(message).toMatchObject({ kind: 'answer', language: 'en' });
    // The lead is English; a note follows only when the quote is in another language (pages are Danish, some English).
    expect(message.text).toMatch(/^This is what the hospital's page says:( \(quoted in Danish from the page\))?\n/);
  });

  it('gives the same question a Danish lead when the browser asks for Danish', async () => {
    const created = await runtime.app.request('/api/sessions', json({ hospital: 'fjordby' }, { 'Accept-Language': 'da-DK,da;q=0.9' }));
    const { sessionId } = (await created.json()) as { sessionId: string };
    const message = await ask(sessionId, 'Café?', 'da-DK,da;q=0.9');
    expect(message).toMatchObject({ kind: 'answer', language: 'da' });
    expect(message.text).toMatch(/^Det står på hospitalets side:/);
  });

  it('gives a short English question the page cannot answer an English refusal', async () => {
    const created = await runtime.app.request('/api/sessions', json({ hospital: 'fjordby' }, { 'Accept-Language': 'en-US,en;q=0.9' }));
    const { sessionId } = (await created.json()) as { sessionId: string };
    const message = await ask(sessionId, 'Lottery jackpot?', 'en-US,en;q=0.9');
    expect(message).toMatchObject({ kind: 'refusal', language: 'en' });
    expect(message.text).toContain('Patient Office');
  });

  it('never outranks the language the widget chose, nor the words of the question', async () => {
    const widgetDanish = await newSession({ hospital: 'fjordby', language: 'da' });
    expect((await ask(widgetDanish, 'Café?', 'en')).language).toBe('da');
    expect((await ask(widgetDanish, 'parking?', 'da')).language).toBe('en');
    expect((await ask(widgetDanish, 'Wo parken?', 'en')).language).toBe('de');
  });

  it('refuses medical advice kindly in the browser’s language, with the out-of-hours doctor', async () => {
    const created = await runtime.app.request('/api/sessions', json({ hospital: 'fjordby' }, { 'Accept-Language': 'en' }));
    const { sessionId } = (await created.json()) as { sessionId: string };
    const message = await ask(sessionId, 'how much ibuprofen can i take', 'en');
    expect(message).toMatchObject({ kind: 'refusal', language: 'en' });
    expect(message.text).toContain('out-of-hours doctor (Lægevagten) on 70 11 07 07');
  });
});

describe('bad input gets a clear error naming the problem', () => {
  it('rejects empty text', async () => {
    const sessionId = await newSession();
    for (const text of ['', '   \n ']) {
      const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text }));
      expect(response.status).toBe(400);
      const error = await errorOf(response);
      expect(error.code).toBe('invalid_request');
      expect(error.message).toBe('text: must not be empty');
      expect(error.requestId).toBe(response.headers.get('x-request-id'));
    }
  });

  it('rejects a missing text field', async () => {
    const sessionId = await newSession();
    const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ question: 'Hvor kan jeg parkere?' }));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/^text: is required/);
  });

  it('rejects text over 4,000 characters and stores nothing', async () => {
    const sessionId = await newSession();
    const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text: 'a'.repeat(4001) }));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toBe('text: must be at most 4000 characters');
    const atLimit = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text: `${'parkering '.repeat(399)}parkering` }));
    expect(atLimit.status).toBe(200);
  });

  it('rejects a body that is not JSON', async () => {
    const sessionId = await newSession();
    const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json('{"text": "Hvor kan jeg'));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'invalid_request', message: 'The request body is not valid JSON.' });
  });

  it('rejects a body that is not JSON at all by content type', async () => {
    const sessionId = await newSession();
    const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'Hvor kan jeg parkere?',
    });
    expect(response.status).toBe(415);
    expect((await errorOf(response)).message).toContain('application/json');
  });

  it('rejects an unsupported language and unknown fields', async () => {
    const sessionId = await newSession();
    const language = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text: 'Hej', language: 'fr' }));
    expect(language.status).toBe(400);
    expect((await errorOf(language)).message).toMatch(/^language: /);
    const unknown = await runtime.app.request('/api/sessions', json({ hospital: 'fjordby', colour: 'blue' }));
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).message).toContain('"colour"');
  });

  it('rejects an oversized body', async () => {
    const sessionId = await newSession();
    const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text: 'x'.repeat(70_000) }));
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('payload_too_large');
  });

  it('answers 404 naming the unknown session, for messages, transcript and events', async () => {
    for (const request of [
      runtime.app.request('/api/sessions/does-not-exist/messages', json({ text: 'Hvor kan jeg parkere?' })),
      runtime.app.request('/api/sessions/does-not-exist/messages'),
      runtime.app.request('/api/sessions/does-not-exist/events'),
    ]) {
      const response = await request;
      expect(response.status).toBe(404);
      const error = await errorOf(response);
      expect(error.code).toBe('not_found');
      expect(error.message).toContain('"does-not-exist"');
    }
  });

  it('answers unknown routes with the error envelope', async () => {
    const response = await runtime.app.request('/api/nothing-here');
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('not_found');
  });
});

describe('unknown failures', () => {
  it('give a generic 500, keep details in the log, and keep the citizen’s message', async () => {
    const logged: { fields: Record<string, unknown> }[] = [];
    const recorder: Logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (fields) => logged.push({ fields }),
      child: () => recorder,
    };
    runtime = await testRuntime({ logger: recorder });
    runtime.index.search = async () => {
      throw new Error('disk on fire at /var/secret/path');
    };
    const sessionId = await newSession();
    const response = await runtime.app.request(`/api/sessions/${sessionId}/messages`, json({ text: 'Hvor kan jeg parkere?' }));
    expect(response.status).toBe(500);
    const error = await errorOf(response);
    expect(error.code).toBe('internal');
    expect(error.message).not.toContain('disk on fire');
    expect(JSON.stringify(logged)).toContain('disk on fire');
    const transcript = (await (await runtime.app.request(`/api/sessions/${sessionId}/messages`)).json()) as { text: string }[];
    expect(transcript.map((message) => message.text)).toEqual(['Hvor kan jeg parkere?']);
    await runtime.close();
  });
});

describe('service endpoints', () => {
  it('publishes the OpenAPI description', async () => {
    const response = await runtime.app.request('/api/openapi.json');
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/sessions', '/api/sessions/{id}/messages', '/api/sessions/{id}/events']),
    );
  });

  it('reports liveness and readiness', async () => {
    runtime = await testRuntime();
    expect((await runtime.app.request('/healthz')).status).toBe(200);
    const ready = await runtime.app.request('/readyz');
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { checks: Record<string, string>; chunks: number };
    expect(body.checks).toEqual({ database: 'ok', searchIndex: 'ok' });
    expect(body.chunks).toBeGreaterThan(100);
    await runtime.database.close();
    const notReady = await runtime.app.request('/readyz');
    expect(notReady.status).toBe(503);
    expect(((await notReady.json()) as { checks: Record<string, string> }).checks['database']).toBe('unavailable');
  });
});
