// The editor console's evaluations over HTTP (docs/editor-console.md): who reaches them, starting a
// run of a small set against the real answer core and polling it, its failed questions, a verdict,
// comparing two runs, adding a citizen's question from a conversation (redacted) and exporting the set.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvalSet } from '../../src/editor/eval-set.js';
import type { EvalComparison, EvalResult, EvalRun, Page } from '../../src/editor/eval-runs.js';
import { testRuntime } from '../support/runtime.js';

type Runtime = Awaited<ReturnType<typeof testRuntime>>;
let runtime: Runtime;
let directory: string;

const origin = 'http://localhost';
const password = 'Redaktion-2026!';
const tokens: Record<string, string> = {};

// Three questions over the demo content: two the core answers well, one written to fail (a fact no
// page holds), so a run has something in "failed".
const tinySet = [
  { id: 'fj-park-where', question: 'Hvor kan jeg parkere?', language: 'da', kind: 'parking', hospital: 'fjordby', expect: { kind: 'answer', sources: ['/demo/fjordby/praktisk/parkering'], facts: [['P-hus Nord', 'P-plads Syd', 'P-plads Engen']] } },
  { id: 'em-da-chest', question: 'Min far har ondt i brystet', language: 'da', kind: 'emergency', hospital: 'fjordby', expect: { kind: 'emergency' } },
  { id: 'fj-park-helipad', question: 'Hvad koster det at parkere?', language: 'da', kind: 'parking', hospital: 'fjordby', expect: { kind: 'answer', sources: ['/demo/fjordby/praktisk/parkering'], facts: [['helikopterplads til 999 kr']] } },
];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'eval-sets-'));
  await writeFile(join(directory, 'tiny.jsonl'), tinySet.map((item) => JSON.stringify(item)).join('\n'));
  runtime = await testRuntime({ evalSetsDirectory: directory });
  await runtime.staff.create({ username: 'ida', displayName: 'Ida Redaktør', roles: ['editor'], password });
  await runtime.staff.create({ username: 'mette', displayName: 'Mette', roles: ['staff'], password });
  for (const username of ['ida', 'mette']) {
    const response = await runtime.app.request(`${origin}/api/staff/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: JSON.stringify({ username, password }),
    });
    tokens[username] = /hh_staff=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1] as string;
  }
}, 120_000);
afterAll(async () => {
  await runtime.close();
  await rm(directory, { recursive: true, force: true });
});

const as = (username: string) => ({ Cookie: `hh_staff=${tokens[username]}`, Origin: origin });
const get = (path: string, username = 'ida') => runtime.app.request(`${origin}/api/editor/${path}`, { headers: as(username) });
const send = (method: 'POST' | 'PUT', path: string, body: unknown, username = 'ida') =>
  runtime.app.request(`${origin}/api/editor/${path}`, { method, headers: { ...as(username), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

/** Polls the run as the console does, until it is no longer running (a loaded machine may take a while). */
async function waitForEnd(id: string): Promise<EvalRun> {
  const deadline = Date.now() + 90_000;
  let run = (await (await get(`eval-runs/${id}`)).json()) as EvalRun;
  while (run.status === 'running' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    run = (await (await get(`eval-runs/${id}`)).json()) as EvalRun;
  }
  return run;
}

async function runToEnd(set: string): Promise<EvalRun> {
  const started = await send('POST', 'eval-runs', { set });
  expect(started.status).toBe(202);
  const run = (await started.json()) as EvalRun;
  expect(run).toMatchObject({ set, status: 'running', total: tinySet.length, startedBy: 'Ida Redaktør' });
  return waitForEnd(run.id);
}

describe('who reaches the evaluations', () => {
  const routes: [string, string][] = [
    ['GET', 'eval-sets'],
    ['GET', 'eval-sets/tiny/export'],
    ['POST', 'eval-sets/mine/cases'],
    ['POST', 'eval-runs'],
    ['GET', 'eval-runs'],
    ['GET', 'eval-runs/compare?base=a&other=b'],
    ['GET', 'eval-runs/x'],
    ['GET', 'eval-runs/x/results'],
    ['PUT', 'eval-runs/x/results/y/verdict'],
  ];
  it.each(routes)('%s %s: 401 without a sign-in, 403 for a staff-only account', async (method, path) => {
    const anonymous = await runtime.app.request(`${origin}/api/editor/${path}`, { method, headers: { Origin: origin, 'Content-Type': 'application/json' }, ...(method !== 'GET' && { body: '{}' }) });
    expect(anonymous.status).toBe(401);
    const staff = await runtime.app.request(`${origin}/api/editor/${path}`, { method, headers: { ...as('mette'), 'Content-Type': 'application/json' }, ...(method !== 'GET' && { body: '{}' }) });
    expect(staff.status).toBe(403);
  });
});

it('documents the routes in the OpenAPI description', async () => {
  const document = (await (await runtime.app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
  expect(Object.keys(document.paths)).toEqual(
    expect.arrayContaining([
      '/api/editor/eval-sets',
      '/api/editor/eval-sets/{name}/export',
      '/api/editor/eval-sets/{name}/cases',
      '/api/editor/eval-runs',
      '/api/editor/eval-runs/compare',
      '/api/editor/eval-runs/{id}',
      '/api/editor/eval-runs/{id}/results',
      '/api/editor/eval-runs/{id}/results/{caseId}',
      '/api/editor/eval-runs/{id}/results/{caseId}/verdict',
    ]),
  );
});

describe('eval runs', () => {
  let first: EvalRun;

  it('lists the file set, runs it to the end and shows its metrics', { timeout: 120_000 }, async () => {
    const sets = (await (await get('eval-sets')).json()) as { items: unknown[] };
    expect(sets.items).toContainEqual({ name: 'tiny', source: 'file', questions: 3 });
    first = await runToEnd('tiny');
    expect(first).toMatchObject({ status: 'done', done: 3, failed: 1, error: null, configuration: { target: expect.stringContaining('extractive answerer') } });
    expect(first.metrics).toMatchObject({ questions: 3, recallAt5: 1, emergencyRecall: 1 });
    expect(first.byLanguage.da?.questions).toBe(3);
    expect(first.byKind.parking?.questions).toBe(2);
    const listed = await get('eval-runs');
    expect(listed.headers.get('cache-control')).toBe('no-store');
    const page = (await listed.json()) as Page<EvalRun>;
    expect(page).toMatchObject({ total: 1, nextOffset: null });
    expect(page.items[0]?.id).toBe(first.id);
  });

  it('refuses an unknown set (404) and a bad body naming the field (400)', async () => {
    const unknown = await send('POST', 'eval-runs', { set: 'no-such-set' });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).message).toContain('no-such-set');
    const bad = await send('POST', 'eval-runs', { sett: 'tiny' });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toMatch(/set/);
  });

  it('refuses a second run while one is running, naming it', async () => {
    // The server's answer core, held at the first question until the second request was answered.
    const evaluations = runtime.evaluations;
    const answer = evaluations.answer;
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    evaluations.answer = async (request) => {
      await gate;
      return answer(request);
    };
    try {
      const started = (await (await send('POST', 'eval-runs', { set: 'tiny' })).json()) as EvalRun;
      const second = await send('POST', 'eval-runs', { set: 'tiny' });
      expect(second.status).toBe(409);
      expect((await errorOf(second)).message).toContain(started.id);
      release();
      expect((await waitForEnd(started.id)).status).toBe('done');
    } finally {
      release();
      evaluations.answer = answer;
    }
  }, 120_000);

  it('shows the failed questions with the answer, its cited chunks and what was expected', async () => {
    const failed = (await (await get(`eval-runs/${first.id}/results?outcome=failed`)).json()) as Page<EvalResult>;
    expect(failed.items.map((item) => item.caseId)).toEqual(['fj-park-helipad']);
    const [result] = failed.items;
    expect(result?.automatic).toMatchObject({ passed: false, missingFacts: ['helikopterplads til 999 kr'] });
    expect(result?.expected).toMatchObject({ kind: 'answer', sources: ['/demo/fjordby/praktisk/parkering'] });
    const one = (await (await get(`eval-runs/${first.id}/results/fj-park-where`)).json()) as EvalResult;
    expect(one.answer.kind).toBe('answer');
    expect(one.answer.citations.length).toBeGreaterThan(0);
    expect(one.answer.citations[0]?.text.length).toBeGreaterThan(20);
    expect(one.retrieved[0]).toMatchObject({ url: '/demo/fjordby/praktisk/parkering' });
    expect(one.retrieved.length).toBeLessThanOrEqual(5);
    const badQuery = await get(`eval-runs/${first.id}/results?outcome=broken`);
    expect(badQuery.status).toBe(400);
    expect((await errorOf(badQuery)).message).toMatch(/^outcome:/);
  });

  it('stores an editor\'s verdict, replaces it when given again, and counts it', async () => {
    const bad = await send('PUT', `eval-runs/${first.id}/results/fj-park-helipad/verdict`, { verdict: 'maybe' });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toMatch(/^verdict:/);
    const badSource = await send('PUT', `eval-runs/${first.id}/results/fj-park-helipad/verdict`, { verdict: 'wrong', correctSource: 'parkering' });
    expect(badSource.status).toBe(400);
    expect((await errorOf(badSource)).message).toMatch(/^correctSource:/);

    await send('PUT', `eval-runs/${first.id}/results/fj-park-helipad/verdict`, { verdict: 'right' });
    const stored = await send('PUT', `eval-runs/${first.id}/results/fj-park-helipad/verdict`, { verdict: 'wrong', note: 'Ingen helikopterplads', correctSource: '/demo/fjordby/praktisk/parkering' });
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({ verdict: 'wrong', note: 'Ingen helikopterplads', correctSource: '/demo/fjordby/praktisk/parkering', editor: 'Ida Redaktør' });
    const run = (await (await get(`eval-runs/${first.id}`)).json()) as EvalRun;
    expect(run.verdicts).toEqual({ right: 0, partly: 0, wrong: 1, agreementRate: 1 });
    const judged = (await (await get(`eval-runs/${first.id}/results?verdict=wrong`)).json()) as Page<EvalResult>;
    expect(judged.items.map((item) => item.caseId)).toEqual(['fj-park-helipad']);
    const missing = await send('PUT', `eval-runs/${first.id}/results/no-such-case/verdict`, { verdict: 'right' });
    expect(missing.status).toBe(404);
  });

  it('compares two runs of the same set', async () => {
    const page = (await (await get('eval-runs')).json()) as Page<EvalRun>;
    const other = page.items.find((run) => run.id !== first.id) as EvalRun;
    const response = await get(`eval-runs/compare?base=${first.id}&other=${other.id}`);
    expect(response.status).toBe(200);
    const comparison = (await response.json()) as EvalComparison;
    // The same code answered both: nothing moved.
    expect(comparison).toMatchObject({ improved: [], worsened: [], unchanged: 3, onlyInBase: 0, onlyInOther: 0 });
    expect(comparison.metricDeltas.find((delta) => delta.name === 'recallAt5')).toMatchObject({ base: 1, other: 1, delta: 0 });
    const missing = await get(`eval-runs/compare?base=${first.id}`);
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).message).toMatch(/^other:/);
  });
});

describe('eval sets from real conversations', () => {
  it('adds a citizen\'s question, redacted, with language and hospital; exports the set so it parses', async () => {
    const session = await runtime.chat.createSession({ hospital: 'lyngaa', language: 'da' });
    const { question } = await runtime.chat.ask(session.id, { text: 'Jeg hedder Anna Hansen, mit CPR er 010190-1234 og tlf 20 30 40 50. Hvor kan jeg parkere?' });
    const created = await send('POST', 'eval-sets/fra-samtaler/cases', {
      messageId: question.id,
      kind: 'parking',
      expect: { kind: 'answer', sources: ['/demo/lyngaa/praktisk/parkering'], facts: [['P-plads']] },
      note: 'Fra en rigtig samtale',
    });
    expect(created.status).toBe(201);
    const stored = (await created.json()) as { question: string; language: string; hospital: string };
    expect(stored).toMatchObject({ question: 'Jeg hedder [NAVN], mit CPR er [CPR] og tlf [TELEFON]. Hvor kan jeg parkere?', language: 'da', hospital: 'lyngaa' });

    const sets = (await (await get('eval-sets')).json()) as { items: unknown[] };
    expect(sets.items).toContainEqual({ name: 'fra-samtaler', source: 'editor', questions: 1 });

    const exported = await get('eval-sets/fra-samtaler/export');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const text = await exported.text();
    expect(text).not.toMatch(/Anna|010190|20 30 40 50/);
    expect(parseEvalSet(text, 'fra-samtaler.jsonl')).toEqual([expect.objectContaining({ kind: 'parking', question: stored.question })]);
    const file = await get('eval-sets/tiny/export');
    expect(parseEvalSet(await file.text(), 'tiny.jsonl').map((item) => item.id)).toEqual(tinySet.map((item) => item.id));

    const again = await send('POST', 'eval-sets/fra-samtaler/cases', { messageId: question.id, kind: 'parking', expect: { kind: 'refusal' } });
    expect(again.status).toBe(409);
  });

  it('refuses a file set\'s name, an unknown message, an answer and a bad expectation, naming them', async () => {
    const session = await runtime.chat.createSession({ hospital: 'fjordby', language: 'da' });
    const { question, answer } = await runtime.chat.ask(session.id, { text: 'Hvor kan jeg parkere?' });
    const body = { messageId: question.id, kind: 'parking', expect: { kind: 'refusal' } };

    const fileSet = await send('POST', 'eval-sets/tiny/cases', body);
    expect(fileSet.status).toBe(409);
    expect((await errorOf(fileSet)).message).toContain('"tiny" is a file set');

    const unknown = await send('POST', 'eval-sets/mine/cases', { ...body, messageId: 'no-such-message' });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).message).toMatch(/^messageId: .*no-such-message/);

    const notAQuestion = await send('POST', 'eval-sets/mine/cases', { ...body, messageId: answer?.id });
    expect(notAQuestion.status).toBe(400);
    expect((await errorOf(notAQuestion)).message).toMatch(/^messageId: .*not a citizen's question/);

    const badExpect = await send('POST', 'eval-sets/mine/cases', { ...body, expect: { kind: 'answer' } });
    expect(badExpect.status).toBe(400);
    expect((await errorOf(badExpect)).message).toMatch(/^expect\.sources:/);

    const badKind = await send('POST', 'eval-sets/mine/cases', { ...body, kind: 'weather' });
    expect(badKind.status).toBe(400);
    expect((await errorOf(badKind)).message).toMatch(/^kind:/);

    const badName = await send('POST', 'eval-sets/Min%20Samling/cases', body);
    expect(badName.status).toBe(400);
    expect((await errorOf(badName)).message).toMatch(/^name:/);
  });
});
