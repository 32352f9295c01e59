// Stored eval runs on PGlite and PostgreSQL: progress as the questions are answered, one run at a time, metrics by
// language and kind, editors' verdicts and the agreement rate, comparing two runs, and a run cut off
// by a stopped server. The answerer is a small fake whose answers each test chooses, so what passes
// and what fails is known.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answer, AnswerRequest } from '../../src/answer/answer-service.js';
import { PgliteDatabase } from '../../src/db/adapters/pglite.js';
import { PostgresDatabase } from '../../src/db/adapters/postgres.js';
import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrations.js';
import { AppError } from '../../src/errors.js';
import { EvalRuns, interruptedRunError } from '../../src/editor/eval-runs.js';
import type { EvalCase } from '../../src/editor/eval-set.js';
import { postgresForTests } from '../support/postgres.js';

const postgres = await postgresForTests();
const adapters: { name: string; open: () => Promise<Database>; available: boolean }[] = [
  { name: 'PGlite', open: () => PgliteDatabase.open(), available: true },
  { name: 'PostgreSQL', open: () => PostgresDatabase.open(postgres.url as string), available: postgres.url !== undefined },
];
afterAll(() => postgres.drop());

const parkingPage = '/demo/fjordby/praktisk/parkering';

const cases: EvalCase[] = [
  { id: 'park', question: 'Hvor kan jeg parkere? Ring på 20 30 40 50', language: 'da', kind: 'parking', hospital: 'fjordby', expect: { kind: 'answer', sources: [parkingPage], facts: [['P-hus Nord']] } },
  { id: 'em', question: 'Min far har ondt i brystet', language: 'da', kind: 'emergency', expect: { kind: 'emergency' } },
  { id: 'en-park', question: 'Where can I park?', language: 'en', kind: 'parking', expect: { kind: 'answer', sources: [parkingPage], facts: [['P-hus Nord']] } },
];

const parkingAnswer = (text: string): Answer => ({
  kind: 'answer',
  language: 'da',
  text,
  citations: [{ n: 1, chunkId: 'park-1', title: 'Parkering', url: parkingPage, excerpt: 'P-hus Nord' }],
  emergencyCategories: [],
  retrieved: [
    { chunkId: 'park-1', url: parkingPage, score: 3, title: 'Parkering', text: 'Parkér i P-hus Nord ved hovedindgangen. Spørg på 70 11 22 33.' },
    { chunkId: 'park-2', url: parkingPage, score: 2, title: 'Parkering', text: 'Priser' },
    { chunkId: 'visit-1', url: '/demo/fjordby/praktisk/besoeg', score: 1, title: 'Besøg', text: 'Besøgstider' },
  ],
});
const emergencyAnswer: Answer = { kind: 'emergency', language: 'da', text: 'Ring 112', citations: [], emergencyCategories: ['cardiac'], retrieved: [] };
const refusal: Answer = { kind: 'refusal', language: 'en', text: 'Ring til hospitalet på 70 11 22 33.', citations: [], emergencyCategories: [], refusalReason: 'no-source', retrieved: [] };

/** Answers the parking questions right, or (`englishFails`) refuses the English one. */
function answerer(options: { englishFails?: boolean; failAt?: string } = {}) {
  const asked: AnswerRequest[] = [];
  return {
    asked,
    answer: async (request: AnswerRequest): Promise<Answer> => {
      asked.push(request);
      if (options.failAt !== undefined && request.text.startsWith(options.failAt)) throw new Error('the chat model did not answer (timeout)');
      if (request.text.includes('brystet')) return emergencyAnswer;
      if (request.text.startsWith('Where') && options.englishFails === true) return refusal;
      return parkingAnswer('Du kan parkere i P-hus Nord. [1] Ring 20 30 40 50.');
    },
  };
}

for (const adapter of adapters) {
describe.skipIf(!adapter.available)(`eval runs: ${adapter.name}`, () => {
  let database: Database;
  let runs: EvalRuns;
  let clock: Date;

  beforeAll(async () => {
    database = await adapter.open();
    if (adapter.name === 'PostgreSQL') await postgres.reset(database);
    await migrate(database);
  });
  afterAll(() => database?.close());
  // One database for the file (opening one takes seconds); every test starts with no runs.
  beforeEach(async () => {
    await database.query('DELETE FROM eval_runs');
    clock = new Date('2026-11-26T08:00:00Z');
    runs = new EvalRuns({ database, now: () => clock });
  });

  const start = (answer: (request: AnswerRequest) => Promise<Answer>, set = 'tiny', onProgress?: (done: number, total: number) => void) =>
    runs.start({ set, cases, answer, configuration: { target: 'a fake answerer' }, startedBy: 'Ida', ...(onProgress !== undefined && { onProgress }) });

  describe('a run', () => {
    it('stores its progress question by question, then the metrics by language and kind', async () => {
      const seen: number[] = [];
      // The second question waits until the test has looked at the stored progress.
      let release = () => undefined as void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const { answer, asked } = answerer();
      const { run, finished } = await start(
        async (request) => {
          if (asked.length === 1) await gate;
          return answer(request);
        },
        'tiny',
        (done) => {
          seen.push(done);
        },
      );
      expect(run).toMatchObject({ set: 'tiny', status: 'running', total: 3, done: 0, metrics: null, startedBy: 'Ida', configuration: { target: 'a fake answerer' } });
      // Poll while it runs, as the console does.
      let polled = await runs.get(run.id);
      for (let attempt = 0; attempt < 200 && polled.done < 1; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        polled = await runs.get(run.id);
      }
      expect(polled).toMatchObject({ status: 'running', done: 1, total: 3, metrics: null });
      release();
      const done = await finished;
      expect(seen).toEqual([1, 2, 3]);
      expect(done).toMatchObject({ status: 'done', done: 3, failed: 0, error: null });
      expect(done.finishedAt).not.toBeNull();
      expect(done.metrics).toMatchObject({ questions: 3, recallAt5: 1, emergencyRecall: 1, kindAccuracy: 1 });
      expect(Object.keys(done.byLanguage)).toEqual(['da', 'en']);
      expect(done.byLanguage.en).toMatchObject({ questions: 1, recallAt5: 1 });
      expect(done.byKind.emergency).toMatchObject({ questions: 1, emergencyRecall: 1 });
      expect((await runs.list()).items.map((item) => item.id)).toEqual([run.id]);
    });

    it('stores each answer redacted, with its cited chunks and the top pages with their text', async () => {
      const { run, finished } = await start(answerer().answer);
      await finished;
      const result = await runs.result(run.id, 'park');
      expect(result.question).toBe('Hvor kan jeg parkere? Ring på [TELEFON]');
      expect(result.answer.text).toBe('Du kan parkere i P-hus Nord. [1] Ring [TELEFON].');
      expect(result.answer.citations).toEqual([{ number: 1, title: 'Parkering', url: parkingPage, chunkId: 'park-1', text: 'Parkér i P-hus Nord ved hovedindgangen. Spørg på 70 11 22 33.' }]);
      // Distinct pages, each with its best chunk.
      expect(result.retrieved.map((page) => [page.url, page.chunkId])).toEqual([
        [parkingPage, 'park-1'],
        ['/demo/fjordby/praktisk/besoeg', 'visit-1'],
      ]);
      expect(result).toMatchObject({ position: 0, hospital: 'fjordby', automatic: { passed: true, problems: [] }, verdict: null });
    });

    it('refuses a second run while one is running, naming it', async () => {
      let release = () => undefined as void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const slow = async (request: AnswerRequest) => {
        await gate;
        return answerer().answer(request);
      };
      const { run, finished } = await start(slow);
      const second = await start(answerer().answer, 'other').catch((error: unknown) => error);
      expect(second).toBeInstanceOf(AppError);
      expect((second as AppError).code).toBe('conflict');
      expect((second as AppError).message).toContain(run.id);
      expect((second as AppError).message).toContain('"tiny"');
      release();
      await finished;
      const { finished: next } = await start(answerer().answer, 'other');
      expect((await next).status).toBe('done');
    });

    it('fails with the error message when answering throws, and frees the way for the next run', async () => {
      const { finished } = await start(answerer({ failAt: 'Where' }).answer);
      const failed = await finished;
      expect(failed).toMatchObject({ status: 'failed', error: 'the chat model did not answer (timeout)', done: 2, metrics: null });
      const { finished: next } = await start(answerer().answer);
      expect((await next).status).toBe('done');
    });

    it('a run left running by a stopped server is marked failed, and does not block the next', async () => {
      // A run started by a process that then died: it never finishes.
      await start(() => new Promise<Answer>(() => undefined));
      const restarted = new EvalRuns({ database, now: () => clock });
      expect(await restarted.failInterrupted(0)).toBe(1);
      const [stopped] = (await restarted.list()).items;
      expect(stopped).toMatchObject({ status: 'failed', error: interruptedRunError });
      const { finished } = await restarted.start({ set: 'tiny', cases, answer: answerer().answer, configuration: { target: 'x' }, startedBy: 'Ida' });
      expect((await finished).status).toBe('done');
    });

    it('with several servers, only a run silent for longer than the limit counts as stopped', async () => {
      await start(() => new Promise<Answer>(() => undefined));
      expect(await runs.failInterrupted(10 * 60_000)).toBe(0);
      await expect(start(answerer().answer)).rejects.toMatchObject({ code: 'conflict' });
      clock = new Date(clock.getTime() + 11 * 60_000);
      const { finished } = await start(answerer().answer);
      expect((await finished).status).toBe('done');
      expect((await runs.list()).items.map((item) => item.status)).toEqual(['done', 'failed']);
    });
  });

  describe('verdicts and comparison', () => {
    it('an editor\'s verdict replaces the earlier one and is counted with the agreement rate', async () => {
      const { run, finished } = await start(answerer({ englishFails: true }).answer);
      await finished;
      const failed = await runs.results(run.id, { outcome: 'failed' });
      expect(failed.items.map((item) => item.caseId)).toEqual(['en-park']);
      expect(failed.total).toBe(1);

      await runs.setVerdict(run.id, 'park', { verdict: 'wrong', note: 'forkert' }, 'Ida');
      const replaced = await runs.setVerdict(run.id, 'park', { verdict: 'right', note: ' ', correctSource: parkingPage }, 'Ole');
      expect(replaced).toMatchObject({ verdict: 'right', note: null, correctSource: parkingPage, editor: 'Ole' });
      await runs.setVerdict(run.id, 'en-park', { verdict: 'partly' }, 'Ida'); // scorer failed ↔ partly: agree
      await runs.setVerdict(run.id, 'em', { verdict: 'wrong' }, 'Ida'); // scorer passed ↔ wrong: disagree
      const judged = await runs.get(run.id);
      expect(judged.verdicts).toEqual({ right: 1, partly: 1, wrong: 1, agreementRate: 2 / 3 });
      expect((await runs.results(run.id, { verdict: 'none' })).items).toEqual([]);
      expect((await runs.results(run.id, { verdict: 'wrong' })).items.map((item) => item.caseId)).toEqual(['em']);
      expect((await runs.result(run.id, 'park')).verdict).toMatchObject({ verdict: 'right', editor: 'Ole' });
      await expect(runs.setVerdict(run.id, 'nope', { verdict: 'right' }, 'Ida')).rejects.toMatchObject({ code: 'not_found' });
    });

    it('compares two runs: what got better, what got worse, and the metric deltas', async () => {
      const first = await start(answerer({ englishFails: true }).answer);
      await first.finished;
      const second = await start(answerer().answer);
      await second.finished;
      const better = await runs.compare(first.run.id, second.run.id);
      expect(better.improved).toEqual([{ caseId: 'en-park', question: 'Where can I park?', language: 'en', kind: 'parking' }]);
      expect(better.worsened).toEqual([]);
      expect(better.unchanged).toBe(2);
      const kind = better.metricDeltas.find((delta) => delta.name === 'kindAccuracy');
      expect(kind).toMatchObject({ base: 2 / 3, other: 1 });
      expect(kind?.delta).toBeCloseTo(1 / 3);
      expect(better.metricDeltas.find((delta) => delta.name === 'emergencyRecall')?.delta).toBe(0);

      const worse = await runs.compare(second.run.id, first.run.id);
      expect(worse.worsened.map((change) => change.caseId)).toEqual(['en-park']);
      expect(worse.improved).toEqual([]);
      await expect(runs.compare(first.run.id, 'nope')).rejects.toMatchObject({ code: 'not_found' });
    });
  });
});
}
