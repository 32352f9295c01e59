// Request and response schemas of the public API; the OpenAPI document is generated from these.
import { z } from '@hono/zod-openapi';
import { feedbackRatings, maxFeedbackCommentCharacters } from '../chat/chat-service.js';
import { supportedLanguages } from '../language/languages.js';

export const maxMessageCharacters = 4000;

export const languageSchema = z.enum(supportedLanguages).openapi({ description: 'da, en, de, ar or uk', example: 'da' });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string().openapi({ example: 'text: must not be empty' }),
      requestId: z.string(),
    }),
  })
  .openapi('Error');

/** An error response in a route's OpenAPI description: the one error envelope, with what it means there. */
export const errorResponseOf = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });

export const citationSchema = z
  .object({
    n: z.number().int().min(1),
    chunkId: z.string().optional().openapi({ description: 'The indexed passage cited (absent on messages stored before it was recorded).' }),
    title: z.string(),
    url: z.string().openapi({ description: 'The source page; open it in a new tab.' }),
    excerpt: z.string().openapi({ description: 'The Danish source text the answer relies on.' }),
  })
  .openapi('Citation');

export const messageSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    role: z.enum(['user', 'assistant', 'staff', 'system']),
    kind: z.enum(['question', 'answer', 'refusal', 'emergency', 'staff', 'system']).openapi({
      description:
        'What to render: "answer" (cited), "refusal" (no source; says who to contact), "emergency" (the emergency card), "staff", "system"; the citizen\'s own messages are "question".',
    }),
    text: z.string(),
    language: languageSchema,
    citations: z.array(citationSchema),
    createdAt: z.string().openapi({ format: 'date-time' }),
    replyTo: z.string().nullable().openapi({
      description: "For an answer, the id of the citizen's message it replies to (how a client that lost the answer stream finds it among the session events); null for other messages.",
    }),
    author: z.string().optional().openapi({ description: 'Who wrote a staff message: a first name or a role.' }),
  })
  .openapi('Message');

export const sessionSchema = z
  .object({
    sessionId: z.string(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    hospital: z.string().nullable(),
    language: languageSchema,
    state: z.enum(['bot', 'waiting', 'staff', 'closed']),
  })
  .openapi('Session');

export const createSessionBody = z
  .object({
    hospital: z
      .string()
      .regex(/^[a-z0-9-]{1,64}$/, 'must be a hospital id such as "fjordby"')
      .optional()
      .openapi({ description: 'Hospital of the page embedding the widget; its content is preferred.', example: 'fjordby' }),
    language: languageSchema
      .optional()
      .openapi({ description: "The widget's language. Default: the first supported language of the Accept-Language header, else da." }),
  })
  .strict()
  .openapi('CreateSession');

export const sendMessageBody = z
  .object({
    text: z
      .string({ error: 'is required and must be a string' })
      .trim()
      .min(1, 'must not be empty')
      .max(maxMessageCharacters, `must be at most ${maxMessageCharacters} characters`),
    language: languageSchema.optional().openapi({ description: "The widget's language; used when the text is too short to tell." }),
  })
  .strict()
  .openapi('SendMessage');

export const sendMessageResponse = z
  .object({
    message: messageSchema.nullable().openapi({
      description: "The chatbot's reply; null while a member of staff has the chat (the chatbot is silent, staff answer through the event stream).",
    }),
    question: messageSchema,
  })
  .openapi('SendMessageResponse');

export const sessionIdParam = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: '9b2c…' }),
});

export const feedbackParams = sessionIdParam.extend({
  messageId: z.string().min(1).max(100).openapi({ param: { name: 'messageId', in: 'path' }, description: "The id of the chatbot's answer being rated." }),
});

export const feedbackBody = z
  .object({
    rating: z.enum(feedbackRatings, { error: 'is required and must be "up" or "down"' }).openapi({ example: 'down' }),
    comment: z
      .string({ error: 'must be a string' })
      .trim()
      .max(maxFeedbackCommentCharacters, `must be at most ${maxFeedbackCommentCharacters} characters`)
      .optional()
      .openapi({ description: 'Optional words from the citizen, for the editors. Giving feedback again replaces the comment too.', example: 'Der stod ikke, hvor P-huset er.' }),
  })
  .strict()
  .openapi('FeedbackInput');

export const feedbackSchema = z
  .object({
    messageId: z.string(),
    sessionId: z.string(),
    rating: z.enum(feedbackRatings),
    comment: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time', description: 'When the rating was last given; differs from createdAt after a change.' }),
  })
  .openapi('Feedback');

export const escalationStatusSchema = z
  .object({
    state: z.enum(['bot', 'waiting', 'staff', 'closed']),
    reason: z.enum(['citizen', 'emergency', 'refusals', 'feedback', 'topic']).optional(),
    team: z.string().optional(),
    open: z.boolean().openapi({ description: "Whether the team is inside its opening hours now (Danish public holidays count as closed unless the team's hours say otherwise)." }),
    queuePosition: z.number().int().optional().openapi({ description: '1 = next in line; only while waiting inside opening hours.' }),
    expectedWaitMinutes: z.number().int().optional(),
    opensAt: z.string().optional().openapi({ format: 'date-time', description: 'When the team next opens; set when closed.' }),
    staffName: z.string().optional().openapi({ description: 'Who has the chat: a first name or a role.' }),
    previousStaffName: z.string().optional().openapi({ description: 'Who had the chat before it was handed back or closed.' }),
    callbackRequested: z.boolean().optional(),
  })
  .openapi('EscalationStatus');

export const escalationResponse = z.object({ escalation: escalationStatusSchema }).openapi('EscalationResponse');

export const escalationBody = z
  .object({
    reason: z.enum(['citizen', 'feedback'], { error: 'must be "citizen" or "feedback"' }).optional().openapi({
      description: '"citizen": the "talk to a person" button; "feedback": asked for from a thumbs-down.',
    }),
  })
  .strict()
  .openapi('EscalationInput');

export const callbackBody = z
  .object({
    phone: z.string({ error: 'is required: the number we should call' }).min(1, 'is required: the number we should call').max(40, 'is too long for a phone number'),
    preferredTime: z.enum(['morning', 'afternoon', 'any'], { error: 'must be "morning", "afternoon" or "any"' }),
    consent: z.boolean({ error: 'must be true: we can only call you back if you agree to it' }),
    message: z.string({ error: 'must be a string' }).max(1000, 'must be at most 1000 characters').optional(),
  })
  .strict()
  .openapi('CallbackRequestInput');
