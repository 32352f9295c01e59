// What an operator sees during and after `npm run ingest`: a live bar on a terminal (plain progress
// lines in CI logs and pipes), then one summary row per source and every problem by name.
import cliProgress from 'cli-progress';
import type { ItemProblem, RunProgress, SourceReport } from './pipeline.js';

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export class ProgressDisplay implements RunProgress {
  private bar: cliProgress.SingleBar | null = null;
  private done = 0;
  private total: number | undefined;
  private source = '';
  private started = 0;
  private lastLine = 0;
  private failed = 0;

  constructor(private readonly output: Output) {}

  begin(sourceLabel: string, total: number | undefined): void {
    this.source = sourceLabel;
    this.total = total;
    this.done = 0;
    this.failed = 0;
    this.started = performance.now();
    this.lastLine = 0;
    if (this.output.isTTY === true && total !== undefined && total > 1) {
      this.bar = new cliProgress.SingleBar(
        {
          stream: this.output as NodeJS.WritableStream,
          format: '{source} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | failed {failed}',
          hideCursor: true,
          clearOnComplete: false,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      this.bar.start(total, 0, { source: sourceLabel, rate: '0', failed: 0 });
    }
  }

  advance(): void {
    this.done += 1;
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? (this.done / seconds).toFixed(1) : '0';
    if (this.bar !== null) {
      this.bar.update(this.done, { rate, failed: this.failed });
      return;
    }
    // Plain lines: one every 5 seconds at most, so a log stays readable.
    if (performance.now() - this.lastLine >= 5000 && this.total !== undefined && this.total > 1) {
      this.lastLine = performance.now();
      this.output.write(`${this.source}: ${this.done}/${this.total} (${rate}/s)\n`);
    }
  }

  problem(problem: ItemProblem): void {
    this.failed += 1;
    if (this.bar === null) this.output.write(`  failed: ${problem.item}: ${problem.reason}\n`);
  }

  end(): void {
    if (this.bar !== null) {
      this.bar.stop();
      this.bar = null;
    } else if (this.total !== undefined && this.total > 1) {
      const seconds = (performance.now() - this.started) / 1000;
      this.output.write(`${this.source}: ${this.done}/${this.total} in ${seconds.toFixed(1)} s\n`);
    }
  }
}

/** The closing table: one row per source, then every problem, duplicate and skipped page by name. */
export function summaryTable(reports: readonly SourceReport[], options: { dryRun: boolean }): string {
  const header = ['source', 'added', 'changed', 'removed', 'unchanged', 'failed'];
  const rows = reports.map((report) => [
    report.sourceId,
    String(report.added),
    String(report.changed),
    String(report.removed),
    String(report.unchanged + report.kept),
    String(report.failed),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] as number) : cell.padStart(widths[column] as number))).join('  ');
  const lines = [
    options.dryRun ? 'Dry run: nothing was written. This run would change:' : 'Summary:',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
  ];
  for (const report of reports) {
    const notes: string[] = [];
    if (report.notModified > 0) notes.push(`${report.notModified} pages not modified since the last run`);
    if (report.kept > 0) notes.push(`${report.kept} chunks kept for pages that failed or were not modified`);
    if (notes.length > 0) lines.push(`${report.sourceId}: ${notes.join('; ')}`);
    for (const problem of report.problems) lines.push(`  failed   ${problem.item}: ${problem.reason}`);
    for (const duplicate of report.collapsed) lines.push(`  merged   ${duplicate.url} into ${duplicate.canonical} (${duplicate.why})`);
    for (const skipped of report.skipped) lines.push(`  skipped  ${skipped.item}: ${skipped.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
