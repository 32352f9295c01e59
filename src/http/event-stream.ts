// Server-sent events written straight into one ReadableStream, for the citizen's streams. Every open
// widget holds an events stream, so what an idle one costs is what thousands cost: Hono's streamSSE
// builds a TransformStream, a second ReadableStream pumping it and a TextEncoder for each stream; this
// is one ReadableStream and its controller. Same wire format, same headers (set on the context, so
// middleware sees them as before), and the same backpressure: a write waits until the reader has
// taken what is queued, so a client that stops reading does not grow a buffer on the server.
import type { Context } from 'hono';

export interface ServerSentEvent {
  data: string;
  event?: string;
  id?: string;
  retry?: number;
}

export interface EventStream {
  /** Sends one event; resolves when the reader has taken it (or at once when the client has gone). */
  writeSSE(message: ServerSentEvent): Promise<void>;
  /** Sends raw text, e.g. a `: keep-alive` comment. */
  write(text: string): Promise<void>;
  /** Called once when the client goes away (the response body is cancelled). */
  onAbort(listener: () => void): void;
}

const encoder = new TextEncoder();

/** The SSE text of one event; `event` and `id` may not contain a line break (it would end the field). */
export function formatEvent(message: ServerSentEvent): string {
  for (const key of ['event', 'id'] as const) {
    const value = message[key];
    if (value !== undefined && /[\r\n]/.test(value)) throw new Error(`${key} must not contain "\\r" or "\\n"`);
  }
  let text = message.event ? `event: ${message.event}\n` : '';
  text += message.data
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}`)
    .join('\n');
  if (message.id !== undefined) text += `\nid: ${message.id}`;
  if (message.retry !== undefined) text += `\nretry: ${message.retry}`;
  return `${text}\n\n`;
}

/**
 * Answers the request with an event stream that `run` writes into; the stream ends when `run` returns.
 * An error `run` throws ends the stream and goes to `onError` (the routes catch their own first).
 */
export function eventStream(c: Context, run: (stream: EventStream) => Promise<void>, onError?: (error: unknown) => void): Response {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let done = false;
  let waiting: (() => void)[] = [];
  const abortListeners: (() => void)[] = [];
  const release = () => {
    const resolvers = waiting;
    waiting = [];
    for (const resolve of resolvers) resolve();
  };
  const body = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
    },
    // The reader took a chunk and wants more: writes waiting on it go on.
    pull: release,
    cancel() {
      done = true;
      release();
      for (const listener of abortListeners.splice(0)) listener();
    },
  });
  const write = async (text: string) => {
    if (done || controller === undefined) return;
    controller.enqueue(encoder.encode(text));
    if ((controller.desiredSize ?? 0) <= 0) await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const stream: EventStream = {
    writeSSE: (message) => write(formatEvent(message)),
    write,
    onAbort: (listener) => void abortListeners.push(listener),
  };
  void run(stream)
    .catch((error: unknown) => onError?.(error))
    .finally(() => {
      if (done) return;
      done = true;
      release();
      controller?.close();
    });
  c.header('Transfer-Encoding', 'chunked');
  c.header('Content-Type', 'text/event-stream');
  c.header('Cache-Control', 'no-cache');
  c.header('Connection', 'keep-alive');
  return c.newResponse(body);
}

export interface FollowOptions<T> {
  /** Starts listening and returns what stops it. Items arriving during the replay are sent after it. */
  subscribe(push: (item: T) => void): () => void;
  /** What the client missed (after its Last-Event-ID), sent first. */
  replay(): Promise<readonly T[]>;
  /** Writes one item; skipping what was already sent (replayed, then announced live) is its job. */
  send(item: T): Promise<void>;
  /** A `: keep-alive` comment after this long without an item, so proxies keep the stream open. */
  keepAliveMs: number;
  /** False where nothing live reaches this process (the Worker): end after the replay with a retry hint, which makes it a poll. */
  live?: boolean;
  /** Items waiting to be written before a client that stopped reading is cut off instead of buffered for. */
  maxPending?: number;
}

/**
 * The loop behind every events stream (the citizen's session, the staff console): the replay, then
 * live items as they come, keep-alives in between, until the client goes away.
 */
export async function followEvents<T>(stream: EventStream, options: FollowOptions<T>): Promise<void> {
  const maxPending = options.maxPending ?? 1000;
  const pending: T[] = [];
  let wake: (() => void) | undefined;
  let open = true;
  const stop = options.subscribe((item) => {
    if (pending.length >= maxPending) open = false;
    else pending.push(item);
    wake?.();
  });
  stream.onAbort(() => {
    open = false;
    wake?.();
  });
  try {
    for (const item of await options.replay()) await options.send(item);
    if (options.live === false) {
      await stream.write('retry: 3000\n\n');
      return;
    }
    while (open) {
      if (pending.length === 0) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, options.keepAliveMs);
        });
        // Woken by an item or a disconnect: the keep-alive timer must not hold the stream.
        clearTimeout(timer);
        wake = undefined;
        if (pending.length === 0 && open) await stream.write(': keep-alive\n\n');
      }
      while (pending.length > 0 && open) await options.send(pending.shift() as T);
    }
  } finally {
    stop();
  }
}
