// `npm run eval [-- set.jsonl]`: asks every question of an eval set through the real answer core
// (embedded index over the demo content) and reports how often the kind and the cited page were
// right. A smoke measure for now; the answer-core issue grows it into the full eval runner.
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { silentLogger } from '../src/logger.js';
import { testRuntime } from '../test/support/runtime.js';

const caseSchema = z.object({
  id: z.string(),
  question: z.string().min(1),
  hospital: z.string().optional(),
  expect: z.object({ kind: z.enum(['answer', 'refusal', 'emergency']), url: z.string().optional() }),
});

const file = process.argv[2] ?? new URL('sets/demo-smoke.jsonl', import.meta.url).pathname;
const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
const cases = lines.map((line, index) => {
  const parsed = caseSchema.safeParse(JSON.parse(line));
  if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
});

interface Result {
  id: string;
  expected: z.infer<typeof caseSchema>['expect'];
  got: { kind: string; urls: string[] };
  kindRight: boolean;
  sourceRight: boolean;
}

const runtime = await testRuntime({ logger: silentLogger });
const results: Result[] = [];
for (const item of cases) {
  const answer = await runtime.answers.answer({ text: item.question, ...(item.hospital !== undefined && { hospital: item.hospital }) });
  const kindRight = answer.kind === item.expect.kind;
  const sourceRight = item.expect.url === undefined || answer.citations.some((citation) => citation.url === item.expect.url);
  results.push({ id: item.id, expected: item.expect, got: { kind: answer.kind, urls: answer.citations.map((citation) => citation.url) }, kindRight, sourceRight });
}
await runtime.close();

const count = (predicate: (result: Result) => boolean) => results.filter(predicate).length;
const byKind = ['answer', 'refusal', 'emergency'].map((kind) => {
  const ofKind = results.filter((result) => result.expected.kind === kind);
  return `${kind}: ${ofKind.filter((result) => result.kindRight && result.sourceRight).length}/${ofKind.length}`;
});
const summary = {
  set: file,
  questions: results.length,
  kindCorrect: count((result) => result.kindRight),
  kindAndSourceCorrect: count((result) => result.kindRight && result.sourceRight),
};
process.stdout.write(`${JSON.stringify(summary)}\n${byKind.join('  ')}\n`);
for (const result of results.filter((item) => !(item.kindRight && item.sourceRight))) {
  process.stdout.write(`  miss ${result.id}: expected ${result.expected.kind} ${result.expected.url ?? ''}, got ${result.got.kind} ${result.got.urls[0] ?? ''}\n`);
}
await writeFile(new URL('../data/eval-latest.json', import.meta.url), JSON.stringify({ summary, results }, null, 2)).catch(() => undefined);
