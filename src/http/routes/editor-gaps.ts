// Content gaps for editors: what citizens asked that no page answers, grouped into topics, most
// asked first. Editors only; the example questions are redacted.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { contentGapReasons, type ContentGaps } from '../../editor/content-gaps.js';
import { supportedLanguages } from '../../language/languages.js';
import type { AppEnvironment } from '../app.js';
import { errorSchema } from '../schemas.js';
import { requireRole } from '../staff-auth.js';

/** Longest window the list looks back over. */
const maxDays = 365;

const gapsQuery = z
  .object({
    days: z.coerce
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(maxDays, `must be at most ${maxDays}`)
      .optional()
      .openapi({ description: 'How many days back from now. Default 30.', example: 30 }),
    language: z.enum(supportedLanguages, { error: `must be one of ${supportedLanguages.join(', ')}` }).optional().openapi({ description: 'Only questions the chatbot answered in this language.' }),
    limit: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').optional().openapi({ example: 50 }),
    offset: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more').optional().openapi({ description: "From the previous page's nextOffset." }),
  })
  .strict();

const reasonSchema = z.enum(contentGapReasons).nullable().openapi({ description: 'Why the chatbot refused; null for refusals stored before reasons were.' });

const contentGapSchema = z
  .object({
    id: z.string().openapi({ description: "The id of the topic's earliest question in the window." }),
    label: z.string().openapi({ description: 'The most characteristic words of its questions.', example: 'Parkering, natten' }),
    questions: z.number().int(),
    languages: z.record(z.string(), z.number().int()).openapi({ description: 'Questions per language.', example: { da: 35, en: 2 } }),
    firstAskedAt: z.string().openapi({ format: 'date-time' }),
    lastAskedAt: z.string().openapi({ format: 'date-time' }),
    examples: z.array(
      z.object({
        messageId: z.string().openapi({ description: "The citizen's question message." }),
        text: z.string().openapi({ description: 'Redacted: CPR numbers, phone numbers and e-mail addresses are placeholders.' }),
        language: z.string(),
        createdAt: z.string().openapi({ format: 'date-time' }),
        reason: reasonSchema,
      }),
    ),
  })
  .openapi('ContentGap');

const gapsPage = z
  .object({
    items: z.array(contentGapSchema),
    nextOffset: z.number().int().nullable().openapi({ description: 'Offset of the next page; null on the last page.' }),
    total: z.number().int().openapi({ description: 'Topics on all pages.' }),
  })
  .openapi('ContentGapsPage');

const error = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });

const listGaps = createRoute({
  method: 'get',
  path: '/api/editor/content-gaps',
  summary: 'Questions no page answers, grouped into topics, most asked first (editors)',
  description:
    'Questions the chatbot refused because the pages did not hold the answer (no-source, low-confidence, unsupported; not medical advice, ' +
    'emergencies, prompt injection or login), grouped by similarity: Danish stemming, the synonym list and typo tolerance, and embeddings ' +
    'when EMBEDDING_MODEL is configured.',
  middleware: requireRole('editor'),
  request: { query: gapsQuery },
  responses: {
    200: { description: 'One page of topics.', content: { 'application/json': { schema: gapsPage } } },
    400: error('Bad query; the message names the parameter.'),
    401: error('Not signed in.'),
    403: error('Signed in without the editor role.'),
  },
});

export function editorGapsRoutes(dependencies: { contentGaps: ContentGaps }) {
  const app = new OpenAPIHono<AppEnvironment>();
  app.openapi(listGaps, async (c) => {
    const query = c.req.valid('query');
    c.header('Cache-Control', 'no-store');
    return c.json(await dependencies.contentGaps.list(query), 200);
  });
  return app;
}
