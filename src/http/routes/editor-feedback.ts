// The editors' view of citizens' thumbs up/down, newest first, page by page, with the conversation
// around each rated answer; marking feedback reviewed takes it out of the review queue (thumbs
// down, open). Editors only: the comments and questions are shown as the citizens typed them.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { feedbackRatings, feedbackStatuses, type ChatService } from '../../chat/chat-service.js';
import type { AppEnvironment } from '../app.js';
import { citationSchema, errorSchema, feedbackSchema, languageSchema } from '../schemas.js';
import { requireRole, signedInStaff } from '../staff-auth.js';

const feedbackQuery = z
  .object({
    limit: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').optional().openapi({ example: 50 }),
    offset: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more').optional().openapi({ description: 'From the previous page\'s nextOffset.' }),
    rating: z.enum(feedbackRatings, { error: 'must be "up" or "down"' }).optional(),
    status: z.enum(feedbackStatuses, { error: 'must be "open" or "reviewed"' }).optional().openapi({ description: 'open: not yet reviewed by an editor. The review queue is rating=down&status=open.' }),
  })
  .strict();

const conversationMessageSchema = z
  .object({
    id: z.string(),
    role: z.enum(['user', 'assistant', 'staff', 'system']),
    kind: z.string(),
    text: z.string(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('ConversationMessage');

const feedbackForEditorsSchema = feedbackSchema
  .extend({
    hospital: z.string().nullable(),
    question: z.string().nullable().openapi({ description: "The citizen's message the answer replied to." }),
    answer: z.object({ text: z.string(), kind: z.string(), language: languageSchema, citations: z.array(citationSchema), createdAt: z.string() }),
    conversation: z.array(conversationMessageSchema).openapi({ description: 'The chat around the rated answer, oldest first: up to 4 messages before it, the answer itself, up to 2 after it.' }),
    reviewedAt: z.string().nullable().openapi({ format: 'date-time', description: 'When an editor marked it reviewed; null while open.' }),
    reviewedBy: z.string().nullable().openapi({ description: "The reviewing editor's display name; null while open." }),
  })
  .openapi('FeedbackForEditors');

const feedbackPage = z
  .object({
    items: z.array(feedbackForEditorsSchema),
    nextOffset: z.number().int().nullable().openapi({ description: 'Offset of the next page; null on the last page.' }),
    total: z.number().int().openapi({ description: 'Feedback matching the filters, on all pages.' }),
  })
  .openapi('FeedbackPage');

const reviewParams = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, description: "The feedback's id: the rated answer's messageId." }),
});

const reviewBody = z
  .object({
    reviewed: z.boolean({ error: 'is required and must be true or false' }).openapi({ description: 'true: reviewed (leaves the queue); false: open again.' }),
  })
  .strict()
  .openapi('FeedbackReviewInput');

const error = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });
const guarded = { middleware: requireRole('editor') };
const common = { 401: error('Not signed in.'), 403: error('Signed in without the editor role, or from another website.') };

const listFeedback = createRoute({
  method: 'get',
  path: '/api/editor/feedback',
  summary: "Citizens' feedback on the answers, newest first (editors)",
  ...guarded,
  request: { query: feedbackQuery },
  responses: {
    200: { description: 'One page of feedback.', content: { 'application/json': { schema: feedbackPage } } },
    400: error('Bad query; the message names the parameter.'),
    ...common,
  },
});

const reviewFeedback = createRoute({
  method: 'put',
  path: '/api/editor/feedback/{id}/review',
  summary: 'Mark feedback reviewed, or open again (editors)',
  ...guarded,
  request: { params: reviewParams, body: { required: true, content: { 'application/json': { schema: reviewBody } } } },
  responses: {
    200: { description: 'The feedback as it is now.', content: { 'application/json': { schema: feedbackForEditorsSchema } } },
    400: error('Bad body; the message names the field.'),
    ...common,
    404: error('No feedback with this id.'),
  },
});

export function editorFeedbackRoutes(dependencies: { chat: ChatService }) {
  const app = new OpenAPIHono<AppEnvironment>();
  app.openapi(listFeedback, async (c) => {
    const query = c.req.valid('query');
    c.header('Cache-Control', 'no-store');
    return c.json(await dependencies.chat.listFeedback(query), 200);
  });
  app.openapi(reviewFeedback, async (c) => {
    const { id } = c.req.valid('param');
    const { reviewed } = c.req.valid('json');
    c.header('Cache-Control', 'no-store');
    return c.json(await dependencies.chat.reviewFeedback(id, { reviewed, editor: signedInStaff(c).displayName }), 200);
  });
  return app;
}
