// The chat API as the widget uses it: start a session, read a transcript, send a question and
// follow the streamed answer; ask for a person and follow the session's events while one is involved.
// Every failure becomes an ApiError with a code the UI can word.
import { readSse, type SseEvent } from './sse.js';
import type { CallbackRequestInput, EscalationStatus, Language, Message, SendResult, Session } from './types.js';

export class ApiError extends Error {
  constructor(
    /** The server's code ("not_found", "unavailable", …), or "network" when no answer came. */
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly requestId?: string,
    /** For "rate_limited": how many seconds to wait before trying again (from Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  createSession(hospital: string | undefined, language: Language): Promise<Session>;
  /** The transcript, oldest first, or null when the session no longer exists. */
  listMessages(sessionId: string): Promise<Message[] | null>;
  /**
   * `onStored` is called when the server confirms the question is saved, with its session event id:
   * if the stream then breaks, awaitAnswer(…) from that id finds the answer, which the server still makes.
   */
  sendMessage(
    sessionId: string,
    text: string,
    language: Language,
    onDelta: (delta: string) => void,
    onStored?: (question: Message, eventId: string) => void,
  ): Promise<SendResult>;
  /**
   * Reads the session's events after `afterEventId` until the answer replying to `questionId` comes,
   * reconnecting a few times with a growing pause when the connection fails. Rejects with an
   * ApiError when it cannot get it (after the retries, or at once for an unknown session).
   */
  awaitAnswer(sessionId: string, afterEventId: string, questionId: string): Promise<Message>;
  /** Rates one answer; sending again replaces the rating and the comment. */
  sendFeedback(sessionId: string, messageId: string, rating: Rating, comment?: string): Promise<void>;
  /** Where the chat stands: the chatbot, waiting for a person, a person, or closed. */
  getEscalation(sessionId: string): Promise<EscalationStatus>;
  /** Asks for a person; asking again while waiting returns the same status. */
  requestEscalation(sessionId: string, request?: { reason?: 'citizen' | 'feedback'; message?: string }): Promise<EscalationStatus>;
  /** Stops waiting for a person; the chatbot answers again. */
  cancelEscalation(sessionId: string): Promise<EscalationStatus>;
  /** Asks to be called back. A 400 is an ApiError whose message names the bad field(s), e.g. "phone: …". */
  requestCallback(sessionId: string, input: CallbackRequestInput): Promise<EscalationStatus>;
  /**
   * Follows GET /api/sessions/{id}/events until `signal` aborts or the session is gone (404).
   * A dropped or silent connection is opened again after a growing pause, with Last-Event-ID set to
   * the last id seen, so the server replays what was missed. Resolves when it stops; never rejects.
   */
  followEvents(sessionId: string, lastEventId: string | null, onEvent: (event: SessionEvent) => void, signal: AbortSignal): Promise<void>;
  /** Where the login popup starts (docs/adr/0010): the server's page that sends the patient to the login provider. */
  patientLoginUrl(sessionId: string, widgetOrigin: string): string;
  /** The origin the login popup's result message comes from (the server's). */
  readonly serverOrigin: string;
  /** Ends the patient's login to this chat. */
  logoutPatient(sessionId: string): Promise<void>;
  /** Deletes the conversation on the server for good ("Ny samtale"); one already gone counts as deleted. */
  deleteSession(sessionId: string): Promise<void>;
}

/** The events of a session's stream that the widget acts on; `id` is the stream's event id. */
export type SessionEvent =
  | { type: 'session-state'; id: string; escalation: EscalationStatus }
  | { type: 'message-created'; id: string; message: Message };

export type Rating = 'up' | 'down';

export interface ApiOptions {
  fetch?: typeof fetch;
  /** Give up when nothing at all (not even a keep-alive) arrived for this long. */
  idleTimeoutMs?: number;
  /** Pauses before each new try of awaitAnswer after a failed connection; their number is the number of retries. */
  resumeDelaysMs?: readonly number[];
  /** awaitAnswer gives up after this long in all. */
  resumeDeadlineMs?: number;
  /** First pause before the events stream is opened again after a drop; doubles up to 30 s. */
  reconnectDelayMs?: number;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

// Just enough checking that a broken or foreign response fails as an error instead of as a
// half-drawn message; the server's schema is the real contract.
function isMessage(value: unknown): value is Message {
  return isObject(value) && typeof value.id === 'string' && typeof value.text === 'string' && typeof value.kind === 'string' && Array.isArray(value.citations);
}

function isSendResult(value: unknown): value is SendResult {
  return isObject(value) && (value.message === null || isMessage(value.message)) && isMessage(value.question);
}

const escalationStates: readonly string[] = ['bot', 'waiting', 'staff', 'closed'];

function isEscalation(value: unknown): value is EscalationStatus {
  return isObject(value) && typeof value.state === 'string' && escalationStates.includes(value.state) && typeof value.open === 'boolean';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The event as the widget understands it, or null for events it does not act on (or cannot read). */
export function toSessionEvent(event: SseEvent): SessionEvent | null {
  const data = parseJson(event.data);
  if (!isObject(data)) return null;
  if (event.type === 'session-state' && isEscalation(data.escalation)) return { type: 'session-state', id: event.id, escalation: data.escalation };
  if (event.type === 'message-created' && isMessage(data.message)) return { type: 'message-created', id: event.id, message: data.message };
  return null;
}

/** Waits `ms`, or less when `signal` aborts. */
const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/** Retry-After in whole seconds (at least 1); an HTTP date or nonsense gives undefined. */
export function parseRetryAfter(value: unknown): number | undefined {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.max(1, Math.ceil(seconds)) : undefined;
}

function errorFromEnvelope(body: unknown, status: number, retryAfterHeader?: string | null): ApiError {
  const error = isObject(body) && isObject(body.error) ? body.error : {};
  const code = typeof error.code === 'string' ? error.code : status === 429 ? 'rate_limited' : status >= 500 ? 'internal' : 'invalid_request';
  // The header is the HTTP contract; an SSE error event can only carry the wait in its body.
  const retryAfter = code === 'rate_limited' ? (parseRetryAfter(retryAfterHeader) ?? parseRetryAfter(error.retryAfter)) : undefined;
  return new ApiError(
    code,
    typeof error.message === 'string' ? error.message : `HTTP ${status}`,
    status,
    typeof error.requestId === 'string' ? error.requestId : undefined,
    retryAfter,
  );
}

const badResponse = (status: number) => new ApiError('internal', 'The server sent a response the widget does not understand.', status);

export function createApiClient(base: string, options: ApiOptions = {}): ApiClient {
  // Called through a closure: window.fetch throws "Illegal invocation" when detached from window.
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const reconnectDelayMs = options.reconnectDelayMs ?? 1000;
  const root = base.replace(/\/+$/, '');
  const resumeDelaysMs = options.resumeDelaysMs ?? [1000, 2000, 4000];
  const resumeDeadlineMs = options.resumeDeadlineMs ?? 90_000;
  const sessionPath = (sessionId: string, rest: string) => `/api/sessions/${encodeURIComponent(sessionId)}/${rest}`;

  /** Runs `work` with a signal that aborts after idleTimeoutMs without a call to `alive`, or at `deadline` (a Date.now() time). */
  async function withIdleTimeout<T>(work: (signal: AbortSignal, alive: () => void) => Promise<T>, deadline = Infinity): Promise<T> {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const alive = () => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.abort(), Math.min(idleTimeoutMs, Math.max(0, deadline - Date.now())));
    };
    alive();
    try {
      return await work(controller.signal, alive);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      // fetch rejects with a TypeError when offline, blocked by CORS or aborted by the timer.
      throw new ApiError('network', error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  async function request(path: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
    const response = await fetchImpl(`${root}${path}`, { ...init, signal, credentials: 'omit' });
    if (!response.ok && response.status !== 404) {
      throw errorFromEnvelope(await response.json().catch(() => undefined), response.status, response.headers.get('retry-after'));
    }
    return response;
  }

  return {
    createSession: (hospital, language) =>
      withIdleTimeout(async (signal) => {
        const response = await request(
          '/api/sessions',
          { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ hospital, language }) },
          signal,
        );
        const body: unknown = await response.json().catch(() => undefined);
        if (response.status === 404) throw errorFromEnvelope(body, 404);
        if (!isObject(body) || typeof body.sessionId !== 'string') throw badResponse(response.status);
        return body as unknown as Session;
      }),

    listMessages: (sessionId) =>
      withIdleTimeout(async (signal) => {
        const response = await request(`/api/sessions/${encodeURIComponent(sessionId)}/messages`, { headers: { Accept: 'application/json' } }, signal);
        if (response.status === 404) return null;
        const body: unknown = await response.json().catch(() => undefined);
        if (!Array.isArray(body)) throw badResponse(response.status);
        return body.filter(isMessage);
      }),

    sendMessage: (sessionId, text, language, onDelta, onStored) =>
      withIdleTimeout(async (signal, alive) => {
        const response = await request(
          `/api/sessions/${encodeURIComponent(sessionId)}/messages`,
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
            body: JSON.stringify({ text, language }),
          },
          signal,
        );
        if (response.status === 404) throw errorFromEnvelope(await response.json().catch(() => undefined), 404);
        // A proxy or an older server may ignore Accept and answer with the plain JSON form.
        if (!(response.headers.get('content-type') ?? '').includes('text/event-stream') || response.body === null) {
          const body: unknown = await response.json().catch(() => undefined);
          if (!isSendResult(body)) throw badResponse(response.status);
          return body;
        }
        for await (const event of readSse(response.body, alive)) {
          const data = parseJson(event.data);
          if (event.type === 'message-created') {
            // An older server sends no id: replaying the session from its start finds the answer too.
            if (isObject(data) && isMessage(data.message)) onStored?.(data.message, event.id || '0');
          } else if (event.type === 'message-delta') {
            if (isObject(data) && typeof data.delta === 'string') onDelta(data.delta);
          } else if (event.type === 'message-completed') {
            if (!isSendResult(data)) throw badResponse(response.status);
            return data;
          } else if (event.type === 'error') {
            throw errorFromEnvelope(data, response.status);
          }
        }
        throw new ApiError('network', 'The answer stream ended before the answer was complete.');
      }),

    awaitAnswer: async (sessionId, afterEventId, questionId) => {
      const deadline = Date.now() + resumeDeadlineMs;
      let lastId = afterEventId;
      let failures = 0;
      for (;;) {
        let pause: number;
        try {
          const answer = await withIdleTimeout(async (signal, alive) => {
            // The id goes in the query, not a Last-Event-ID header: that header is not CORS-safelisted,
            // so on a hospital's own domain it would cost a preflight the API may not allow.
            const response = await request(
              `/api/sessions/${encodeURIComponent(sessionId)}/events?lastEventId=${encodeURIComponent(lastId)}`,
              { headers: { Accept: 'text/event-stream' } },
              signal,
            );
            if (response.status === 404) throw errorFromEnvelope(await response.json().catch(() => undefined), 404);
            if (!(response.headers.get('content-type') ?? '').includes('text/event-stream') || response.body === null) throw badResponse(response.status);
            for await (const event of readSse(response.body, alive)) {
              if (event.id) lastId = event.id;
              if (event.type !== 'message-created') continue;
              const data: unknown = (() => {
                try {
                  return JSON.parse(event.data);
                } catch {
                  return undefined;
                }
              })();
              if (isObject(data) && isMessage(data.message) && data.message.replyTo === questionId) return data.message;
            }
            return undefined;
            // Keep-alives hold the stream open: an answer that never comes (it failed) must not keep the citizen waiting.
          }, deadline);
          if (answer !== undefined) return answer;
          // A server that cannot push (the Worker) ends the stream after the replay: ask again soon.
          failures = 0;
          pause = 3000;
        } catch (error) {
          const apiError = error instanceof ApiError ? error : new ApiError('network', String(error));
          // An unknown session or a refusal will not change by asking again now.
          if (!['network', 'unavailable', 'internal'].includes(apiError.code)) throw apiError;
          pause = resumeDelaysMs[failures] ?? -1;
          failures += 1;
          if (pause < 0) throw apiError;
        }
        if (Date.now() + pause > deadline) throw new ApiError('network', 'The answer did not arrive in time.');
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    },

    sendFeedback: (sessionId, messageId, rating, comment) =>
      withIdleTimeout(async (signal) => {
        const response = await request(
          `/api/sessions/${encodeURIComponent(sessionId)}/messages/${encodeURIComponent(messageId)}/feedback`,
          {
            method: 'PUT',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
            body: JSON.stringify(comment?.trim() ? { rating, comment: comment.trim() } : { rating }),
          },
          signal,
        );
        if (response.status === 404) throw errorFromEnvelope(await response.json().catch(() => undefined), 404);
      }),

    getEscalation: (sessionId) => escalationRequest(sessionId, 'escalation', 'GET'),
    requestEscalation: (sessionId, request = { reason: 'citizen' }) => escalationRequest(sessionId, 'escalation', 'POST', request),
    cancelEscalation: (sessionId) => escalationRequest(sessionId, 'escalation', 'DELETE'),
    patientLoginUrl: (sessionId, widgetOrigin) => `${root}/api/patient/login?sessionId=${encodeURIComponent(sessionId)}&origin=${encodeURIComponent(widgetOrigin)}`,
    serverOrigin: new URL(root, typeof location === 'undefined' ? undefined : location.href).origin,
    logoutPatient: (sessionId) =>
      withIdleTimeout(async (signal) => {
        const response = await request(sessionPath(sessionId, 'logout-patient'), { method: 'POST', headers: { Accept: 'application/json' } }, signal);
        if (response.status === 404) throw errorFromEnvelope(await response.json().catch(() => undefined), 404);
      }),
    requestCallback: (sessionId, input) => escalationRequest(sessionId, 'callback', 'POST', input),
    deleteSession: (sessionId) =>
      withIdleTimeout(async (signal) => {
        // 404: already deleted (or purged): what the citizen asked for is true.
        await request(`/api/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE', headers: { Accept: 'application/json' } }, signal);
      }),

    async followEvents(sessionId, lastEventId, onEvent, signal) {
      let last = lastEventId;
      let failures = 0;
      while (!signal.aborted) {
        const connection = new AbortController();
        const stop = () => connection.abort();
        signal.addEventListener('abort', stop, { once: true });
        let timer: ReturnType<typeof setTimeout> | undefined;
        // The server sends keep-alives; a connection silent for longer than that is dead without knowing it.
        const alive = () => {
          clearTimeout(timer);
          timer = setTimeout(stop, idleTimeoutMs);
        };
        alive();
        try {
          const headers: Record<string, string> = { Accept: 'text/event-stream' };
          if (last) headers['Last-Event-ID'] = last;
          const response = await fetchImpl(`${root}${sessionPath(sessionId, 'events')}`, { headers, signal: connection.signal, credentials: 'omit' });
          // The session is gone, or the request will never be accepted: asking again cannot help.
          if (response.status === 404 || (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429)) {
            await response.body?.cancel().catch(() => undefined);
            return;
          }
          if (response.ok && response.body !== null) {
            for await (const event of readSse(response.body, alive)) {
              if (event.id) last = event.id;
              failures = 0;
              const known = toSessionEvent(event);
              if (known) onEvent(known);
            }
          } else await response.body?.cancel().catch(() => undefined);
        } catch {
          // Dropped (offline, server restart, proxy timeout, idle): opened again below.
        } finally {
          clearTimeout(timer);
          signal.removeEventListener('abort', stop);
        }
        if (signal.aborted) return;
        await pause(Math.min(30_000, reconnectDelayMs * 2 ** failures), signal);
        failures++;
      }
    },
  };

  function escalationRequest(sessionId: string, rest: string, method: string, body?: unknown): Promise<EscalationStatus> {
    return withIdleTimeout(async (signal) => {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await request(sessionPath(sessionId, rest), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, signal);
      const parsed: unknown = await response.json().catch(() => undefined);
      if (response.status === 404) throw errorFromEnvelope(parsed, 404);
      if (!isObject(parsed) || !isEscalation(parsed.escalation)) throw badResponse(response.status);
      return parsed.escalation;
    });
  }
}
