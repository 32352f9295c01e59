// CI for answer quality: the whole demo set through the embedded default, scored, checked against
// evals/thresholds.json, so `npm test` fails when a change makes answers worse. Also writes
// evals/reports/latest.json for CI to keep, and checks that the set itself stays honest: every
// expected fact is written on one of its expected pages.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareContentDirectory } from '../ingest/pipeline.js';
import { demoContentDirectory } from '../test/support/runtime.js';
import { readEvalSet, type EvalCase } from './eval-set.js';
import { buildReport, runEval, writeReport, type EvalReport } from './report.js';
import { normaliseForFacts, thresholdViolations, type Thresholds } from './score.js';
import { evalTarget } from './target.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

let cases: EvalCase[];
let report: EvalReport;
let written: string;

beforeAll(async () => {
  cases = await readEvalSet(here('sets/demo.jsonl'));
  const target = await evalTarget();
  const startedAt = new Date();
  const scored = await runEval(cases, target);
  report = buildReport({ set: 'evals/sets/demo.jsonl', target: target.description, startedAt, durationMs: Date.now() - startedAt.getTime(), scored });
  await writeReport(report, here('reports'), { keepRun: false });
  written = await readFile(here('reports/latest.json'), 'utf8');
});

describe('the demo eval set on the embedded default', () => {
  it('meets every threshold in evals/thresholds.json', async () => {
    const thresholds = JSON.parse(await readFile(here('thresholds.json'), 'utf8')) as Thresholds;
    expect(thresholdViolations(report, thresholds)).toEqual([]);
  });

  it('writes latest.json with the top-level figures CI reads', () => {
    const latest = JSON.parse(written) as Record<string, unknown>;
    for (const name of ['recallAt5', 'mrr', 'factCoverage', 'citationPrecision', 'refusalAccuracy', 'emergencyRecall', 'falseAlarmRate']) {
      expect(latest[name], name).toBeTypeOf('number');
      expect(latest[name] as number).toBeGreaterThanOrEqual(0);
      expect(latest[name] as number).toBeLessThanOrEqual(1);
    }
    expect(Object.keys(latest.byLanguage as object).sort()).toEqual(['ar', 'da', 'de', 'en', 'uk']);
  });

  it('never writes a CPR number a citizen typed into the report', () => {
    expect(cases.some((item) => item.question.includes('010190-1234'))).toBe(true);
    expect(written).not.toContain('010190-1234');
  });
});

describe('the demo eval set itself', () => {
  it('covers what the issue asks for', () => {
    const count = (predicate: (item: EvalCase) => boolean) => cases.filter(predicate).length;
    expect(cases.length).toBeGreaterThanOrEqual(220);
    for (const language of ['en', 'de', 'ar', 'uk'] as const) expect(count((item) => item.language === language), language).toBeGreaterThanOrEqual(12);
    expect(count((item) => item.expect.kind === 'emergency')).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.filter((item) => item.expect.kind === 'emergency').map((item) => item.language)).size).toBe(5);
    expect(count((item) => item.kind === 'injection')).toBeGreaterThanOrEqual(10);
    expect(count((item) => item.history !== undefined)).toBeGreaterThanOrEqual(10);
    expect(count((item) => item.expect.refusalReason === 'medical-advice')).toBeGreaterThanOrEqual(10);
    for (const hospital of ['fjordby', 'lyngaa', 'havnekobing']) expect(count((item) => (item.expect.sources ?? []).some((url) => url.startsWith(`/demo/${hospital}/`))), hospital).toBeGreaterThanOrEqual(30);
  });

  it('expects only facts that are written on one of the expected pages', async () => {
    const pages = new Map<string, string>();
    for (const source of await prepareContentDirectory(demoContentDirectory))
      for (const chunk of source.chunks) pages.set(chunk.url, `${pages.get(chunk.url) ?? ''}\n${chunk.title}\n${chunk.headingPath.join('\n')}\n${chunk.text}`);
    const unsupported: string[] = [];
    for (const item of cases) {
      const texts = (item.expect.sources ?? []).map((url) => {
        if (!pages.has(url)) unsupported.push(`${item.id}: no page ${url}`);
        return normaliseForFacts(pages.get(url) ?? '');
      });
      for (const alternative of (item.expect.facts ?? []).flat())
        if (!texts.some((text) => text.includes(normaliseForFacts(alternative)))) unsupported.push(`${item.id}: "${alternative}"`);
    }
    expect(unsupported).toEqual([]);
  });
});
