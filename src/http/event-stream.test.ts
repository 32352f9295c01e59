import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { eventStream, formatEvent } from './event-stream.js';

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
