// Runs a set against a target and turns the scores into the report: the JSON written under
// evals/reports/ and the table printed to the terminal. Everything a citizen typed or the bot said
// passes through redactPersonalData before it reaches a report.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redactPersonalData } from '../src/safety/redact.js';
import { evalRequest, type EvalCase } from './eval-set.js';
import { metrics, metricsBy, scoreCase, type Metrics, type Scored, type Thresholds } from './score.js';
import type { EvalTarget } from './target.js';

export async function runEval(cases: readonly EvalCase[], target: Pick<EvalTarget, 'answer'>, onProgress?: (done: number, total: number) => void): Promise<Scored[]> {
  const scored: Scored[] = [];
  for (const item of cases) {
    const got = await target.answer(evalRequest(item));
    scored.push({ item, got, score: scoreCase(item, got) });
    onProgress?.(scored.length, cases.length);
  }
  return scored;
}

export interface Failure {
  id: string;
  language: string;
  kind: string;
  hospital?: string;
  question: string;
  history?: { role: string; text: string }[];
  note?: string;
  expected: EvalCase['expect'];
  got: { kind: string; refusalReason?: string; text: string; citedUrls: string[]; retrievedTop5: string[] };
  missingFacts: string[];
  problems: string[];
}

export interface EvalReport extends Metrics {
  set: string;
  target: string;
  startedAt: string;
  durationMs: number;
  byLanguage: Record<string, Metrics>;
  byKind: Record<string, Metrics>;
  failures: Failure[];
}

export function buildReport(options: { set: string; target: string; startedAt: Date; durationMs: number; scored: readonly Scored[] }): EvalReport {
  const { scored } = options;
  const failures = scored
    .filter(({ score }) => score.problems.length > 0)
    .map(({ item, got, score }): Failure => ({
      id: item.id,
      language: item.language,
      kind: item.kind,
      ...(item.hospital !== undefined && { hospital: item.hospital }),
      question: redactPersonalData(item.question),
      ...(item.history !== undefined && { history: item.history.map((turn) => ({ role: turn.role, text: redactPersonalData(turn.text) })) }),
      ...(item.note !== undefined && { note: item.note }),
      expected: item.expect,
      got: {
        kind: got.kind,
        ...(got.refusalReason !== undefined && { refusalReason: got.refusalReason }),
        text: redactPersonalData(got.text),
        citedUrls: got.citations.map((citation) => citation.url),
        retrievedTop5: score.retrievedUrls,
      },
      missingFacts: score.missingFacts,
      problems: score.problems,
    }));
  return {
    set: options.set,
    target: options.target,
    startedAt: options.startedAt.toISOString(),
    durationMs: options.durationMs,
    ...metrics(scored),
    byLanguage: metricsBy(scored, ({ item }) => item.language),
    byKind: metricsBy(scored, ({ item }) => item.kind),
    failures,
  };
}

/**
 * Writes `latest.json` into `directory`, and `<ISO timestamp>.json` too unless `keepRun` is false
 * (the CI test, which would otherwise leave a file behind on every `npm test`); returns the paths.
 */
export async function writeReport(report: EvalReport, directory: string, options: { keepRun?: boolean } = {}): Promise<string[]> {
  await mkdir(directory, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  // Colons are not allowed in file names on every system a contributor may use.
  const run = join(directory, `${report.startedAt.replace(/:/g, '-')}.json`);
  const paths = [...(options.keepRun === false ? [] : [run]), join(directory, 'latest.json')];
  for (const path of paths) await writeFile(path, json);
  return paths;
}

const columns = ['recallAt5', 'mrr', 'factCoverage', 'citationPrecision', 'refusalAccuracy', 'emergencyRecall', 'falseAlarmRate', 'kindAccuracy'] as const;
const headers = ['R@5', 'MRR', 'facts', 'cite-P', 'refusal', 'emerg', 'false-al', 'kind'];

const cell = (value: number | null) => (value === null ? '–' : value.toFixed(2));

function table(title: string, rows: Record<string, Metrics>): string {
  const width = Math.max(title.length, ...Object.keys(rows).map((name) => name.length)) + 2;
  const line = (name: string, values: string[]) => name.padEnd(width) + values.map((value) => value.padStart(9)).join('');
  return [line(title, ['n', ...headers]), ...Object.entries(rows).map(([name, row]) => line(name, [String(row.questions), ...columns.map((column) => cell(row[column]))]))].join('\n');
}

/** The readable summary printed by `npm run eval`. */
export function formatReport(report: EvalReport, thresholds?: Thresholds, failureLines = 40): string {
  const metricRows = columns.map((name) => {
    const minimum = thresholds?.min[name];
    const maximum = thresholds?.max[name];
    const limit = minimum !== undefined ? `≥ ${minimum}` : maximum !== undefined ? `≤ ${maximum}` : '';
    return `  ${name.padEnd(18)}${cell(report[name]).padStart(6)}   ${limit}`;
  });
  const failures = report.failures.slice(0, failureLines).map((failure) => `  ${failure.id} [${failure.language}] ${failure.problems.join('; ')}${failure.missingFacts.length > 0 ? ` — missing: ${failure.missingFacts.join(' | ')}` : ''}`);
  const more = report.failures.length > failureLines ? [`  … ${report.failures.length - failureLines} more in the JSON report`] : [];
  return [
    `${report.set}: ${report.questions} questions, ${report.target} (${(report.durationMs / 1000).toFixed(1)} s)`,
    '',
    `  metric            value   threshold`,
    ...metricRows,
    '',
    table('language', report.byLanguage),
    '',
    table('kind', report.byKind),
    '',
    `${report.failures.length} questions with a problem:`,
    ...failures,
    ...more,
  ].join('\n');
}
