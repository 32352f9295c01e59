// `npm run bench:search`: latency (p50/p95, warm), build time, memory and Recall@5 of the project's
// embedded index and other JavaScript search libraries, on the same generated hospital corpus and
// questions at 1k, 10k and 50k chunks. Each library and size runs in its own child process (with
// --expose-gc), so one library's garbage does not count against the next. Writes
// bench/results/search.json; docs/search-benchmark.md explains the set-up.
//
//   npm run bench:search                        every engine, every size
//   npm run bench:search -- --sizes 1000,10000  some sizes
//   npm run bench:search -- --engines minisearch,flexsearch
//   npm run bench:search -- --dense 384         the project's index with and without 384-d vectors
//                                               (hybrid), at 10k and 50k unless --sizes says otherwise;
//                                               written to bench/results/search-dense.json instead
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { prepareContentDirectory } from '../ingest/pipeline.js';
import type { Chunk } from '../src/search/search-index.js';
import { bankOf, generateCorpus, type BenchQuery, type QueryKind } from './search-corpus.js';
import { engineNamed, engines, hybridEngineName, type EngineName } from './search-engines.js';

const root = fileURLToPath(new URL('../', import.meta.url));
/** Warm repetitions of the whole question set, fewer when an engine is slow (a time budget per run). */
const maxRounds = 40;
const minRounds = 3;
const roundsBudgetMs = 20_000;

interface Latency {
  p50Ms: number;
  p95Ms: number;
  /** CPU time of the search itself: on a shared machine wall time also counts waiting for a core. */
  cpuP95Ms: number;
  queries: number;
}

interface ChildResult {
  engine: string;
  chunks: number;
  buildSeconds: number;
  /** Heap still in use after building (after a full GC), compared with before. */
  memoryMb: number;
  rssDeltaMb: number;
  peakRssMb: number;
  recallAt5: number;
  recallAt5ByKind: Record<QueryKind, number>;
  rounds: number;
  common: Latency;
  rare: Latency;
  typo: Latency;
  compound: Latency;
  overall: Latency;
  p50Ms: number;
  p95Ms: number;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number;
}

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function latency(samples: Sample[]): Latency {
  const wall = samples.map((sample) => sample.wallMs).sort((a, b) => a - b);
  const cpu = samples.map((sample) => sample.cpuMs).sort((a, b) => a - b);
  return { p50Ms: round(percentile(wall, 0.5), 3), p95Ms: round(percentile(wall, 0.95), 3), cpuP95Ms: round(percentile(cpu, 0.95), 3), queries: samples.length };
}

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

async function runChild(engineName: string, corpusFile: string): Promise<void> {
  const { chunks, queries } = JSON.parse(await readFile(corpusFile, 'utf8')) as { chunks: Chunk[]; queries: BenchQuery[] };
  if ((globalThis as { gc?: unknown }).gc === undefined) throw new Error('run the child with --expose-gc');
  const engine = await engineNamed(engineName)();
  collectGarbage();
  const before = process.memoryUsage();
  const started = performance.now();
  await engine.build(chunks);
  const buildSeconds = (performance.now() - started) / 1000;
  collectGarbage();
  const after = process.memoryUsage();

  // Recall@5: a question counts when one of the chunks that answer it is among the first five.
  const found = new Map<BenchQuery, boolean>();
  for (const query of queries) {
    const top = await engine.search(query.text, query.hospital);
    found.set(query, top.some((id) => query.relevant.includes(id)));
  }
  // Warm-up, then rounds of every question in turn until the rounds or the time budget run out.
  for (const query of queries) await engine.search(query.text, query.hospital);
  const samples = new Map<QueryKind, Sample[]>([['common', []], ['rare', []], ['typo', []], ['compound', []]]);
  const measuring = performance.now();
  let rounds = 0;
  while (rounds < maxRounds && (rounds < minRounds || performance.now() - measuring < roundsBudgetMs)) {
    for (const query of queries) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      await engine.search(query.text, query.hospital);
      const wallMs = performance.now() - start;
      const cpu = process.cpuUsage(cpuStart);
      samples.get(query.kind)?.push({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000 });
    }
    rounds += 1;
  }
  const recallOf = (selected: BenchQuery[]) => round(selected.filter((query) => found.get(query)).length / Math.max(1, selected.length), 3);
  const kinds: QueryKind[] = ['common', 'rare', 'typo', 'compound'];
  // "Overall" is what the target is about: common and rare words. Typos and compounds are reported apart.
  const overall = latency([...(samples.get('common') ?? []), ...(samples.get('rare') ?? [])]);
  const result: ChildResult = {
    engine: engineName,
    chunks: chunks.length,
    buildSeconds: round(buildSeconds),
    // `external` already includes `arrayBuffers` (Node's process.memoryUsage docs): typed arrays count once.
    memoryMb: mb(after.heapUsed + after.external - (before.heapUsed + before.external)),
    rssDeltaMb: mb(after.rss - before.rss),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
    recallAt5: recallOf(queries.filter((query) => query.kind === 'common' || query.kind === 'rare')),
    recallAt5ByKind: Object.fromEntries(kinds.map((kind) => [kind, recallOf(queries.filter((query) => query.kind === kind))])) as Record<QueryKind, number>,
    rounds,
    common: latency(samples.get('common') ?? []),
    rare: latency(samples.get('rare') ?? []),
    typo: latency(samples.get('typo') ?? []),
    compound: latency(samples.get('compound') ?? []),
    overall,
    p50Ms: overall.p50Ms,
    p95Ms: overall.p95Ms,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function argument(name: string): string | undefined {
  const position = process.argv.indexOf(`--${name}`);
  return position === -1 ? undefined : process.argv[position + 1];
}

async function runAll(): Promise<void> {
  const dense = argument('dense') === undefined ? undefined : Number(argument('dense'));
  if (dense !== undefined && !(Number.isInteger(dense) && dense > 0)) throw new Error('--dense takes a number of dimensions, e.g. --dense 384');
  const sizes = (argument('sizes') ?? (dense === undefined ? '1000,10000,50000' : '10000,50000')).split(',').map(Number);
  const engineNames: string[] = dense === undefined ? (argument('engines')?.split(',') ?? Object.keys(engines)) : ['project (embedded BM25)' satisfies EngineName, hybridEngineName(dense)];
  for (const name of engineNames) engineNamed(name);
  const bank = bankOf((await prepareContentDirectory(join(root, 'ingest/demo'))).flatMap((source) => source.chunks));
  if (bank.sentences.length < 100) throw new Error('the demo content (ingest/demo) is missing: the corpus is made from its sentences');
  const directory = await mkdtemp(join(tmpdir(), 'bench-search-'));
  const run = promisify(execFile);
  const results: Record<string, Record<string, ChildResult>> = {};
  const loadBefore = loadavg().map((value) => round(value));
  try {
    for (const size of sizes) {
      const corpus = generateCorpus(size, bank);
      const corpusFile = join(directory, `corpus-${size}.json`);
      await writeFile(corpusFile, JSON.stringify(corpus));
      for (const name of engineNames) {
        process.stderr.write(`${name} at ${size} chunks… `);
        const { stdout } = await run(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', name, corpusFile], {
          cwd: root,
          maxBuffer: 16 * 1024 * 1024,
        });
        const result = JSON.parse(stdout.trim().split('\n').at(-1) as string) as ChildResult;
        (results[name] ??= {})[String(size)] = result;
        process.stderr.write(`p95 ${result.p95Ms} ms (common ${result.common.p95Ms}, rare ${result.rare.p95Ms}; CPU common ${result.common.cpuP95Ms}), recall@5 ${result.recallAt5}, build ${result.buildSeconds} s, ${result.memoryMb} MB\n`);
      }
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
  const project = Object.keys(results).find((name) => name.startsWith('project ('));
  const atFiftyThousand = project === undefined ? undefined : results[project]?.['50000'];
  const output = {
    ...(atFiftyThousand !== undefined && { p95MsAt50k: Math.max(atFiftyThousand.common.p95Ms, atFiftyThousand.rare.p95Ms) }),
    projectIndex: project,
    targetP95Ms: 10,
    measuredAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: loadavg().map((value) => round(value)) },
    libraries: results,
  };
  // A dense run never replaces the library comparison: it has a file of its own.
  const file = fileURLToPath(new URL(dense === undefined ? 'results/search.json' : 'results/search-dense.json', import.meta.url));
  await mkdir(join(file, '..'), { recursive: true });
  // A partial run (some engines or sizes) adds to the stored results instead of replacing them.
  const previous = await readFile(file, 'utf8').then((text) => JSON.parse(text) as typeof output, () => undefined);
  const merged = previous === undefined || dense !== undefined || (argument('sizes') === undefined && argument('engines') === undefined)
    ? output
    : { ...previous, ...output, p95MsAt50k: output.p95MsAt50k ?? previous.p95MsAt50k, libraries: mergeLibraries(previous.libraries, results) };
  await writeFile(file, `${JSON.stringify(merged, null, 2)}\n`);
  process.stdout.write(`${table(merged.libraries)}\nWritten to ${file}\n`);
}

function mergeLibraries(previous: Record<string, Record<string, ChildResult>>, current: Record<string, Record<string, ChildResult>>) {
  const merged = { ...previous };
  for (const [name, bySize] of Object.entries(current)) merged[name] = { ...merged[name], ...bySize };
  return merged;
}

/** The Markdown table docs/search-benchmark.md shows. */
function table(libraries: Record<string, Record<string, ChildResult>>): string {
  const lines = [
    '| Library | Chunks | p50 common | p95 common | p50 rare | p95 rare | p95 typo | p95 compound | p95 CPU common / rare | Recall@5 (common+rare / typo / compound) | Build | Heap |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|',
  ];
  for (const [name, bySize] of Object.entries(libraries)) {
    for (const [size, result] of Object.entries(bySize)) {
      lines.push(
        `| ${name} | ${Number(size).toLocaleString('en')} | ${result.common.p50Ms} ms | ${result.common.p95Ms} ms | ${result.rare.p50Ms} ms | ${result.rare.p95Ms} ms | ${result.typo.p95Ms} ms | ${result.compound.p95Ms} ms | ${result.common.cpuP95Ms} / ${result.rare.cpuP95Ms} ms | ${result.recallAt5} / ${result.recallAt5ByKind.typo} / ${result.recallAt5ByKind.compound} | ${result.buildSeconds} s | ${result.memoryMb} MB |`,
      );
    }
  }
  return lines.join('\n');
}

if (process.argv.includes('--child')) {
  const position = process.argv.indexOf('--child');
  await runChild(process.argv[position + 1] as string, process.argv[position + 2] as string);
} else {
  await runAll();
}
