// The editor console's evaluations (docs/editor-console.md, "Evaluations"): eval sets, stored eval
// runs started from the console, their results, editors' verdicts and the comparison of two runs.
// Editors and admins only; the work is done by EvalSets and EvalRuns in src/editor.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { evalVerdicts, resultOutcomes, type AnswerFunction, type EvalRuns, type RunConfiguration } from '../../editor/eval-runs.js';
import { expectSchema, questionKinds } from '../../editor/eval-set.js';
import { evalSetNamePattern, type EvalSets } from '../../editor/eval-sets.js';
import type { AppEnvironment } from '../app.js';
import { errorResponse } from '../errors.js';
import { errorSchema } from '../schemas.js';
import { requireRole } from '../staff-auth.js';

/** What the routes need: the sets, the stored runs, and the answer core being evaluated. */
export interface EditorEvaluations {
  sets: EvalSets;
  runs: EvalRuns;
  /** The server's own answer core: what a run started from the console evaluates. */
  answer: AnswerFunction;
  /** Describes that answer core (answerer, model, settings) in every run it makes. */
  configuration: RunConfiguration;
}

const error = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });
const refusals = { 401: error('Not signed in.'), 403: error('Signed in without the editor or admin role.') };
const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });

const limit = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(200, 'must be at most 200')
  .optional()
  .openapi({ example: 50 });
const offset = z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more').optional().openapi({ description: "From the previous page's nextOffset." });

const nullableRate = z.number().nullable();
const metricsSchema = z
  .object({
    questions: z.number().int(),
    recallAt5: nullableRate,
    mrr: nullableRate,
    factCoverage: nullableRate,
    citationPrecision: nullableRate,
    refusalAccuracy: nullableRate,
    emergencyRecall: nullableRate,
    falseAlarmRate: nullableRate,
    kindAccuracy: nullableRate,
  })
  .openapi('EvalMetrics', { description: 'Rates 0..1, null when the questions hold none a metric applies to (evals/README.md).' });

const runSchema = z
  .object({
    id: z.string(),
    set: z.string(),
    status: z.enum(['running', 'done', 'failed']),
    error: z.string().nullable(),
    configuration: z.object({ target: z.string() }).catchall(z.unknown()),
    startedBy: z.string().openapi({ description: 'The editor\'s display name, or "npm run eval".' }),
    startedAt: z.string().openapi({ format: 'date-time' }),
    finishedAt: z.string().nullable().openapi({ format: 'date-time' }),
    total: z.number().int(),
    done: z.number().int(),
    failed: z.number().int().openapi({ description: 'Questions the scorer found a problem with, so far.' }),
    metrics: metricsSchema.nullable(),
    byLanguage: z.record(z.string(), metricsSchema),
    byKind: z.record(z.string(), metricsSchema),
    verdicts: z.object({
      right: z.number().int(),
      partly: z.number().int(),
      wrong: z.number().int(),
      agreementRate: nullableRate.openapi({ description: 'Share of judged answers where editor and scorer agree (passed ↔ right; failed ↔ partly or wrong).' }),
    }),
  })
  .openapi('EvalRun');

const verdictSchema = z
  .object({
    verdict: z.enum(evalVerdicts),
    note: z.string().nullable(),
    correctSource: z.string().nullable(),
    editor: z.string(),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('EvalVerdict');

const resultSchema = z
  .object({
    caseId: z.string(),
    position: z.number().int(),
    language: z.string(),
    kind: z.string(),
    hospital: z.string().nullable(),
    question: z.string().openapi({ description: 'Redacted.' }),
    history: z.array(z.object({ role: z.enum(['user', 'assistant']), text: z.string() })),
    expected: z.object({
      kind: z.string(),
      sources: z.array(z.string()).optional(),
      facts: z.array(z.array(z.string())).optional(),
      refusalReason: z.string().optional(),
    }),
    answer: z.object({
      kind: z.string(),
      text: z.string().openapi({ description: 'Redacted.' }),
      refusalReason: z.string().nullable(),
      citations: z.array(z.object({ number: z.number().int(), title: z.string(), url: z.string(), chunkId: z.string(), text: z.string() })),
    }),
    retrieved: z.array(z.object({ url: z.string(), title: z.string(), chunkId: z.string(), text: z.string() })).openapi({ description: 'The top 5 distinct pages retrieved, best first.' }),
    automatic: z.object({ passed: z.boolean(), problems: z.array(z.string()), missingFacts: z.array(z.string()) }),
    verdict: verdictSchema.nullable(),
  })
  .openapi('EvalResult');

const caseChange = z.object({ caseId: z.string(), question: z.string(), language: z.string(), kind: z.string() });
const comparisonSchema = z
  .object({
    base: runSchema,
    other: runSchema,
    metricDeltas: z.array(z.object({ name: z.string(), base: nullableRate, other: nullableRate, delta: nullableRate })),
    improved: z.array(caseChange).openapi({ description: 'Failed in base, passed in other.' }),
    worsened: z.array(caseChange).openapi({ description: 'Passed in base, failed in other.' }),
    unchanged: z.number().int(),
    onlyInBase: z.number().int(),
    onlyInOther: z.number().int(),
  })
  .openapi('EvalComparison');

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextOffset: z.number().int().nullable(), total: z.number().int() });

const setName = z.object({ name: z.string().regex(evalSetNamePattern, 'lower-case letters, digits and hyphens, at most 64 characters') });
const runId = z.object({ id: z.string().min(1) });
const resultId = runId.extend({ caseId: z.string().min(1) });

const listSets = createRoute({
  method: 'get',
  path: '/api/editor/eval-sets',
  summary: 'Eval sets: the files in evals/sets/ and the editors\' sets (editors)',
  middleware: [requireRole('editor', 'admin')] as const,
  responses: {
    200: json('The sets.', z.object({ items: z.array(z.object({ name: z.string(), source: z.enum(['file', 'editor']), questions: z.number().int() })) })),
    ...refusals,
  },
});

const exportSet = createRoute({
  method: 'get',
  path: '/api/editor/eval-sets/{name}/export',
  summary: 'An eval set as JSON Lines in the eval-set format (editors)',
  middleware: [requireRole('editor', 'admin')] as const,
  request: { params: setName },
  responses: {
    200: { description: 'One question per line.', content: { 'application/x-ndjson': { schema: z.string() } } },
    400: error('Bad set name.'),
    ...refusals,
    404: error('No such set.'),
  },
});

const addCase = createRoute({
  method: 'post',
  path: '/api/editor/eval-sets/{name}/cases',
  summary: "Adds a citizen's question from a real conversation to an editor set, redacted (editors)",
  middleware: [requireRole('editor', 'admin')] as const,
  request: {
    params: setName,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              messageId: z.string({ error: 'must be the id of a citizen\'s question' }).min(1, 'must be the id of a citizen\'s question'),
              kind: z.enum(questionKinds, { error: `must be one of ${questionKinds.join(', ')}` }),
              expect: expectSchema,
              note: z.string().max(2000, 'must be at most 2000 characters').optional(),
            })
            .strict(),
        },
      },
    },
  },
  responses: {
    201: json('The stored case, in the eval-set format.', z.object({}).catchall(z.unknown())),
    400: error('Bad body, or the message is not a citizen\'s question; the message names the field.'),
    ...refusals,
    404: error('No such message.'),
    409: error('The name is a file set\'s, or the question is already in the set.'),
  },
});

const startRun = createRoute({
  method: 'post',
  path: '/api/editor/eval-runs',
  summary: "Starts an eval run of a set against the server's answer core (editors)",
  middleware: [requireRole('editor', 'admin')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: z.object({ set: z.string({ error: 'must be the name of an eval set' }).min(1, 'must be the name of an eval set') }).strict() } } } },
  responses: {
    202: json('The run, running; poll GET eval-runs/{id} for its progress.', runSchema),
    400: error('Bad body; the message names the field.'),
    ...refusals,
    404: error('No such set.'),
    409: error('A run is already running; the message names it.'),
  },
});

const listRuns = createRoute({
  method: 'get',
  path: '/api/editor/eval-runs',
  summary: 'Eval runs, newest first (editors)',
  middleware: [requireRole('editor', 'admin')] as const,
  request: { query: z.object({ limit, offset }).strict() },
  responses: { 200: json('One page of runs.', page(runSchema)), 400: error('Bad query; the message names the parameter.'), ...refusals },
});

const compareRuns = createRoute({
  method: 'get',
  path: '/api/editor/eval-runs/compare',
  summary: 'Compares two eval runs: questions that got better or worse, metric deltas (editors)',
  middleware: [requireRole('editor', 'admin')] as const,
  request: { query: z.object({ base: z.string({ error: 'must be a run id' }).min(1, 'must be a run id'), other: z.string({ error: 'must be a run id' }).min(1, 'must be a run id') }).strict() },
  responses: { 200: json('The comparison.', comparisonSchema), 400: error('Bad query; the message names the parameter.'), ...refusals, 404: error('No such run.') },
});

const getRun = createRoute({
  method: 'get',
  path: '/api/editor/eval-runs/{id}',
  summary: 'One eval run; poll it for progress (editors)',
  middleware: [requireRole('editor', 'admin')] as const,
  request: { params: runId },
  responses: { 200: json('The run.', runSchema), ...refusals, 404: error('No such run.') },
});

const listResults = createRoute({
  method: 'get',
  path: '/api/editor/eval-runs/{id}/results',
  summary: "A run's questions, in set order (editors)",
  middleware: [requireRole('editor', 'admin')] as const,
  request: {
    params: runId,
    query: z
      .object({
        outcome: z.enum(resultOutcomes, { error: 'must be "all", "failed" or "passed"' }).optional(),
        language: z.string().min(1).optional(),
        kind: z.string().min(1).optional(),
        verdict: z.enum(['none', ...evalVerdicts], { error: 'must be "none", "right", "partly" or "wrong"' }).optional(),
        limit,
        offset,
      })
      .strict(),
  },
  responses: { 200: json('One page of results.', page(resultSchema)), 400: error('Bad query; the message names the parameter.'), ...refusals, 404: error('No such run.') },
});

const getResult = createRoute({
  method: 'get',
  path: '/api/editor/eval-runs/{id}/results/{caseId}',
  summary: 'One question of a run (editors)',
  middleware: [requireRole('editor', 'admin')] as const,
  request: { params: resultId },
  responses: { 200: json('The result.', resultSchema), ...refusals, 404: error('No such run or question.') },
});

const sourcePattern = /^(?:\/\S*|https?:\/\/\S+)$/;
const putVerdict = createRoute({
  method: 'put',
  path: '/api/editor/eval-runs/{id}/results/{caseId}/verdict',
  summary: "An editor's verdict on one answer; giving it again replaces it (editors)",
  middleware: [requireRole('editor', 'admin')] as const,
  request: {
    params: resultId,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              verdict: z.enum(evalVerdicts, { error: 'must be "right", "partly" or "wrong"' }),
              note: z.string().max(2000, 'must be at most 2000 characters').nullable().optional(),
              correctSource: z.string().max(2000, 'must be at most 2000 characters').regex(sourcePattern, 'must be a page URL (https://…) or a site path (/…)').nullable().optional(),
            })
            .strict(),
        },
      },
    },
  },
  responses: { 200: json('The stored verdict.', verdictSchema), 400: error('Bad body; the message names the field.'), ...refusals, 404: error('No such run or question.') },
});

export function editorEvalRoutes(evaluations: EditorEvaluations) {
  const app = new OpenAPIHono<AppEnvironment>();
  app.use('/api/editor/eval-*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  const editorName = (c: { get(key: 'staff'): AppEnvironment['Variables']['staff'] }) => c.get('staff')?.displayName ?? 'editor';

  app.openapi(listSets, async (c) => c.json({ items: await evaluations.sets.list() }, 200));

  // JSON Lines is not JSON: documented through the registry, served by a plain handler.
  app.openAPIRegistry.registerPath(exportSet);
  app.get('/api/editor/eval-sets/:name/export', requireRole('editor', 'admin'), async (c) => {
    const name = c.req.param('name');
    if (!evalSetNamePattern.test(name)) return errorResponse(c, 'invalid_request', 'name: lower-case letters, digits and hyphens, at most 64 characters');
    const text = await evaluations.sets.export(name);
    return c.body(text, 200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}.jsonl"` });
  });

  app.openapi(addCase, async (c) => {
    const { name } = c.req.valid('param');
    const stored = await evaluations.sets.addFromMessage(name, c.req.valid('json'), editorName(c));
    return c.json(stored, 201);
  });

  app.openapi(startRun, async (c) => {
    const { set } = c.req.valid('json');
    const { cases } = await evaluations.sets.cases(set);
    const { run } = await evaluations.runs.start({ set, cases, answer: evaluations.answer, configuration: evaluations.configuration, startedBy: editorName(c) });
    return c.json(run, 202);
  });

  app.openapi(listRuns, async (c) => c.json(await evaluations.runs.list(c.req.valid('query')), 200));

  app.openapi(compareRuns, async (c) => {
    const { base, other } = c.req.valid('query');
    return c.json(await evaluations.runs.compare(base, other), 200);
  });

  app.openapi(getRun, async (c) => c.json(await evaluations.runs.get(c.req.valid('param').id), 200));

  app.openapi(listResults, async (c) => c.json(await evaluations.runs.results(c.req.valid('param').id, c.req.valid('query')), 200));

  app.openapi(getResult, async (c) => {
    const { id, caseId } = c.req.valid('param');
    return c.json(await evaluations.runs.result(id, caseId), 200);
  });

  app.openapi(putVerdict, async (c) => {
    const { id, caseId } = c.req.valid('param');
    return c.json(await evaluations.runs.setVerdict(id, caseId, c.req.valid('json'), editorName(c)), 200);
  });
  return app;
}
