// The pages in the index, for editors (docs/editor-console.md, "Pages in the index"): every served
// page with its chunk count, when an ingest run last read it and how often answers cited it, and
// one page with its chunks.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { citedWindowDays, pageSorts, type IndexPages } from '../../editor/index-pages.js';
import { AppError } from '../../errors.js';
import type { AppEnvironment } from '../app.js';
import { errorSchema } from '../schemas.js';
import { requireRole } from '../staff-auth.js';

const wholeNumber = { error: 'must be a whole number' };

const pagesQuery = z
  .object({
    q: z.string().max(200, 'must be at most 200 characters').optional().openapi({ description: 'Part of the title or URL, any case.', example: 'parkering' }),
    hospital: z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional().openapi({ description: 'Hospital id, e.g. fjordby.', example: 'fjordby' }),
    sort: z.enum(pageSorts, { error: 'must be "cited", "title" or "ingested"' }).optional().openapi({ description: 'cited (most first, the default), title, or ingested (most recent first).' }),
    limit: z.coerce.number(wholeNumber).int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200').optional().openapi({ example: 50 }),
    offset: z.coerce.number(wholeNumber).int('must be a whole number').min(0, 'must be 0 or more').optional().openapi({ description: "From the previous page's nextOffset." }),
  })
  .strict();

const detailQuery = z
  .object({
    url: z.string({ error: 'is required: the page URL as listed by /api/editor/pages' }).min(1, 'must not be empty').max(2000, 'must be at most 2000 characters').openapi({ example: '/demo/fjordby/praktisk/parkering' }),
  })
  .strict();

const pageFields = {
  url: z.string(),
  title: z.string(),
  hospital: z.string().nullable(),
  sourceId: z.string().openapi({ description: 'The ingest source, e.g. pages:fjordby or practical:fjordby.' }),
  lastIngestedAt: z.string().nullable().openapi({ description: 'When an ingest run last read the page (changed or not); null when no run recorded it.' }),
  lastReviewed: z.string().nullable().openapi({ description: 'The date the page says it was last reviewed (YYYY-MM-DD).' }),
  cited: z.number().int().openapi({ description: `Answers citing the page in the last ${citedWindowDays} days.` }),
};

const pageSchema = z.object({ ...pageFields, chunks: z.number().int().openapi({ description: 'Chunks served for the page.' }) }).openapi('IndexPage');

const pagesPage = z
  .object({
    items: z.array(pageSchema),
    nextOffset: z.number().int().nullable().openapi({ description: 'Offset of the next page; null on the last page.' }),
    total: z.number().int(),
  })
  .openapi('IndexPagesPage');

const pageDetail = z
  .object({
    ...pageFields,
    chunks: z.array(
      z.object({
        id: z.string(),
        headings: z.array(z.string()),
        text: z.string(),
        cited: z.number().int().openapi({ description: `Answers citing this chunk in the last ${citedWindowDays} days.` }),
      }),
    ),
  })
  .openapi('IndexPageDetail');

const error = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });
const guarded = {
  400: error('Bad query; the message names the parameter.'),
  401: error('Not signed in.'),
  403: error('Signed in without the editor role.'),
};

const listPages = createRoute({
  method: 'get',
  path: '/api/editor/pages',
  summary: 'The pages in the index, with chunk counts, last ingest and citations (editors)',
  middleware: [requireRole('editor')] as const,
  request: { query: pagesQuery },
  responses: { 200: { description: 'One page of pages.', content: { 'application/json': { schema: pagesPage } } }, ...guarded },
});

const showPage = createRoute({
  method: 'get',
  path: '/api/editor/pages/detail',
  summary: 'One page in the index with its chunks and how often each was cited (editors)',
  middleware: [requireRole('editor')] as const,
  request: { query: detailQuery },
  responses: {
    200: { description: 'The page and its chunks.', content: { 'application/json': { schema: pageDetail } } },
    ...guarded,
    404: error('The index serves no page with this URL.'),
  },
});

export function editorPagesRoutes(dependencies: { pages: IndexPages }) {
  const app = new OpenAPIHono<AppEnvironment>();
  app.openapi(listPages, async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await dependencies.pages.list(c.req.valid('query')), 200);
  });
  app.openapi(showPage, async (c) => {
    c.header('Cache-Control', 'no-store');
    const { url } = c.req.valid('query');
    const page = await dependencies.pages.detail(url);
    if (page === undefined) throw new AppError('not_found', `The index serves no page with the URL "${url}".`);
    return c.json(page, 200);
  });
  return app;
}
