import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { eventStream, followEvents, formatEvent } from './event-stream.js';

describe('eventStream', () => {
  it('sends events in the SSE format, with the event-stream headers, and ends when the route is done', async () => {
    const app = new Hono().get('/events', (c) =>
      eventStream(c, async (stream) => {
        await stream.writeSSE({ id: '7', event: 'message-created', data: '{"text":"Hej"}' });
        await stream.write(': keep-alive\n\n');
      }),
    );
    const response = await app.request('/events');
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe('event: message-created\ndata: {"text":"Hej"}\nid: 7\n\n: keep-alive\n\n');
  });

  it('puts every line of the data in its own data field and refuses a line break in the id', () => {
    expect(formatEvent({ data: 'første\nanden' })).toBe('data: første\ndata: anden\n\n');
    expect(() => formatEvent({ id: '1\n2', data: 'x' })).toThrow(/id must not contain/);
  });

  it('waits for a reader that stops reading instead of buffering, and tells the route when the client goes', async () => {
    let written = 0;
    let aborted = false;
    const app = new Hono().get('/events', (c) =>
      eventStream(c, async (stream) => {
        stream.onAbort(() => (aborted = true));
        for (let index = 0; index < 1000 && !aborted; index++) {
          await stream.writeSSE({ data: String(index) });
          written++;
        }
      }),
    );
    const response = await app.request('/events');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // One chunk read, one queued for the reader: the route waits on the next write.
    expect(written).toBeLessThanOrEqual(2);
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(aborted).toBe(true);
    expect(written).toBeLessThanOrEqual(3);
  });
});

describe('followEvents', () => {
  /** A stream following a source the test pushes into; `log` collects what the route was told. */
  function following(options: { maxPending?: number; live?: boolean; replay?: string[] } = {}) {
    let push: (item: string) => void = () => undefined;
    let stopped = false;
    const app = new Hono().get('/events', (c) =>
      eventStream(c, (stream) =>
        followEvents<string>(stream, {
          subscribe: (next) => {
            push = next;
            return () => (stopped = true);
          },
          replay: async () => options.replay ?? [],
          send: (item) => stream.writeSSE({ id: item, data: item }),
          keepAliveMs: 20,
          ...(options.maxPending !== undefined && { maxPending: options.maxPending }),
          ...(options.live !== undefined && { live: options.live }),
        }),
      ),
    );
    return { app, push: (item: string) => push(item), stopped: () => stopped };
  }

  it('sends the replay, then what comes live, with keep-alives while nothing does; stops listening when the client goes', async () => {
    const source = following({ replay: ['1', '2'] });
    const response = await source.app.request('/events');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (part: string) => {
      while (!text.includes(part)) {
        const chunk = await reader.read();
        if (chunk.done) throw new Error(`the stream ended before "${part}"; it sent: ${text}`);
        text += decoder.decode(chunk.value);
      }
    };
    await readUntil('id: 2');
    await readUntil(': keep-alive');
    source.push('3');
    await readUntil('id: 3');
    expect(text.indexOf('id: 1')).toBeLessThan(text.indexOf('id: 2'));
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(source.stopped()).toBe(true);
  });

  it('cuts off a client that stopped reading once too much waits for it, instead of buffering', async () => {
    const source = following({ maxPending: 5 });
    const response = await source.app.request('/events');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (let index = 1; index <= 50; index++) source.push(String(index));
    // The stream ends: reading on finds its end without 50 events' worth of text.
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
    expect(text.match(/^id: /gm)?.length ?? 0).toBeLessThan(50);
    expect(source.stopped()).toBe(true);
  });

  it('ends after the replay with a retry hint where nothing live reaches the process (the Worker)', async () => {
    const response = await following({ replay: ['9'], live: false }).app.request('/events');
    expect(await response.text()).toBe('data: 9\nid: 9\n\nretry: 3000\n\n');
  });
});
