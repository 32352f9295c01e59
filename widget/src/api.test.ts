import { describe, it, expect } from 'vitest';
import { ApiError, createApiClient, type SessionEvent } from './api.js';
import type { EscalationStatus, Message } from './types.js';

const message = (overrides: Partial<Message> = {}): Message => ({
  id: 'm2',
  sessionId: 's1',
  role: 'assistant',
  kind: 'answer',
  text: 'Du kan parkere i P-huset [1].',
  language: 'da',
  citations: [{ n: 1, chunkId: 'fjordby-parkering-1', title: 'Parkering', url: 'https://fjordby.example/parkering', excerpt: 'P-huset ligger ved indgang A.' }],
  createdAt: '2026-01-01T10:00:00.000Z',
  replyTo: 'm1',
  ...overrides,
});
const question = message({ id: 'm1', role: 'user', kind: 'question', text: 'Hvor kan jeg parkere?', citations: [], replyTo: null });

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const call = { url: String(input), init };
    calls.push(call);
    return respond(call);
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

function sseResponse(chunks: string[], keepOpen = false): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (!keepOpen) controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const errorEnvelope = (code: string, status: number) => json({ error: { code, message: `${code} happened`, requestId: 'req-1' } }, status);

describe('createApiClient', () => {
  it('creates a session with the hospital and language, at the base URL', async () => {
    const { fetch, calls } = fakeFetch(() => json({ sessionId: 's1', createdAt: 'x', hospital: 'fjordby', language: 'da', state: 'bot' }, 201));
    const session = await createApiClient('http://localhost:8787/', { fetch }).createSession('fjordby', 'da');
    expect(session.sessionId).toBe('s1');
    expect(calls[0]?.url).toBe('http://localhost:8787/api/sessions');
    expect(calls[0]?.init.method).toBe('POST');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ hospital: 'fjordby', language: 'da' });
  });

  it('returns the transcript, or null for an unknown session', async () => {
    const known = fakeFetch(() => json([question, message()]));
    expect(await createApiClient('http://api', known).listMessages('s1')).toHaveLength(2);
    expect(known.calls[0]?.url).toBe('http://api/api/sessions/s1/messages');
    const unknown = fakeFetch(() => errorEnvelope('not_found', 404));
    expect(await createApiClient('http://api', unknown).listMessages('gone')).toBeNull();
  });

  it('streams deltas and resolves with the completed, verified message', async () => {
    const completed = JSON.stringify({ message: message(), question });
    const { fetch, calls } = fakeFetch(() =>
      sseResponse([
        'event: message-delta\ndata: {"delta":"Du kan "}\n\n: keep-alive\n\nevent: message-del',
        'ta\ndata: {"delta":"parkere"}\r\n\r\n',
        `event: message-completed\ndata: ${completed}\n\n`,
      ]),
    );
    const deltas: string[] = [];
    const result = await createApiClient('http://api', { fetch }).sendMessage('s1', 'Hvor kan jeg parkere?', 'da', (delta) => deltas.push(delta));
    expect(deltas).toEqual(['Du kan ', 'parkere']);
    expect(result.message?.text).toBe('Du kan parkere i P-huset [1].');
    expect(result.question.id).toBe('m1');
    const headers = new Headers(calls[0]?.init.headers);
    expect(headers.get('accept')).toBe('text/event-stream');
    expect(headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ text: 'Hvor kan jeg parkere?', language: 'da' });
  });

  it('accepts the plain JSON answer when the server does not stream', async () => {
    const { fetch } = fakeFetch(() => json({ message: message(), question }));
    const result = await createApiClient('http://api', { fetch }).sendMessage('s1', 'x', 'da', () => undefined);
    expect(result.message?.id).toBe('m2');
  });

  it('turns an error event into an ApiError with the request id', async () => {
    const { fetch } = fakeFetch(() =>
      sseResponse(['event: message-delta\ndata: {"delta":"Du"}\n\n', 'event: error\ndata: {"error":{"code":"unavailable","message":"down","requestId":"req-9"}}\n\n']),
    );
    const failure = createApiClient('http://api', { fetch }).sendMessage('s1', 'x', 'da', () => undefined);
    await expect(failure).rejects.toMatchObject({ code: 'unavailable', requestId: 'req-9' });
  });

  it('turns non-2xx envelopes into ApiErrors, 404 included', async () => {
    const invalid = fakeFetch(() => errorEnvelope('invalid_request', 400));
    await expect(createApiClient('http://api', invalid).sendMessage('s1', 'x', 'da', () => undefined)).rejects.toMatchObject({
      code: 'invalid_request',
      status: 400,
      requestId: 'req-1',
    });
    const gone = fakeFetch(() => errorEnvelope('not_found', 404));
    await expect(createApiClient('http://api', gone).sendMessage('s1', 'x', 'da', () => undefined)).rejects.toMatchObject({ code: 'not_found' });
    const html = fakeFetch(() => new Response('<h1>Bad gateway</h1>', { status: 502 }));
    await expect(createApiClient('http://api', html).createSession(undefined, 'da')).rejects.toMatchObject({ code: 'internal', status: 502 });
  });

  it('fails as a network error when the stream ends before the answer is complete', async () => {
    const { fetch } = fakeFetch(() => sseResponse(['event: message-delta\ndata: {"delta":"Du"}\n\n']));
    await expect(createApiClient('http://api', { fetch }).sendMessage('s1', 'x', 'da', () => undefined)).rejects.toMatchObject({ code: 'network' });
  });

  it('fails as a network error when fetch itself fails', async () => {
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const failure = createApiClient('http://api', { fetch: failing }).createSession('fjordby', 'da');
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ code: 'network' });
  });

  it('gives up when the stream goes silent, but not while keep-alives arrive', async () => {
    // Keep-alives every 10 ms for 60 ms, then a completed answer: the 40 ms idle limit is never hit.
    const encoder = new TextEncoder();
    const lively = (async (_input: RequestInfo | URL, init: RequestInit = {}) => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          for (let i = 0; i < 6; i++) {
            await new Promise((resolve) => setTimeout(resolve, 10));
            if (init.signal?.aborted) return;
            controller.enqueue(encoder.encode(': keep-alive\n\n'));
          }
          controller.enqueue(encoder.encode(`event: message-completed\ndata: ${JSON.stringify({ message: message(), question })}\n\n`));
          controller.close();
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    }) as typeof fetch;
    await expect(createApiClient('http://api', { fetch: lively, idleTimeoutMs: 40 }).sendMessage('s1', 'x', 'da', () => undefined)).resolves.toMatchObject({
      message: { id: 'm2' },
    });

    const silent = (async (_input: RequestInfo | URL, init: RequestInit = {}) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          init.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    }) as typeof fetch;
    await expect(createApiClient('http://api', { fetch: silent, idleTimeoutMs: 30 }).sendMessage('s1', 'x', 'da', () => undefined)).rejects.toMatchObject({
      code: 'network',
    });
  });

  it('puts a rating with the trimmed comment on the answer, and leaves out an empty comment', async () => {
    const { fetch, calls } = fakeFetch(() => json({ messageId: 'm 2', sessionId: 's1', rating: 'down', comment: 'Mangler pris' }));
    const api = createApiClient('http://api', { fetch });
    await api.sendFeedback('s1', 'm 2', 'down', '  Mangler pris  ');
    expect(calls[0]?.url).toBe('http://api/api/sessions/s1/messages/m%202/feedback');
    expect(calls[0]?.init.method).toBe('PUT');
    expect(new Headers(calls[0]?.init.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ rating: 'down', comment: 'Mangler pris' });
    await api.sendFeedback('s1', 'm2', 'up', '   ');
    expect(JSON.parse(String(calls[1]?.init.body))).toEqual({ rating: 'up' });
  });

  it('rejects feedback the server refuses or never receives, so the widget can offer to try again', async () => {
    const gone = fakeFetch(() => errorEnvelope('not_found', 404));
    await expect(createApiClient('http://api', gone).sendFeedback('s1', 'm1', 'up')).rejects.toMatchObject({ code: 'not_found', status: 404 });
    const broken = fakeFetch(() => errorEnvelope('internal', 500));
    await expect(createApiClient('http://api', broken).sendFeedback('s1', 'm2', 'down', 'x')).rejects.toMatchObject({ code: 'internal', requestId: 'req-1' });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    await expect(createApiClient('http://api', { fetch: offline }).sendFeedback('s1', 'm2', 'up')).rejects.toMatchObject({ code: 'network' });
  });

  describe('too many requests (429, rate_limited)', () => {
    const limited = (retryAfter?: string) =>
      new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'Too many messages. Please wait 20 seconds and try again.', requestId: 'req-429' } }), {
        status: 429,
        headers: { 'Content-Type': 'application/json', ...(retryAfter === undefined ? {} : { 'Retry-After': retryAfter }) },
      });

    it('surfaces the Retry-After seconds when starting a chat, sending a message and giving feedback', async () => {
      const { fetch } = fakeFetch(() => limited('20'));
      const api = createApiClient('http://api', { fetch });
      const expected = { code: 'rate_limited', status: 429, requestId: 'req-429', retryAfterSeconds: 20 };
      await expect(api.createSession('fjordby', 'da')).rejects.toMatchObject(expected);
      await expect(api.sendMessage('s1', 'x', 'da', () => undefined)).rejects.toMatchObject(expected);
      await expect(api.sendFeedback('s1', 'm2', 'up')).rejects.toMatchObject(expected);
    });

    it('still reports rate_limited without Retry-After, or with one it cannot read, but without a wait', async () => {
      for (const header of [undefined, 'Wed, 21 Oct 2026 07:28:00 GMT', '-3']) {
        const failure = createApiClient('http://api', fakeFetch(() => limited(header))).sendMessage('s1', 'x', 'da', () => undefined);
        const error = await failure.catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ApiError);
        expect(error).toMatchObject({ code: 'rate_limited', status: 429 });
        expect((error as ApiError).retryAfterSeconds).toBeUndefined();
      }
    });

    it('reads a 429 with no envelope (a proxy in between) as rate_limited, rounding the wait up', async () => {
      const { fetch } = fakeFetch(() => new Response('Too Many Requests', { status: 429, headers: { 'Retry-After': '2.5' } }));
      await expect(createApiClient('http://api', { fetch }).createSession(undefined, 'en')).rejects.toMatchObject({ code: 'rate_limited', retryAfterSeconds: 3 });
    });

    it('takes the wait from an SSE error event, and none when the event carries none', async () => {
      const withWait = fakeFetch(() => sseResponse(['event: error\ndata: {"error":{"code":"rate_limited","message":"slow down","requestId":"req-7","retryAfter":12}}\n\n']));
      await expect(createApiClient('http://api', withWait).sendMessage('s1', 'x', 'da', () => undefined)).rejects.toMatchObject({
        code: 'rate_limited',
        requestId: 'req-7',
        retryAfterSeconds: 12,
      });
      const withoutWait = fakeFetch(() => sseResponse(['event: error\ndata: {"error":{"code":"rate_limited","message":"slow down"}}\n\n']));
      const error = await createApiClient('http://api', withoutWait)
        .sendMessage('s1', 'x', 'da', () => undefined)
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'rate_limited' });
      expect((error as ApiError).retryAfterSeconds).toBeUndefined();
    });
  });

  describe('deleting the conversation', () => {
    it('deletes the session at its own address; one already gone counts as deleted; a failure is an error to show', async () => {
      const { fetch, calls } = fakeFetch(() => new Response(null, { status: 204 }));
      await createApiClient('http://api', { fetch }).deleteSession('s 1');
      expect(calls.map((call) => `${call.init.method} ${call.url}`)).toEqual(['DELETE http://api/api/sessions/s%201']);

      const gone = fakeFetch(() => json({ error: { code: 'not_found', message: 'No chat session with id "s1".' } }, 404));
      await expect(createApiClient('http://api', gone).deleteSession('s1')).resolves.toBeUndefined();

      const down = fakeFetch(() => json({ error: { code: 'internal', message: 'Something went wrong', requestId: 'req-9' } }, 500));
      await expect(createApiClient('http://api', down).deleteSession('s1')).rejects.toMatchObject({ code: 'internal', requestId: 'req-9' });
      const offline = createApiClient('http://api', { fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
      await expect(offline.deleteSession('s1')).rejects.toMatchObject({ code: 'network' });
    });
  });

  describe('talking to a person', () => {
    const waiting: EscalationStatus = { state: 'waiting', reason: 'citizen', team: 'patientservice', open: true, queuePosition: 2, expectedWaitMinutes: 6 };

    it('asks for a person, reads and stops the wait, and asks for a call back, each at its own endpoint', async () => {
      const { fetch, calls } = fakeFetch((call) => json({ escalation: call.init.method === 'DELETE' ? { state: 'bot', open: true } : waiting }, call.url.endsWith('/callback') ? 201 : 200));
      const api = createApiClient('http://api', { fetch });
      expect(await api.requestEscalation('s 1')).toEqual(waiting);
      expect(await api.getEscalation('s 1')).toEqual(waiting);
      expect(await api.cancelEscalation('s 1')).toEqual({ state: 'bot', open: true });
      expect(await api.requestCallback('s 1', { phone: '12 34 56 78', preferredTime: 'morning', consent: true })).toEqual(waiting);
      expect(calls.map((call) => `${call.init.method ?? 'GET'} ${call.url}`)).toEqual([
        'POST http://api/api/sessions/s%201/escalation',
        'GET http://api/api/sessions/s%201/escalation',
        'DELETE http://api/api/sessions/s%201/escalation',
        'POST http://api/api/sessions/s%201/callback',
      ]);
      expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ reason: 'citizen' });
      expect(calls[1]?.init.body).toBeUndefined();
      expect(JSON.parse(String(calls[3]?.init.body))).toEqual({ phone: '12 34 56 78', preferredTime: 'morning', consent: true });
    });

    it("passes on the server's 400 naming the bad field, and refuses a status it cannot read", async () => {
      const refused = fakeFetch(() => json({ error: { code: 'invalid_request', message: 'phone: Invalid phone number', requestId: 'req-3' } }, 400));
      await expect(createApiClient('http://api', refused).requestCallback('s1', { phone: '1', preferredTime: 'any', consent: true })).rejects.toMatchObject({
        code: 'invalid_request',
        message: 'phone: Invalid phone number',
      });
      const odd = fakeFetch(() => json({ escalation: { state: 'thinking' } }));
      await expect(createApiClient('http://api', odd).getEscalation('s1')).rejects.toMatchObject({ code: 'internal' });
    });

    it('accepts an answer without a bot message while a person has the chat (message: null)', async () => {
      const streamed = fakeFetch(() => sseResponse([`event: message-completed\ndata: ${JSON.stringify({ question, message: null })}\n\n`]));
      expect(await createApiClient('http://api', streamed).sendMessage('s1', 'Hej Mette', 'da', () => undefined)).toEqual({ question, message: null });
      const plain = fakeFetch(() => json({ question, message: null }));
      expect(await createApiClient('http://api', plain).sendMessage('s1', 'Hej Mette', 'da', () => undefined)).toEqual({ question, message: null });
    });
  });

  describe('followEvents', () => {
    const state = (escalation: EscalationStatus) => `event: session-state\ndata: ${JSON.stringify({ escalation })}\n`;
    /** A stream that stays open, and errors when the request is aborted, as fetch's body does. */
    const openStream = (init: RequestInit, chunks: string[] = []) => {
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
          if (init.signal?.aborted) controller.error(new DOMException('aborted', 'AbortError'));
          init.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    };

    it('delivers status changes and staff messages, and after a drop reconnects with Last-Event-ID and a growing pause', async () => {
      const staffMessage = message({ id: 'm9', role: 'staff', kind: 'staff', text: 'Hej, det er Mette.', citations: [], author: 'Mette' });
      const bodies = [
        [`id: 1\n${state({ state: 'waiting', open: true, queuePosition: 2 })}\n`, `id: 2\n${state({ state: 'waiting', open: true, queuePosition: 1 })}\n`, 'event: ping\ndata: {}\n\n'],
        [`id: 3\n${state({ state: 'staff', open: true, staffName: 'Mette' })}\n`, `id: 4\nevent: message-created\ndata: ${JSON.stringify({ message: staffMessage })}\n\n`],
      ];
      const controller = new AbortController();
      const events: SessionEvent[] = [];
      const times: number[] = [];
      const { fetch, calls } = fakeFetch(() => {
        times.push(Date.now());
        const body = bodies.shift();
        // Third connection: the test has seen enough.
        if (!body) {
          controller.abort();
          return sseResponse([]);
        }
        return sseResponse(body);
      });
      const api = createApiClient('http://api', { fetch, reconnectDelayMs: 20 });
      await api.followEvents('s1', null, (event) => events.push(event), controller.signal);

      expect(events.map((event) => (event.type === 'session-state' ? `${event.id} ${event.escalation.state} ${event.escalation.queuePosition ?? event.escalation.staffName}` : `${event.id} ${event.message.author}: ${event.message.text}`))).toEqual([
        '1 waiting 2',
        '2 waiting 1',
        '3 staff Mette',
        '4 Mette: Hej, det er Mette.',
      ]);
      expect(calls.map((call) => new Headers(call.init.headers).get('last-event-id'))).toEqual([null, '2', '4']);
      expect(calls[0]?.url).toBe('http://api/api/sessions/s1/events');
      expect(new Headers(calls[0]?.init.headers).get('accept')).toBe('text/event-stream');
      // Both drops delivered events, so each reconnect waits the first pause again.
      expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(15);
    });

    it('backs off further after connections that fail, starting from the given id', async () => {
      const times: number[] = [];
      const controller = new AbortController();
      const { fetch, calls } = fakeFetch(() => {
        times.push(Date.now());
        if (times.length === 4) controller.abort();
        return errorEnvelope('unavailable', 503);
      });
      await createApiClient('http://api', { fetch, reconnectDelayMs: 20 }).followEvents('s1', '17', () => undefined, controller.signal);
      expect(calls).toHaveLength(4);
      expect(calls.every((call) => new Headers(call.init.headers).get('last-event-id') === '17')).toBe(true);
      const gaps = times.slice(1).map((time, i) => time - (times[i] ?? 0));
      // 20, 40, 80 ms (timers may fire a little late, never early).
      expect(gaps[0]).toBeGreaterThanOrEqual(18);
      expect(gaps[1]).toBeGreaterThanOrEqual(38);
      expect(gaps[2]).toBeGreaterThanOrEqual(78);
    });

    it('stops when the session is gone, and when the widget aborts while connected', async () => {
      const gone = fakeFetch(() => errorEnvelope('not_found', 404));
      await createApiClient('http://api', { ...gone, reconnectDelayMs: 1 }).followEvents('s1', null, () => undefined, new AbortController().signal);
      expect(gone.calls).toHaveLength(1);

      const controller = new AbortController();
      const open = fakeFetch((call) => openStream(call.init, [': keep-alive\n\n']));
      const following = createApiClient('http://api', { ...open, reconnectDelayMs: 1 }).followEvents('s1', null, () => undefined, controller.signal);
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort();
      await expect(following).resolves.toBeUndefined();
      expect(open.calls).toHaveLength(1);
      expect(open.calls[0]?.init.signal?.aborted).toBe(true);
    });

    it('opens a silent connection again after the idle limit', async () => {
      const controller = new AbortController();
      const silent = fakeFetch((call) => {
        if (silent.calls.length === 2) controller.abort();
        return openStream(call.init);
      });
      await createApiClient('http://api', { ...silent, idleTimeoutMs: 30, reconnectDelayMs: 1 }).followEvents('s1', null, () => undefined, controller.signal);
      expect(silent.calls).toHaveLength(2);
      expect(silent.calls[0]?.init.signal?.aborted).toBe(true);
    });
  });
});

describe('picking up an answer after the stream broke', () => {
  const created = (id: string, body: unknown) => `id: ${id}\nevent: message-created\ndata: ${JSON.stringify({ message: body })}\n\n`;

  it('reports the stored question with its session event id before the stream breaks', async () => {
    const { fetch } = fakeFetch(() => sseResponse([created('41', question), 'event: message-delta\ndata: {"delta":"Du"}\n\n']));
    const stored: [string, string][] = [];
    const failure = createApiClient('http://api', { fetch }).sendMessage('s1', 'x', 'da', () => undefined, (q, eventId) => stored.push([q.id, eventId]));
    await expect(failure).rejects.toMatchObject({ code: 'network' });
    expect(stored).toEqual([['m1', '41']]);
  });

  it('reads the events after the question and returns the answer that replies to it, skipping others', async () => {
    const staff = message({ id: 'x1', role: 'staff', kind: 'staff', text: 'Hej', replyTo: null });
    const other = message({ id: 'm9', replyTo: 'm0' });
    const { fetch, calls } = fakeFetch(() => sseResponse([created('42', staff), created('43', other), created('44', message())], true));
    const answer = await createApiClient('http://api', { fetch }).awaitAnswer('s1', '41', 'm1');
    expect(answer).toMatchObject({ id: 'm2', replyTo: 'm1' });
    expect(calls.map((call) => call.url)).toEqual(['http://api/api/sessions/s1/events?lastEventId=41']);
    expect(new Headers(calls[0]?.init.headers).get('accept')).toBe('text/event-stream');
  });

  it('tries again after a failed connection, from the last event it saw, with growing pauses', async () => {
    const times: number[] = [];
    let call = 0;
    const { fetch, calls } = fakeFetch(() => {
      times.push(Date.now());
      call += 1;
      if (call === 1) return sseResponseThatBreaks(created('42', message({ id: 'x1', role: 'staff', kind: 'staff', replyTo: null })));
      if (call === 2) throw new TypeError('Failed to fetch');
      return sseResponse([created('44', message())], true);
    });
    const answer = await createApiClient('http://api', { fetch, resumeDelaysMs: [20, 60] }).awaitAnswer('s1', '41', 'm1');
    expect(answer.id).toBe('m2');
    expect(calls.map((c) => new URL(c.url).searchParams.get('lastEventId'))).toEqual(['41', '42', '42']);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(15);
    expect((times[2] as number) - (times[1] as number)).toBeGreaterThanOrEqual(55);
  });

  it('gives up with a network error when every retry fails', async () => {
    const { fetch, calls } = fakeFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(createApiClient('http://api', { fetch, resumeDelaysMs: [1, 1] }).awaitAnswer('s1', '41', 'm1')).rejects.toMatchObject({ code: 'network' });
    expect(calls).toHaveLength(3);
  });

  it('gives up at the deadline when the stream stays open with keep-alives but the answer never comes', async () => {
    // Like a real fetch: aborting the request ends its body.
    const fetchImpl = (async (_url: RequestInfo | URL, init: RequestInit = {}) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(': keep-alive\n\n'));
          init.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    }) as typeof fetch;
    const started = Date.now();
    const failure = createApiClient('http://api', { fetch: fetchImpl, resumeDelaysMs: [10, 10], resumeDeadlineMs: 150 }).awaitAnswer('s1', '41', 'm1');
    await expect(failure).rejects.toMatchObject({ code: 'network' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('gives up at once when the session is gone', async () => {
    const { fetch, calls } = fakeFetch(() => errorEnvelope('not_found', 404));
    await expect(createApiClient('http://api', { fetch, resumeDelaysMs: [1, 1] }).awaitAnswer('s1', '41', 'm1')).rejects.toMatchObject({ code: 'not_found' });
    expect(calls).toHaveLength(1);
  });
});

/** A stream that delivers `chunk` and then fails, as a dropped connection does. */
function sseResponseThatBreaks(chunk: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(chunk));
    },
    // Only once the chunk was read: error() would throw away what is still queued.
    pull(controller) {
      if (controller.desiredSize !== null && controller.desiredSize > 0) controller.error(new TypeError('network error'));
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
}
