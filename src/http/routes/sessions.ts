// Citizen chat API: sessions, messages (JSON or streamed), and the live event stream of a session.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ChatMessage, ChatService } from '../../chat/chat-service.js';
import type { EventBus, SessionEvent } from '../../chat/event-bus.js';
import type { EscalationService } from '../../escalation/escalation-service.js';
import { AppError } from '../../errors.js';
import { parseAcceptLanguage } from '../../language/languages.js';
import type { Logger } from '../../logger.js';
import { errorBody, requestIdOf } from '../errors.js';
import { eventStream, followEvents } from '../event-stream.js';
import { countPersonalData } from '../../safety/redact.js';
import {
  createSessionBody,
  errorSchema,
  feedbackBody,
  feedbackParams,
  feedbackSchema,
  messageSchema,
  sendMessageBody,
  sendMessageResponse,
  sessionIdParam,
  sessionSchema,
} from '../schemas.js';
import type { AppEnvironment } from '../app.js';

export interface SessionRoutesDependencies {
  chat: ChatService;
  events: EventBus;
  logger: Logger;
  /** Base for relative source links (demo pages); defaults to the request's own origin. */
  publicUrl?: string;
  /** Keep-alive comment interval for open event streams. */
  keepAliveMs?: number;
  /**
   * False where the EventBus cannot reach this process (the Worker): the event stream then ends
   * after the replay and the client reconnects with Last-Event-ID, which makes it a poll.
   */
  liveEvents?: boolean;
  /** A deleted conversation leaves the staff queue first, so the others waiting move up and staff see it go. */
  escalations?: Pick<EscalationService, 'cancel'>;
}

const errorResponses = {
  400: { description: 'Bad input; the message names the field.', content: { 'application/json': { schema: errorSchema } } },
  404: { description: 'Unknown session.', content: { 'application/json': { schema: errorSchema } } },
  500: { description: 'Unknown failure; details are only in the log.', content: { 'application/json': { schema: errorSchema } } },
};

const createSession = createRoute({
  method: 'post',
  path: '/api/sessions',
  summary: 'Start a chat session',
  request: { body: { required: false, content: { 'application/json': { schema: createSessionBody } } } },
  responses: { 201: { description: 'The new session.', content: { 'application/json': { schema: sessionSchema } } }, ...errorResponses },
});

const sendMessage = createRoute({
  method: 'post',
  path: '/api/sessions/{id}/messages',
  summary: "Send the citizen's message and get the answer",
  description:
    'With `Accept: application/json` the answer comes as one JSON object. With `Accept: text/event-stream` it streams as ' +
    'server-sent events: first `message-created` `{ message }` once the question is stored, whose `id` is the session event ' +
    'id of the stored question; then `message-delta` events `{ delta }` while the answer is produced, then `message-completed` ' +
    'with the same object as the JSON response (the delta text is provisional; the completed message is the verified answer). ' +
    'A failure mid-stream is sent as an `error` event with the error envelope. The answer is produced and stored even if ' +
    'the client disconnects: to resume, read `GET /api/sessions/{id}/events` with `Last-Event-ID` set to that id until the ' +
    '`message-created` event whose message has `replyTo` equal to the question id arrives.',
  request: { params: sessionIdParam, body: { required: true, content: { 'application/json': { schema: sendMessageBody } } } },
  responses: {
    200: {
      description: 'The verified answer.',
      content: { 'application/json': { schema: sendMessageResponse }, 'text/event-stream': { schema: sendMessageResponse } },
    },
    ...errorResponses,
  },
});

const listMessages = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/messages',
  summary: 'The transcript of a session, oldest first',
  request: { params: sessionIdParam },
  responses: { 200: { description: 'Transcript.', content: { 'application/json': { schema: messageSchema.array().openapi('Transcript') } } }, ...errorResponses },
});

const sessionEvents = createRoute({
  method: 'get',
  path: '/api/sessions/{id}/events',
  summary: 'Live stream of everything that happens in a session',
  description:
    'Server-sent events, each with an `id`. Reconnect with the `Last-Event-ID` header (or `?lastEventId=`) to receive ' +
    'what was missed. Event types: `message-created` `{ message }`.',
  request: { params: sessionIdParam },
  responses: { 200: { description: 'Event stream.', content: { 'text/event-stream': { schema: sendMessageResponse.pick({ message: true }) } } }, ...errorResponses },
});

const deleteSession = createRoute({
  method: 'delete',
  path: '/api/sessions/{id}',
  summary: 'Delete the conversation',
  description:
    "Deletes the session with its messages, events, feedback, requests for a person and the patient's login to it, " +
    'at once and for good (the widget\'s "Ny samtale"). The session id is the only key to a conversation, as for every other route.',
  request: { params: sessionIdParam },
  responses: { 204: { description: 'Deleted.' }, ...errorResponses },
});

const giveFeedback = createRoute({
  method: 'put',
  path: '/api/sessions/{id}/messages/{messageId}/feedback',
  summary: "Rate one of the chatbot's answers (thumbs up or down, optional comment)",
  description:
    'One rating per answer: sending it again replaces the rating and the comment. Only the answers of this session can be ' +
    "rated, not the citizen's own messages. The comment is stored for the editors and never written to the logs.",
  request: { params: feedbackParams, body: { required: true, content: { 'application/json': { schema: feedbackBody } } } },
  responses: {
    200: { description: 'The feedback as stored.', content: { 'application/json': { schema: feedbackSchema } } },
    ...errorResponses,
    404: { description: 'Unknown session, or no message with that id in this session.', content: { 'application/json': { schema: errorSchema } } },
  },
});

export function sessionRoutes(dependencies: SessionRoutesDependencies) {
  const { chat, events, logger } = dependencies;
  const app = new OpenAPIHono<AppEnvironment>();

  /** Citation links made absolute against the public URL, else the request's. */
  const linksBase = (c: Context): string => dependencies.publicUrl ?? c.req.url;
  const presentAt = (base: string, message: ChatMessage): ChatMessage => ({
    ...message,
    citations: message.citations.map((citation) => ({ ...citation, url: new URL(citation.url, base).toString() })),
  });
  const present = (c: Context, message: ChatMessage): ChatMessage => presentAt(linksBase(c), message);

  app.openapi(createSession, async (c) => {
    const body = c.req.valid('json') ?? {};
    // Without a language from the widget, the browser's first supported language, then Danish.
    const language = body.language ?? parseAcceptLanguage(c.req.header('accept-language'))[0] ?? 'da';
    const session = await chat.createSession({ hospital: body.hospital, language });
    return c.json(
      { sessionId: session.id, createdAt: session.createdAt, hospital: session.hospital, language: session.language, state: session.state },
      201,
    );
  });

  app.openapi(sendMessage, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    // Read before the stream starts: an unknown session is a 404, not an error event in a 200 stream.
    const turn = await chat.openTurn(id);
    if (!(c.req.header('accept') ?? '').includes('text/event-stream')) {
      const { question, answer } = await chat.ask(turn, { text: body.text, language: body.language, acceptLanguages: parseAcceptLanguage(c.req.header('accept-language')) });
      return c.json({ message: answer && present(c, answer), question: present(c, question) }, 200);
    }
    return eventStream(c, async (stream) => {
      try {
        const acceptLanguages = parseAcceptLanguage(c.req.header('accept-language'));
        const { question, answer } = await chat.ask(
          turn,
          { text: body.text, language: body.language, acceptLanguages },
          (delta) => void stream.writeSSE({ event: 'message-delta', data: JSON.stringify({ delta }) }),
          // The first event comes as soon as the question is saved: the citizen's message is safe,
          // and the widget can show that an answer is on its way while it is being made.
          // Its id is the session event id: a client whose stream breaks reads GET …/events from there.
          (stored, eventId) => void stream.writeSSE({ id: eventId, event: 'message-created', data: JSON.stringify({ message: present(c, stored) }) }),
        );
        await stream.writeSSE({ event: 'message-completed', data: JSON.stringify({ message: answer && present(c, answer), question: present(c, question) }) });
      } catch (error) {
        const known = error instanceof AppError;
        if (!known) logger.error({ event: 'stream-failed', requestId: requestIdOf(c), error: String(error) }, 'answer stream failed');
        const envelope = known
          ? errorBody(error.code, error.message, requestIdOf(c))
          : errorBody('internal', 'Something went wrong on our side. Your message was saved; please try again.', requestIdOf(c));
        await stream.writeSSE({ event: 'error', data: JSON.stringify(envelope) });
      }
    }, (error) => logger.error({ event: 'stream-failed', requestId: requestIdOf(c), error: String(error) }, 'answer stream failed')) as never;
  });

  app.openapi(deleteSession, async (c) => {
    const { id } = c.req.valid('param');
    // Waiting for or talking to a person: end that first (the queue moves up, staff are told). An
    // unknown id is the 404 the delete below gives.
    await dependencies.escalations?.cancel(id).catch((error: unknown) => {
      if (!(error instanceof AppError && error.code === 'not_found')) throw error;
    });
    await chat.deleteSession(id);
    logger.info({ event: 'session-deleted', requestId: requestIdOf(c) }, 'conversation deleted by the citizen');
    return c.body(null, 204);
  });

  app.openapi(listMessages, async (c) => {
    const { id } = c.req.valid('param');
    return c.json((await chat.messages(id)).map((message) => present(c, message)), 200);
  });

  app.openapi(giveFeedback, async (c) => {
    const { id, messageId } = c.req.valid('param');
    const body = c.req.valid('json');
    const feedback = await chat.recordFeedback(id, messageId, body);
    // The comment may hold personal data or health details: the log gets its length and the
    // kinds of personal data found in it, never the words.
    logger.info(
      {
        event: 'feedback-recorded',
        requestId: requestIdOf(c),
        sessionId: id,
        messageId,
        rating: feedback.rating,
        commentCharacters: feedback.comment?.length ?? 0,
        personalData: countPersonalData(feedback.comment ?? ''),
      },
      'feedback recorded',
    );
    return c.json(feedback, 200);
  });

  app.openapi(sessionEvents, async (c) => {
    const { id } = c.req.valid('param');
    await chat.getSession(id);
    const lastEventId = c.req.header('last-event-id') ?? c.req.query('lastEventId');
    // What the stream needs from the request, taken now: the stream's closures must not hold the
    // request's context (its Request, headers and middleware state) for as long as the widget is open.
    const base = linksBase(c);
    const requestId = requestIdOf(c);
    return eventStream(
      c,
      async (stream) => {
        let sent = BigInt(/^\d+$/.test(lastEventId ?? '') ? (lastEventId as string) : '0');
        await followEvents<SessionEvent>(stream, {
          subscribe: (push) => events.subscribe(id, push),
          replay: () => chat.eventsSince(id, lastEventId),
          send: async (event) => {
            if (BigInt(event.id) <= sent) return; // replayed and then announced live: send once
            const payload = event.payload as { message?: ChatMessage };
            const data = payload.message === undefined ? payload : { ...payload, message: presentAt(base, payload.message) };
            await stream.writeSSE({ id: event.id, event: event.type, data: JSON.stringify(data) });
            sent = BigInt(event.id);
          },
          keepAliveMs: dependencies.keepAliveMs ?? 15_000,
          ...(dependencies.liveEvents === false && { live: false }),
        });
      },
      (error) => logger.error({ event: 'stream-failed', requestId, error: String(error) }, 'events stream failed'),
    ) as never;
  });

  return app;
}
