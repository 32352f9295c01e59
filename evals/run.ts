// `npm run eval [-- --set path/to/set.jsonl] [--check]`: asks every question of a set through the
// answer core (evalTarget), prints the metrics per language and kind and the questions that failed,
// and writes the report to evals/reports/<timestamp>.json and evals/reports/latest.json.
// With --check it exits with code 1 when a metric is outside evals/thresholds.json.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readEvalSet } from './eval-set.js';
import { buildReport, formatReport, runEval, writeReport } from './report.js';
import { thresholdViolations, type Thresholds } from './score.js';
import { evalTarget } from './target.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const { values } = parseArgs({
  options: {
    set: { type: 'string', default: here('sets/demo.jsonl') },
    check: { type: 'boolean', default: false },
    thresholds: { type: 'string', default: here('thresholds.json') },
    reports: { type: 'string', default: here('reports') },
  },
});

const cases = await readEvalSet(values.set);
const thresholds = JSON.parse(await readFile(values.thresholds, 'utf8')) as Thresholds;
const target = await evalTarget(process.env);
const startedAt = new Date();
const scored = await runEval(cases, target);
const report = buildReport({ set: values.set, target: target.description, startedAt, durationMs: Date.now() - startedAt.getTime(), scored });
const written = await writeReport(report, values.reports);
process.stdout.write(`${formatReport(report, thresholds)}\n\nReport: ${written.join(', ')}\n`);

if (values.check) {
  const violations = thresholdViolations(report, thresholds);
  if (violations.length > 0) {
    process.stderr.write(`\nThresholds not met (${values.thresholds}):\n${violations.map((line) => `  ${line}`).join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write('All metrics meet their thresholds.\n');
  }
}
