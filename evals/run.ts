// `npm run eval [-- --set path/to/set.jsonl] [--check] [--no-store]`: asks every question of a set
// through the answer core (evalTarget), prints the metrics per language and kind and the questions
// that failed, and writes the report to evals/reports/<timestamp>.json and evals/reports/latest.json.
// The run is stored in the configured database too (DATABASE_URL, else the embedded PGlite in
// DATA_DIR), where the editor console at /editor shows it; --no-store skips that.
// With --check it exits with code 1 when a metric is outside evals/thresholds.json.
// Exit codes: 0 done, 1 thresholds not met or failed, 2 bad configuration, 3 the database is busy
// (the embedded one is open in the server, or another run is running).
import cliProgress from 'cli-progress';
import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Answer } from '../src/answer/answer-service.js';
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { PgliteDatabase } from '../src/db/adapters/pglite.js';
import { PostgresDatabase } from '../src/db/adapters/postgres.js';
import type { Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrations.js';
import { EvalRuns } from '../src/editor/eval-runs.js';
import { AppError } from '../src/errors.js';
import { embeddedDatabaseMarker } from '../src/runtime/node-runtime.js';
import { claimPidFile } from '../src/runtime/pid-file.js';
import { readEvalSet } from './eval-set.js';
import { buildReport, formatReport, runEval, writeReport } from './report.js';
import { scoreCase, thresholdViolations, type Scored, type Thresholds } from './score.js';
import { evalTarget } from './target.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

class Stop extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** A bar on a terminal; nothing in a pipe or a CI log (the summary follows anyway). */
function progressBar(total: number) {
  if (process.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: 'eval [{bar}] {value}/{total} questions | ETA {eta_formatted}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done: number) => bar.update(done), stop: () => bar.stop() };
}

/** The configured database, as the server opens it; refuses the embedded one while a server has it open. */
async function openDatabase(config: Config): Promise<{ database: Database; release: () => Promise<void> }> {
  if (config.DATABASE_URL !== undefined) return { database: await PostgresDatabase.open(config.DATABASE_URL), release: async () => undefined };
  await mkdir(config.DATA_DIR, { recursive: true });
  const claim = await claimPidFile(join(config.DATA_DIR, embeddedDatabaseMarker), 'eval');
  if ('heldBy' in claim) {
    throw new Stop(
      `The embedded database in ${config.DATA_DIR} is open in the server (pid ${claim.heldBy.pid}), and only one process may open it.\n` +
        `Start the run from the editor console at ${config.PUBLIC_URL ?? `http://localhost:${config.PORT}`}/editor, or run \`npm run eval -- --no-store\` to skip storing it.`,
      3,
    );
  }
  try {
    return { database: await PgliteDatabase.open(join(config.DATA_DIR, 'pglite')), release: claim.release };
  } catch (error) {
    await claim.release();
    throw error;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', default: here('sets/demo.jsonl') },
      check: { type: 'boolean', default: false },
      thresholds: { type: 'string', default: here('thresholds.json') },
      reports: { type: 'string', default: here('reports') },
      'no-store': { type: 'boolean', default: false },
    },
  });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new Stop(error.message, 2);
    throw error;
  }
  const cases = await readEvalSet(values.set);
  const thresholds = JSON.parse(await readFile(values.thresholds, 'utf8')) as Thresholds;
  const target = await evalTarget(process.env);
  const store = values['no-store'] ? undefined : await openDatabase(config);
  const startedAt = new Date();
  const bar = progressBar(cases.length);
  let scored: Scored[];
  let stored = '';
  try {
    if (store === undefined) {
      scored = await runEval(cases, target, (done) => bar.update(done));
    } else {
      await migrate(store.database);
      const runs = new EvalRuns({ database: store.database });
      // The answers in set order, for the report: the run asks the questions one by one.
      const answers: Answer[] = [];
      let started;
      try {
        started = await runs.start({
          set: basename(values.set, '.jsonl'),
          cases,
          answer: async (request) => {
            const answer = await target.answer(request);
            answers.push(answer);
            return answer;
          },
          configuration: target.configuration,
          startedBy: 'npm run eval',
          onProgress: (done) => bar.update(done),
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict') throw new Stop(`${error.message}\nWait for it, or run \`npm run eval -- --no-store\`.`, 3);
        throw error;
      }
      const run = await started.finished;
      if (run.status === 'failed') throw new Error(`the run failed: ${run.error ?? 'unknown error'}`);
      scored = cases.map((item, position) => ({ item, got: answers[position] as Answer, score: scoreCase(item, answers[position] as Answer) }));
      stored = `\nStored as eval run ${run.id} (${config.DATABASE_URL === undefined ? `embedded database in ${config.DATA_DIR}` : 'DATABASE_URL'}): see it in the editor console at /editor.`;
    }
  } finally {
    bar.stop();
    await store?.database.close();
    await store?.release();
  }
  const report = buildReport({ set: values.set, target: target.description, startedAt, durationMs: Date.now() - startedAt.getTime(), scored });
  const written = await writeReport(report, values.reports);
  process.stdout.write(`${formatReport(report, thresholds)}\n\nReport: ${written.join(', ')}${stored}\n`);

  if (values.check) {
    const violations = thresholdViolations(report, thresholds);
    if (violations.length > 0) {
      process.stderr.write(`\nThresholds not met (${values.thresholds}):\n${violations.map((line) => `  ${line}`).join('\n')}\n`);
      return 1;
    }
    process.stdout.write('All metrics meet their thresholds.\n');
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof Stop) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`The eval failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
