// Stored evaluation runs for the editor console (docs/editor-console.md, "Evaluations"): a run asks
// every question of a set through an answerer in the background, scores each answer with the same
// scorer as `npm run eval`, and stores its progress, one result per question and, at the end, the
// metrics overall, by language and by kind. Editors add their own verdicts; two runs can be compared.
// Question and answer texts are stored redacted, as the CLI's report writes them.
import type { Database, Queryable } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Answer, AnswerRequest } from '../answer/answer-service.js';
import type { Logger } from '../logger.js';
import { redactPersonalData } from '../safety/redact.js';
import { evalRequest, type EvalCase } from './eval-set.js';
import { distinctUrls, metricNames, metrics, metricsBy, scoreCase, type Metrics, type Scored } from './score.js';

export const evalVerdicts = ['right', 'partly', 'wrong'] as const;
export type EvalVerdictValue = (typeof evalVerdicts)[number];
export const resultOutcomes = ['all', 'failed', 'passed'] as const;
export type ResultOutcome = (typeof resultOutcomes)[number];
export type RunStatus = 'running' | 'done' | 'failed';

/** What was evaluated: the answerer, the model and the settings, as the run's record shows it. */
export type RunConfiguration = { target: string } & Record<string, unknown>;

export interface EvalRun {
  id: string;
  set: string;
  status: RunStatus;
  error: string | null;
  configuration: RunConfiguration;
  /** The editor's display name, or "npm run eval". */
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  total: number;
  done: number;
  failed: number;
  metrics: Metrics | null;
  byLanguage: Record<string, Metrics>;
  byKind: Record<string, Metrics>;
  verdicts: { right: number; partly: number; wrong: number; agreementRate: number | null };
}

export interface EvalVerdict {
  verdict: EvalVerdictValue;
  note: string | null;
  correctSource: string | null;
  editor: string;
  updatedAt: string;
}

export interface EvalResult {
  caseId: string;
  position: number;
  language: string;
  kind: string;
  hospital: string | null;
  question: string;
  history: { role: 'user' | 'assistant'; text: string }[];
  expected: EvalCase['expect'];
  answer: {
    kind: string;
    text: string;
    refusalReason: string | null;
    citations: { number: number; title: string; url: string; chunkId: string; text: string }[];
  };
  /** The top 5 distinct pages retrieval returned, each with its best chunk. */
  retrieved: { url: string; title: string; chunkId: string; text: string }[];
  automatic: { passed: boolean; problems: string[]; missingFacts: string[] };
  verdict: EvalVerdict | null;
}

export interface Page<T> {
  items: T[];
  nextOffset: number | null;
  total: number;
}

export interface ResultFilters {
  outcome?: ResultOutcome;
  language?: string;
  kind?: string;
  verdict?: 'none' | EvalVerdictValue;
  limit?: number;
  offset?: number;
}

export interface CaseChange {
  caseId: string;
  question: string;
  language: string;
  kind: string;
}

export interface EvalComparison {
  base: EvalRun;
  other: EvalRun;
  metricDeltas: { name: string; base: number | null; other: number | null; delta: number | null }[];
  /** Failed in base, passed in other. */
  improved: CaseChange[];
  /** Passed in base, failed in other. */
  worsened: CaseChange[];
  unchanged: number;
  onlyInBase: number;
  onlyInOther: number;
}

export type AnswerFunction = (request: AnswerRequest) => Promise<Answer>;

export interface StartRun {
  /** The set's name, as listed. */
  set: string;
  cases: readonly EvalCase[];
  answer: AnswerFunction;
  configuration: RunConfiguration;
  startedBy: string;
  /** Called after each question is stored (the CLI's progress bar). */
  onProgress?: (done: number, total: number) => void;
}

export interface EvalRunsDependencies {
  database: Database;
  now?: () => Date;
  logger?: Logger;
  newId?: () => string;
  /**
   * A running run whose process has written nothing for this long is taken to be dead: it is marked
   * failed before a new run starts. Default 10 minutes (a slow model may take a while per question).
   */
  staleAfterMs?: number;
}

/** The error a run gets when the process running it stopped. */
export const interruptedRunError = 'the server stopped during the run';

const defaultLimit = 50;

interface RunRow {
  id: string;
  set_name: string;
  status: RunStatus;
  error: string | null;
  configuration: RunConfiguration;
  started_by: string;
  started_at: Date | string;
  finished_at: Date | string | null;
  total: number;
  done: number;
  failed: number;
  metrics: Metrics | null;
  by_language: Record<string, Metrics>;
  by_kind: Record<string, Metrics>;
  judged_right: number | string;
  judged_partly: number | string;
  judged_wrong: number | string;
  agreed: number | string;
}

interface ResultRow {
  case_id: string;
  position: number;
  language: string;
  kind: string;
  hospital: string | null;
  question: string;
  history: EvalResult['history'];
  expected: EvalResult['expected'];
  answer: EvalResult['answer'];
  retrieved: EvalResult['retrieved'];
  passed: boolean;
  problems: string[];
  missing_facts: string[];
  verdict: EvalVerdictValue | null;
  note: string | null;
  correct_source: string | null;
  editor: string | null;
  updated_at: Date | string | null;
}

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

const runSelect = `
  SELECT r.*,
         (SELECT count(*) FROM eval_verdicts v WHERE v.run_id = r.id AND v.verdict = 'right') AS judged_right,
         (SELECT count(*) FROM eval_verdicts v WHERE v.run_id = r.id AND v.verdict = 'partly') AS judged_partly,
         (SELECT count(*) FROM eval_verdicts v WHERE v.run_id = r.id AND v.verdict = 'wrong') AS judged_wrong,
         (SELECT count(*) FROM eval_verdicts v JOIN eval_results s ON s.run_id = v.run_id AND s.case_id = v.case_id
           WHERE v.run_id = r.id AND (s.passed = (v.verdict = 'right'))) AS agreed
    FROM eval_runs r`;

function toRun(row: RunRow): EvalRun {
  const right = Number(row.judged_right);
  const partly = Number(row.judged_partly);
  const wrong = Number(row.judged_wrong);
  const judged = right + partly + wrong;
  return {
    id: row.id,
    set: row.set_name,
    status: row.status,
    error: row.error,
    configuration: row.configuration,
    startedBy: row.started_by,
    startedAt: iso(row.started_at),
    finishedAt: row.finished_at === null ? null : iso(row.finished_at),
    total: row.total,
    done: row.done,
    failed: row.failed,
    metrics: row.metrics,
    byLanguage: row.by_language,
    byKind: row.by_kind,
    // The scorer's "passed" agrees with "right"; its "failed" agrees with "partly" and "wrong".
    verdicts: { right, partly, wrong, agreementRate: judged === 0 ? null : Number(row.agreed) / judged },
  };
}

function toResult(row: ResultRow): EvalResult {
  return {
    caseId: row.case_id,
    position: row.position,
    language: row.language,
    kind: row.kind,
    hospital: row.hospital,
    question: row.question,
    history: row.history,
    expected: row.expected,
    answer: row.answer,
    retrieved: row.retrieved,
    automatic: { passed: row.passed, problems: row.problems, missingFacts: row.missing_facts },
    verdict:
      row.verdict === null
        ? null
        : { verdict: row.verdict, note: row.note, correctSource: row.correct_source, editor: row.editor as string, updatedAt: iso(row.updated_at as Date | string) },
  };
}

/** What is stored for one question: redacted texts, cited chunks with their text, the top 5 pages. */
export function resultOf(position: number, entry: Scored): Omit<EvalResult, 'verdict'> {
  const { item, got, score } = entry;
  const chunkText = new Map(got.retrieved.map((passage) => [passage.chunkId, passage]));
  const topPages = distinctUrls(got.retrieved).map((url) => got.retrieved.find((passage) => passage.url === url) as (typeof got.retrieved)[number]);
  return {
    caseId: item.id,
    position,
    language: item.language,
    kind: item.kind,
    hospital: item.hospital ?? null,
    question: redactPersonalData(item.question),
    history: (item.history ?? []).map((turn) => ({ role: turn.role, text: redactPersonalData(turn.text) })),
    expected: item.expect,
    answer: {
      kind: got.kind,
      text: redactPersonalData(got.text),
      refusalReason: got.refusalReason ?? null,
      citations: got.citations.map((citation) => {
        const passage = chunkText.get(citation.chunkId) as { text?: string } | undefined;
        return { number: citation.n, title: citation.title, url: citation.url, chunkId: citation.chunkId, text: passage?.text ?? citation.excerpt };
      }),
    },
    retrieved: topPages.map((passage) => {
      const full = passage as { title?: string; text?: string };
      return { url: passage.url, title: full.title ?? '', chunkId: passage.chunkId, text: full.text ?? '' };
    }),
    automatic: { passed: score.problems.length === 0, problems: score.problems, missingFacts: score.missingFacts },
  };
}

async function insertResult(tx: Queryable, runId: string, result: Omit<EvalResult, 'verdict'>): Promise<void> {
  await tx.query(
    `INSERT INTO eval_results (run_id, case_id, position, language, kind, hospital, question, history, expected, answer, retrieved, passed, problems, missing_facts)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11::jsonb, $12, $13::jsonb, $14::jsonb)`,
    [
      runId,
      result.caseId,
      result.position,
      result.language,
      result.kind,
      result.hospital,
      result.question,
      JSON.stringify(result.history),
      JSON.stringify(result.expected),
      JSON.stringify(result.answer),
      JSON.stringify(result.retrieved),
      result.automatic.passed,
      JSON.stringify(result.automatic.problems),
      JSON.stringify(result.automatic.missingFacts),
    ],
  );
}

/** Lets the I/O already waiting (citizens' requests) run between two questions. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const bounded = (value: number | undefined, fallback: number, maximum: number) => Math.min(Math.max(value ?? fallback, 0), maximum);

/**
 * @example
 * const runs = new EvalRuns({ database });
 * const { run, finished } = await runs.start({ set: 'demo', cases, answer: (request) => service.answer(request), configuration: { target: 'extractive' }, startedBy: 'Ida' });
 */
export class EvalRuns {
  private readonly now: () => Date;
  private readonly staleAfterMs: number;

  constructor(private readonly dependencies: EvalRunsDependencies) {
    this.now = dependencies.now ?? (() => new Date());
    this.staleAfterMs = dependencies.staleAfterMs ?? 10 * 60_000;
  }

  /**
   * Marks runs left 'running' by a process that stopped as failed. `staleAfterMs` 0 (a server that
   * alone owns its embedded database) marks every running run; returns how many were marked.
   */
  async failInterrupted(staleAfterMs = this.staleAfterMs): Promise<number> {
    const now = this.now();
    const rows = await this.dependencies.database.query<{ id: string }>(
      `UPDATE eval_runs SET status = 'failed', error = $1, finished_at = $2
        WHERE status = 'running' AND heartbeat_at <= $3 RETURNING id`,
      [interruptedRunError, now, new Date(now.getTime() - staleAfterMs)],
    );
    if (rows.length > 0) this.dependencies.logger?.warn({ event: 'eval-runs-interrupted', runs: rows.map((row) => row.id) }, 'eval runs left running by a stopped process marked failed');
    return rows.length;
  }

  /**
   * Stores a new run and asks its questions in the background. Resolves with the run as started and
   * `finished`, which resolves (never rejects) with the run once it is done or has failed.
   */
  async start(options: StartRun): Promise<{ run: EvalRun; finished: Promise<EvalRun> }> {
    if (options.cases.length === 0) throw new AppError('invalid_request', `set: "${options.set}" has no questions.`);
    await this.failInterrupted();
    await this.refuseWhileRunning();
    const id = this.dependencies.newId?.() ?? crypto.randomUUID();
    const startedAt = this.now();
    try {
      await this.dependencies.database.query(
        `INSERT INTO eval_runs (id, set_name, status, configuration, started_by, started_at, heartbeat_at, total)
         VALUES ($1, $2, 'running', $3::jsonb, $4, $5, $5, $6)`,
        [id, options.set, JSON.stringify(options.configuration), options.startedBy, startedAt, options.cases.length],
      );
    } catch (error) {
      // Another process started one between the check and the insert: the unique index refused ours.
      await this.refuseWhileRunning();
      throw error;
    }
    this.dependencies.logger?.info({ event: 'eval-run-started', runId: id, set: options.set, questions: options.cases.length }, 'eval run started');
    const run = await this.get(id);
    return { run, finished: this.execute(id, options, run) };
  }

  private async refuseWhileRunning(): Promise<void> {
    const running = (await this.dependencies.database.query<RunRow>(`${runSelect} WHERE r.status = 'running' LIMIT 1`))[0];
    if (running === undefined) return;
    throw new AppError(
      'conflict',
      `Eval run ${running.id} of the set "${running.set_name}" is already running (started by ${running.started_by} at ${iso(running.started_at)}, ${running.done} of ${running.total} questions done); one run at a time.`,
    );
  }

  private async execute(id: string, options: StartRun, started: EvalRun): Promise<EvalRun> {
    const { database, logger } = this.dependencies;
    const scored: Scored[] = [];
    let failed = 0;
    try {
      for (const [position, item] of options.cases.entries()) {
        await nextTurn();
        const got = await options.answer(evalRequest(item));
        const entry: Scored = { item, got, score: scoreCase(item, got) };
        scored.push(entry);
        const result = resultOf(position, entry);
        if (!result.automatic.passed) failed += 1;
        await database.transaction(async (tx) => {
          await insertResult(tx, id, result);
          await tx.query('UPDATE eval_runs SET done = $2, failed = $3, heartbeat_at = $4 WHERE id = $1', [id, scored.length, failed, this.now()]);
        });
        options.onProgress?.(scored.length, options.cases.length);
      }
      await database.query(
        `UPDATE eval_runs SET status = 'done', finished_at = $2, heartbeat_at = $2, metrics = $3::jsonb, by_language = $4::jsonb, by_kind = $5::jsonb WHERE id = $1`,
        [
          id,
          this.now(),
          JSON.stringify(metrics(scored)),
          JSON.stringify(metricsBy(scored, ({ item }) => item.language)),
          JSON.stringify(metricsBy(scored, ({ item }) => item.kind)),
        ],
      );
      logger?.info({ event: 'eval-run-finished', runId: id, questions: scored.length, failed }, 'eval run finished');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger?.error({ event: 'eval-run-failed', runId: id, error: message }, 'eval run failed');
      try {
        await database.query(`UPDATE eval_runs SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1`, [id, message, this.now()]);
      } catch (storing) {
        logger?.error({ event: 'eval-run-failure-not-stored', runId: id, error: storing instanceof Error ? storing.message : String(storing) }, 'the failed eval run could not be marked');
      }
    }
    // The database may have gone away (the process is stopping): then the run as this process last knew it.
    return this.get(id).catch(() => ({ ...started, done: scored.length, failed }));
  }

  async list(options: { limit?: number; offset?: number } = {}): Promise<Page<EvalRun>> {
    const limit = bounded(options.limit, defaultLimit, 200);
    const offset = Math.max(options.offset ?? 0, 0);
    const rows = await this.dependencies.database.query<RunRow>(`${runSelect} ORDER BY r.started_at DESC, r.id DESC LIMIT $1 OFFSET $2`, [limit + 1, offset]);
    const total = Number((await this.dependencies.database.query<{ total: string | number }>('SELECT count(*) AS total FROM eval_runs'))[0]?.total ?? 0);
    return { items: rows.slice(0, limit).map(toRun), nextOffset: rows.length > limit ? offset + limit : null, total };
  }

  async get(id: string): Promise<EvalRun> {
    const row = (await this.dependencies.database.query<RunRow>(`${runSelect} WHERE r.id = $1`, [id]))[0];
    if (row === undefined) throw new AppError('not_found', `No eval run ${id}.`);
    return toRun(row);
  }

  async results(runId: string, filters: ResultFilters = {}): Promise<Page<EvalResult>> {
    await this.get(runId);
    const limit = bounded(filters.limit, defaultLimit, 200);
    const offset = Math.max(filters.offset ?? 0, 0);
    const conditions = ['s.run_id = $1'];
    const parameters: unknown[] = [runId];
    if (filters.outcome === 'failed') conditions.push('NOT s.passed');
    if (filters.outcome === 'passed') conditions.push('s.passed');
    if (filters.language !== undefined) {
      parameters.push(filters.language);
      conditions.push(`s.language = $${parameters.length}`);
    }
    if (filters.kind !== undefined) {
      parameters.push(filters.kind);
      conditions.push(`s.kind = $${parameters.length}`);
    }
    if (filters.verdict === 'none') conditions.push('v.verdict IS NULL');
    else if (filters.verdict !== undefined) {
      parameters.push(filters.verdict);
      conditions.push(`v.verdict = $${parameters.length}`);
    }
    const from = `FROM eval_results s LEFT JOIN eval_verdicts v ON v.run_id = s.run_id AND v.case_id = s.case_id WHERE ${conditions.join(' AND ')}`;
    const rows = await this.dependencies.database.query<ResultRow>(
      `SELECT s.*, v.verdict, v.note, v.correct_source, v.editor, v.updated_at ${from} ORDER BY s.position LIMIT $${parameters.length + 1} OFFSET $${parameters.length + 2}`,
      [...parameters, limit + 1, offset],
    );
    const total = Number((await this.dependencies.database.query<{ total: string | number }>(`SELECT count(*) AS total ${from}`, parameters))[0]?.total ?? 0);
    return { items: rows.slice(0, limit).map(toResult), nextOffset: rows.length > limit ? offset + limit : null, total };
  }

  async result(runId: string, caseId: string): Promise<EvalResult> {
    await this.get(runId);
    const row = (
      await this.dependencies.database.query<ResultRow>(
        `SELECT s.*, v.verdict, v.note, v.correct_source, v.editor, v.updated_at
           FROM eval_results s LEFT JOIN eval_verdicts v ON v.run_id = s.run_id AND v.case_id = s.case_id
          WHERE s.run_id = $1 AND s.case_id = $2`,
        [runId, caseId],
      )
    )[0];
    if (row === undefined) throw new AppError('not_found', `Eval run ${runId} has no result for the question ${caseId}.`);
    return toResult(row);
  }

  /** Records an editor's verdict on one answer; giving it again replaces it. */
  async setVerdict(runId: string, caseId: string, input: { verdict: EvalVerdictValue; note?: string | null; correctSource?: string | null }, editor: string): Promise<EvalVerdict> {
    await this.result(runId, caseId);
    const note = input.note === undefined || input.note === null || input.note.trim() === '' ? null : input.note.trim();
    const correctSource = input.correctSource === undefined || input.correctSource === null || input.correctSource.trim() === '' ? null : input.correctSource.trim();
    const updatedAt = this.now();
    await this.dependencies.database.query(
      `INSERT INTO eval_verdicts (run_id, case_id, verdict, note, correct_source, editor, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (run_id, case_id) DO UPDATE SET verdict = EXCLUDED.verdict, note = EXCLUDED.note, correct_source = EXCLUDED.correct_source,
         editor = EXCLUDED.editor, updated_at = EXCLUDED.updated_at`,
      [runId, caseId, input.verdict, note, correctSource, editor, updatedAt],
    );
    return { verdict: input.verdict, note, correctSource, editor, updatedAt: updatedAt.toISOString() };
  }

  /** Which questions got better or worse from `baseId` to `otherId` (matched by case id), and the metric deltas. */
  async compare(baseId: string, otherId: string): Promise<EvalComparison> {
    const [base, other] = await Promise.all([this.get(baseId), this.get(otherId)]);
    const outcomes = async (runId: string) =>
      new Map(
        (
          await this.dependencies.database.query<{ case_id: string; passed: boolean; question: string; language: string; kind: string }>(
            'SELECT case_id, passed, question, language, kind FROM eval_results WHERE run_id = $1 ORDER BY position',
            [runId],
          )
        ).map((row) => [row.case_id, row]),
      );
    const [before, after] = await Promise.all([outcomes(baseId), outcomes(otherId)]);
    const improved: CaseChange[] = [];
    const worsened: CaseChange[] = [];
    let unchanged = 0;
    let onlyInBase = 0;
    for (const [caseId, was] of before) {
      const now = after.get(caseId);
      if (now === undefined) {
        onlyInBase += 1;
        continue;
      }
      const change = { caseId, question: now.question, language: now.language, kind: now.kind };
      if (!was.passed && now.passed) improved.push(change);
      else if (was.passed && !now.passed) worsened.push(change);
      else unchanged += 1;
    }
    const onlyInOther = [...after.keys()].filter((caseId) => !before.has(caseId)).length;
    const metricDeltas = metricNames.map((name) => {
      const from = base.metrics?.[name] ?? null;
      const to = other.metrics?.[name] ?? null;
      return { name, base: from, other: to, delta: from === null || to === null ? null : to - from };
    });
    return { base, other, metricDeltas, improved, worsened, unchanged, onlyInBase, onlyInOther };
  }
}
