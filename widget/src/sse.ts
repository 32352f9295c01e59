// Server-sent events over fetch. EventSource cannot POST a body or send headers, so the answer
// stream is read from a fetch body and parsed here, following the WHATWG "event stream" rules.

export interface SseEvent {
  /** The `event:` field, or "message" when the event had none. */
  type: string;
  data: string;
  /** The last `id:` seen on the stream so far (the spec carries it over between events). */
  id: string;
}

/** Incremental parser: feed it decoded text in chunks of any size, get complete events back. */
export class SseParser {
  private buffer = '';
  private started = false;
  // A chunk that ends in CR may be the first half of a CRLF; the LF must then not count as an empty line.
  private pendingLf = false;
  private data = '';
  private hasData = false;
  private type = '';
  private lastId = '';
  /** Reconnection time the server asked for, in ms; kept for callers that reconnect. */
  retry: number | undefined;

  push(chunk: string): SseEvent[] {
    let text = chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.pendingLf && text.length > 0) {
      this.pendingLf = false;
      if (text.charCodeAt(0) === 10) text = text.slice(1);
    }
    this.buffer += text;
    const events: SseEvent[] = [];
    const buffer = this.buffer;
    let lineStart = 0;
    for (let i = 0; i < buffer.length; i++) {
      const code = buffer.charCodeAt(i);
      if (code !== 10 && code !== 13) continue;
      this.line(buffer.slice(lineStart, i), events);
      if (code === 13) {
        if (i + 1 === buffer.length) this.pendingLf = true;
        else if (buffer.charCodeAt(i + 1) === 10) i++;
      }
      lineStart = i + 1;
    }
    this.buffer = buffer.slice(lineStart);
    return events;
  }

  private line(line: string, events: SseEvent[]): void {
    if (line === '') {
      this.dispatch(events);
      return;
    }
    if (line.charCodeAt(0) === 58 /* ':' comment, e.g. keep-alive */) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case 'event':
        this.type = value;
        break;
      case 'data':
        this.data += this.hasData ? `\n${value}` : value;
        this.hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        // Unknown fields are ignored by the spec so that servers can extend the format.
        break;
    }
  }

  private dispatch(events: SseEvent[]): void {
    // An event with no data line is not dispatched (e.g. a lone "event:" block).
    if (this.hasData) events.push({ type: this.type || 'message', data: this.data, id: this.lastId });
    this.data = '';
    this.hasData = false;
    this.type = '';
  }
}

/**
 * Reads a response body as server-sent events. An event cut off by the end of the stream (no blank
 * line after it) is dropped, as the spec says: a half-received answer must not look complete.
 */
export async function* readSse(body: ReadableStream<Uint8Array>, onChunk?: () => void): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onChunk?.();
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
    yield* parser.push(decoder.decode());
  } finally {
    // Stops the download when the consumer leaves early (an error event, or the caller aborting).
    reader.cancel().catch(() => undefined);
  }
}
