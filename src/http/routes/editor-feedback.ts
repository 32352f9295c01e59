// The editors' view of citizens' thumbs up/down, newest first, page by page. Editors only: the
// comments and questions are shown as the citizens typed them.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { feedbackRatings, type ChatService } from '../../chat/chat-service.js';
import type { AppEnvironment } from '../app.js';
import { citationSchema, errorSchema, feedbackSchema, languageSchema } from '../schemas.js';
import { requireRole } from '../staff-auth.js';

const feedbackQuery = z
  .object({
    limit: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').optional().openapi({ example: 50 }),
    offset: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more').optional().openapi({ description: 'From the previous page\'s nextOffset.' }),
    rating: z.enum(feedbackRatings, { error: 'must be "up" or "down"' }).optional(),
  })
  .strict();

const feedbackPage = z
  .object({
    items: z.array(
      feedbackSchema.extend({
        hospital: z.string().nullable(),
        question: z.string().nullable().openapi({ description: "The citizen's message the answer replied to." }),
        answer: z.object({ text: z.string(), kind: z.string(), language: languageSchema, citations: z.array(citationSchema), createdAt: z.string() }),
      }),
    ),
    nextOffset: z.number().int().nullable().openapi({ description: 'Offset of the next page; null on the last page.' }),
  })
  .openapi('FeedbackPage');

const error = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });

const listFeedback = createRoute({
  method: 'get',
  path: '/api/editor/feedback',
  summary: "Citizens' feedback on the answers, newest first (editors)",
  middleware: [requireRole('editor')] as const,
  request: { query: feedbackQuery },
  responses: {
    200: { description: 'One page of feedback.', content: { 'application/json': { schema: feedbackPage } } },
    400: error('Bad query; the message names the parameter.'),
    401: error('Not signed in.'),
    403: error('Signed in without the editor role.'),
  },
});

export function editorFeedbackRoutes(dependencies: { chat: ChatService }) {
  const app = new OpenAPIHono<AppEnvironment>();
  app.openapi(listFeedback, async (c) => {
    const query = c.req.valid('query');
    c.header('Cache-Control', 'no-store');
    return c.json(await dependencies.chat.listFeedback(query), 200);
  });
  return app;
}
