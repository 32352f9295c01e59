import { describe, it, expect } from 'vitest';
import { readSse, SseParser, type SseEvent } from './sse.js';

function parseInChunks(chunks: string[]): SseEvent[] {
  const parser = new SseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

function streamOf(chunks: Array<string | Uint8Array>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of readSse(stream)) events.push(event);
  return events;
}

// What the server sends for one answer: two deltas, a keep-alive comment and the final message.
const answerStream =
  'event: message-delta\ndata: {"delta":"Du kan "}\n\n' +
  ': keep-alive\n\n' +
  'event: message-delta\ndata: {"delta":"parkere [1]."}\n\n' +
  'event: message-completed\ndata: {"message":{"text":"Du kan parkere [1]."}}\n\n';

const expectedAnswerEvents: SseEvent[] = [
  { type: 'message-delta', data: '{"delta":"Du kan "}', id: '' },
  { type: 'message-delta', data: '{"delta":"parkere [1]."}', id: '' },
  { type: 'message-completed', data: '{"message":{"text":"Du kan parkere [1]."}}', id: '' },
];

describe('SseParser', () => {
  it('parses named events separated by blank lines', () => {
    expect(parseInChunks([answerStream])).toEqual(expectedAnswerEvents);
  });

  it('gives the same events whatever the chunk boundaries are', () => {
    for (let size = 1; size <= answerStream.length; size++) {
      const chunks: string[] = [];
      for (let start = 0; start < answerStream.length; start += size) chunks.push(answerStream.slice(start, start + size));
      expect(parseInChunks(chunks), `chunk size ${size}`).toEqual(expectedAnswerEvents);
    }
  });

  it('splits at every single position', () => {
    for (let cut = 0; cut <= answerStream.length; cut++) {
      expect(parseInChunks([answerStream.slice(0, cut), answerStream.slice(cut)]), `cut at ${cut}`).toEqual(expectedAnswerEvents);
    }
  });

  it('accepts CRLF, lone CR and LF line endings, also mixed', () => {
    const crlf = answerStream.replace(/\n/g, '\r\n');
    const cr = answerStream.replace(/\n/g, '\r');
    expect(parseInChunks([crlf])).toEqual(expectedAnswerEvents);
    expect(parseInChunks([cr])).toEqual(expectedAnswerEvents);
    expect(parseInChunks(['event: a\r\ndata: 1\r\rdata: 2\n\r\n'])).toEqual([
      { type: 'a', data: '1', id: '' },
      { type: 'message', data: '2', id: '' },
    ]);
  });

  it('does not take the LF of a CRLF split across chunks for an empty line', () => {
    expect(parseInChunks(['data: one\r', '\ndata: two\r', '\n\r', '\n'])).toEqual([{ type: 'message', data: 'one\ntwo', id: '' }]);
    // CRLF split at every position of a CRLF stream.
    const crlf = answerStream.replace(/\n/g, '\r\n');
    for (let cut = 0; cut <= crlf.length; cut++) {
      expect(parseInChunks([crlf.slice(0, cut), crlf.slice(cut)]), `cut at ${cut}`).toEqual(expectedAnswerEvents);
    }
  });

  it('joins multi-line data with LF and keeps inner spaces', () => {
    expect(parseInChunks(['data: first\ndata:  second\ndata:third\ndata\n\n'])).toEqual([
      { type: 'message', data: 'first\n second\nthird\n', id: '' },
    ]);
  });

  it('ignores comments, keep-alives and unknown fields', () => {
    expect(parseInChunks([': keep-alive\n\n', ':\n', 'foo: bar\n', 'data: x\n', ': in the middle\n', '\n'])).toEqual([
      { type: 'message', data: 'x', id: '' },
    ]);
  });

  it('does not dispatch blocks without data, and resets the event type after each event', () => {
    expect(parseInChunks(['event: lonely\n\n', 'data: a\n\n', 'event: named\ndata: b\n\n', 'data: c\n\n'])).toEqual([
      { type: 'message', data: 'a', id: '' },
      { type: 'named', data: 'b', id: '' },
      { type: 'message', data: 'c', id: '' },
    ]);
  });

  it('dispatches an empty data line as an event with empty data', () => {
    expect(parseInChunks(['data:\n\n'])).toEqual([{ type: 'message', data: '', id: '' }]);
  });

  it('carries the last event id and reads retry', () => {
    const parser = new SseParser();
    const events = parser.push('id: 7\nevent: message-created\ndata: {}\n\ndata: no id\n\nid: bad\0id\ndata: x\n\nretry: 3000\nretry: soon\n');
    expect(events.map((event) => event.id)).toEqual(['7', '7', '7']);
    expect(parser.retry).toBe(3000);
  });

  it('treats a field without a colon as having an empty value', () => {
    expect(parseInChunks(['event\ndata\n\n'])).toEqual([{ type: 'message', data: '', id: '' }]);
  });

  it('strips a leading byte order mark only at the very start', () => {
    expect(parseInChunks(['', '\uFEFFdata: a\n\n', 'data: \uFEFFb\n\n'])).toEqual([
      { type: 'message', data: 'a', id: '' },
      { type: 'message', data: '\uFEFFb', id: '' },
    ]);
  });

  it('keeps an event that has no blank line yet for later', () => {
    const parser = new SseParser();
    expect(parser.push('data: partial\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ type: 'message', data: 'partial', id: '' }]);
  });
});

describe('readSse', () => {
  it('decodes UTF-8 split inside a character across chunks', async () => {
    const bytes = new TextEncoder().encode('event: message-delta\ndata: {"delta":"Hvornår må jeg besøge? مرحبا Привіт"}\n\n');
    const chunks: Uint8Array[] = [];
    for (let start = 0; start < bytes.length; start += 3) chunks.push(bytes.slice(start, start + 3));
    expect(await collect(streamOf(chunks))).toEqual([
      { type: 'message-delta', data: '{"delta":"Hvornår må jeg besøge? مرحبا Привіт"}', id: '' },
    ]);
  });

  it('drops an event cut off by the end of the stream', async () => {
    expect(await collect(streamOf(['data: whole\n\n', 'event: message-completed\ndata: {"half":']))).toEqual([
      { type: 'message', data: 'whole', id: '' },
    ]);
  });

  it('reports each received chunk, so that callers can reset an idle timer on keep-alives', async () => {
    let chunks = 0;
    for await (const event of readSse(streamOf([': keep-alive\n\n', ': keep-alive\n\n', 'data: x\n\n']), () => chunks++)) {
      expect(event.data).toBe('x');
    }
    expect(chunks).toBe(3);
  });

  it('cancels the body when the consumer stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: 1\n\ndata: 2\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const event of readSse(body)) {
      expect(event.data).toBe('1');
      break;
    }
    expect(cancelled).toBe(true);
  });
});
