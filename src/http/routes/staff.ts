// The staff console's API: the queue, a chat with its summary and transcript, take over, write,
// hand back, close, callback requests and canned replies, and one live stream for the console.
// Every route needs the staff role (admins too); state changes are same-origin only (staff-auth).
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ChatService } from '../../chat/chat-service.js';
import { busResynced, type BroadcastEvent, type EventBus, type SessionEvent } from '../../chat/event-bus.js';
import { closeOutcomes, maxStaffMessageCharacters, type EscalationService } from '../../escalation/escalation-service.js';
import type { StaffIdentity } from '../../escalation/types.js';
import type { Logger } from '../../logger.js';
import type { AppEnvironment } from '../app.js';
import { requestIdOf } from '../errors.js';
import { eventStream, followEvents } from '../event-stream.js';
import { errorResponseOf as error, escalationStatusSchema, messageSchema, sessionIdParam } from '../schemas.js';
import { requireRole, signedInStaff } from '../staff-auth.js';

export interface StaffRoutesDependencies {
  chat: ChatService;
  escalations: EscalationService;
  events: EventBus;
  logger: Logger;
  keepAliveMs?: number;
}

const guard = requireRole('staff', 'admin');
const guarded = { middleware: guard };
const common = { 401: error('Not signed in.'), 403: error('Signed in without the staff role, or from another website.'), 500: error('Unknown failure.') };
const withChat = { ...common, 400: error('Bad input; the message names the field.'), 404: error('Unknown chat.'), 409: error('Someone else has the chat, or it is not waiting.') };

const summarySchema = z
  .object({
    language: z.string(),
    reason: z.string(),
    emergencyFlagged: z.boolean(),
    questions: z.array(z.string()),
    lastAnswer: z.object({ text: z.string(), kind: z.string(), sources: z.array(z.object({ title: z.string(), url: z.string() })) }).optional(),
    text: z.string(),
    madeBy: z.enum(['model', 'extractive']),
  })
  .openapi('HandoffSummary');

const escalationForStaffSchema = z
  .object({
    sessionId: z.string(),
    state: z.enum(['bot', 'waiting', 'staff', 'closed']),
    reason: z.string(),
    team: z.string(),
    priority: z.number().int().openapi({ description: '0 = emergency-flagged (first), 1 = normal.' }),
    hospital: z.string().nullable(),
    language: z.string(),
    requestedAt: z.string(),
    claimedBy: z.object({ id: z.string(), name: z.string() }).optional(),
    summary: summarySchema,
  })
  .openapi('EscalationForStaff');

const statusResponse = { description: 'Where the chat stands now.', content: { 'application/json': { schema: z.object({ escalation: escalationStatusSchema }) } } };

const queue = createRoute({
  method: 'get',
  path: '/api/staff/queue',
  summary: 'Chats waiting for a person (emergency-flagged first, then oldest), then the chats a person has',
  ...guarded,
  request: { query: z.object({ team: z.string().max(64).optional() }).strict() },
  responses: { 200: { description: 'The queue.', content: { 'application/json': { schema: z.object({ items: z.array(escalationForStaffSchema) }) } } }, ...common, 400: error('Bad query.') },
});

const chatView = createRoute({
  method: 'get',
  path: '/api/staff/chats/{id}',
  summary: 'One chat for staff: its escalation with the handoff summary, its status and the whole transcript',
  ...guarded,
  request: { params: sessionIdParam },
  responses: {
    200: {
      description: 'The chat.',
      content: { 'application/json': { schema: z.object({ escalation: escalationForStaffSchema.nullable(), status: escalationStatusSchema, messages: z.array(messageSchema) }) } },
    },
    ...withChat,
  },
});

const takeOver = createRoute({
  method: 'post',
  path: '/api/staff/chats/{id}/take-over',
  summary: 'Take the chat over (of two staff claiming it, exactly one gets it; the other gets 409)',
  ...guarded,
  request: { params: sessionIdParam },
  responses: { 200: statusResponse, ...withChat },
});

const staffMessageBody = z
  .object({
    text: z
      .string({ error: 'is required: the message to the citizen' })
      .trim()
      .min(1, 'must not be empty')
      .max(maxStaffMessageCharacters, `must be at most ${maxStaffMessageCharacters} characters`),
  })
  .strict();

const writeMessage = createRoute({
  method: 'post',
  path: '/api/staff/chats/{id}/messages',
  summary: 'Write to the citizen (only the member of staff who has the chat)',
  ...guarded,
  request: { params: sessionIdParam, body: { required: true, content: { 'application/json': { schema: staffMessageBody } } } },
  responses: { 201: { description: 'The stored message.', content: { 'application/json': { schema: z.object({ message: messageSchema }) } } }, ...withChat },
});

const handBack = createRoute({
  method: 'post',
  path: '/api/staff/chats/{id}/hand-back',
  summary: 'Hand the chat back to the chatbot (the citizen is told the person left)',
  ...guarded,
  request: { params: sessionIdParam },
  responses: { 200: statusResponse, ...withChat },
});

const closeChat = createRoute({
  method: 'post',
  path: '/api/staff/chats/{id}/close',
  summary: 'Close the chat with an outcome',
  ...guarded,
  request: {
    params: sessionIdParam,
    body: { required: true, content: { 'application/json': { schema: z.object({ outcome: z.enum(closeOutcomes, { error: `must be one of ${closeOutcomes.join(', ')}` }) }).strict() } } },
  },
  responses: { 200: statusResponse, ...withChat },
});

const callbacks = createRoute({
  method: 'get',
  path: '/api/staff/callbacks',
  summary: 'Callback requests: open ones first, oldest first',
  ...guarded,
  request: {
    query: z
      .object({
        handled: z.enum(['true', 'false'], { error: 'must be "true" or "false"' }).optional(),
        limit: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').optional(),
        offset: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more').optional(),
      })
      .strict(),
  },
  responses: {
    200: {
      description: 'One page of callback requests.',
      content: {
        'application/json': {
          schema: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                sessionId: z.string(),
                phone: z.string(),
                preferredTime: z.enum(['morning', 'afternoon', 'any']),
                message: z.string().nullable(),
                createdAt: z.string(),
                handledAt: z.string().nullable(),
                handledBy: z.string().nullable(),
                language: z.string(),
                hospital: z.string().nullable(),
                summary: summarySchema,
              }),
            ),
            nextOffset: z.number().int().nullable(),
          }),
        },
      },
    },
    ...common,
    400: error('Bad query; the message names the parameter.'),
  },
});

const callbackHandled = createRoute({
  method: 'post',
  path: '/api/staff/callbacks/{id}/handled',
  summary: 'Mark a callback request as done',
  ...guarded,
  request: { params: sessionIdParam },
  responses: { 200: { description: 'Marked.', content: { 'application/json': { schema: z.object({ ok: z.literal(true) }) } } }, ...withChat },
});

const cannedReplies = createRoute({
  method: 'get',
  path: '/api/staff/canned-replies',
  summary: 'Ready-made replies staff can pick and edit',
  ...guarded,
  responses: {
    200: { description: 'The replies.', content: { 'application/json': { schema: z.object({ items: z.array(z.object({ id: z.string(), title: z.string(), text: z.string() })) }) } } },
    ...common,
  },
});

const staffEvents = createRoute({
  method: 'get',
  path: '/api/staff/events',
  summary: "The console's live stream",
  description:
    '`queue-changed` { sessionId } whenever a chat\'s escalation changes (reload the queue), `bus-resynced` {} after the server ' +
    "lost contact with its other replicas (reload everything). With `?chat={id}` also that chat's stored events (`message-created`, " +
    '`session-state`) with ids; reconnect with Last-Event-ID (or `lastEventId`) to get what was missed.',
  ...guarded,
  request: { query: z.object({ chat: z.string().min(1).max(100).optional(), lastEventId: z.string().max(20).optional() }).strict() },
  responses: { 200: { description: 'Event stream.', content: { 'text/event-stream': { schema: z.string() } } }, ...common, 404: error('Unknown chat.') },
});

const identity = (c: Context<AppEnvironment>): StaffIdentity => {
  const staff = signedInStaff(c);
  return { id: staff.id, displayName: staff.displayName };
};

export function staffRoutes(dependencies: StaffRoutesDependencies) {
  const { chat, escalations, events, logger } = dependencies;
  const app = new OpenAPIHono<AppEnvironment>();
  app.use('/api/staff/*', async (c, next) => {
    await next();
    // Personal data: never cached by a browser or a proxy.
    c.header('Cache-Control', 'no-store');
  });

  app.openapi(queue, async (c) => c.json({ items: await escalations.queue(c.req.valid('query')) }, 200));

  app.openapi(chatView, async (c) => {
    const view = await escalations.chatForStaff(c.req.valid('param').id);
    return c.json(view, 200);
  });

  app.openapi(takeOver, async (c) => c.json({ escalation: await escalations.takeOver(c.req.valid('param').id, identity(c)) }, 200));

  app.openapi(writeMessage, async (c) => {
    const message = await escalations.postStaffMessageReturning(c.req.valid('param').id, identity(c), c.req.valid('json').text);
    return c.json({ message }, 201);
  });

  app.openapi(handBack, async (c) => c.json({ escalation: await escalations.handBack(c.req.valid('param').id, identity(c)) }, 200));

  app.openapi(closeChat, async (c) => c.json({ escalation: await escalations.close(c.req.valid('param').id, identity(c), c.req.valid('json').outcome) }, 200));

  app.openapi(callbacks, async (c) => {
    const query = c.req.valid('query');
    return c.json(
      await escalations.callbacks({
        ...(query.handled !== undefined && { handled: query.handled === 'true' }),
        ...(query.limit !== undefined && { limit: query.limit }),
        ...(query.offset !== undefined && { offset: query.offset }),
      }),
      200,
    );
  });

  app.openapi(callbackHandled, async (c) => {
    await escalations.markCallbackHandled(c.req.valid('param').id, identity(c));
    return c.json({ ok: true as const }, 200);
  });

  app.openapi(cannedReplies, (c) => c.json({ items: [...escalations.cannedReplies] }, 200));

  app.openapi(staffEvents, async (c) => {
    const { chat: sessionId } = c.req.valid('query');
    if (sessionId !== undefined) await chat.getSession(sessionId);
    const lastEventId = c.req.header('last-event-id') ?? c.req.valid('query').lastEventId;
    type Item = { kind: 'session'; event: SessionEvent } | { kind: 'broadcast'; event: BroadcastEvent };
    return eventStream(
      c,
      async (stream) => {
        let sent = BigInt(/^\d{1,18}$/.test(lastEventId ?? '') ? (lastEventId as string) : '0');
        await followEvents<Item>(stream, {
          subscribe: (push) => {
            const stopBroadcasts = events.subscribeAll((event) => push({ kind: 'broadcast', event }));
            const stopSession = sessionId === undefined ? () => undefined : events.subscribe(sessionId, (event) => push({ kind: 'session', event }));
            return () => {
              stopBroadcasts();
              stopSession();
            };
          },
          replay: async () => (sessionId === undefined ? [] : (await chat.eventsSince(sessionId, lastEventId)).map((event): Item => ({ kind: 'session', event }))),
          send: async (item) => {
            if (item.kind === 'broadcast') {
              if (item.event.type === 'queue-changed' || item.event.type === busResynced) {
                await stream.writeSSE({ event: item.event.type, data: JSON.stringify(item.event.payload ?? {}) });
              }
              return;
            }
            if (BigInt(item.event.id) <= sent) return;
            await stream.writeSSE({ id: item.event.id, event: item.event.type, data: JSON.stringify(item.event.payload) });
            sent = BigInt(item.event.id);
          },
          keepAliveMs: dependencies.keepAliveMs ?? 15_000,
        });
      },
      (error) => logger.error({ event: 'stream-failed', requestId: requestIdOf(c), error: String(error) }, 'staff events stream failed'),
    ) as never;
  });

  return app;
}
