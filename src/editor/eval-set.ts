// The format of an eval set (JSON Lines, one question per line): its schema, parser and writer, shared
// by `npm run eval` (evals/) and the editor console's stored runs. A bad line stops the run with a
// message naming the file, the line and the field, so a typo in a set is never scored.
import { z } from 'zod';
import type { AnswerRequest } from '../answer/answer-service.js';
import { supportedLanguages } from '../language/languages.js';

export const questionKinds = [
  'parking',
  'transport',
  'wayfinding',
  'visiting',
  'contact',
  'facilities',
  'patient-info',
  'follow-up',
  'out-of-scope',
  'medical-advice',
  'emergency',
  'injection',
] as const;

const turnSchema = z.object({ role: z.enum(['user', 'assistant']), text: z.string().min(1) });

/** What a correct reply to the question is. */
export const expectSchema = z
  .object({
    kind: z.enum(['answer', 'refusal', 'emergency']),
    /** Pages a correct answer may rest on; any one of them counts. */
    sources: z.array(z.string().startsWith('/')).min(1).optional(),
    /** Each inner array is one fact; any of its alternatives in the answer text counts. */
    facts: z.array(z.array(z.string().min(1)).min(1)).min(1).optional(),
    refusalReason: z.enum(['no-source', 'low-confidence', 'unsupported', 'medical-advice']).optional(),
  })
  .strict()
  .superRefine((expect, context) => {
    if (expect.kind === 'answer' && expect.sources === undefined) context.addIssue({ code: 'custom', path: ['sources'], message: 'an expected answer needs the pages it rests on' });
    if (expect.kind !== 'answer' && (expect.sources !== undefined || expect.facts !== undefined))
      context.addIssue({ code: 'custom', path: ['kind'], message: 'sources and facts belong to expected answers only' });
    if (expect.kind !== 'refusal' && expect.refusalReason !== undefined) context.addIssue({ code: 'custom', path: ['refusalReason'], message: 'only a refusal has a reason' });
  });

export const evalCaseSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens'),
    question: z.string().min(1),
    language: z.enum(supportedLanguages),
    kind: z.enum(questionKinds),
    hospital: z.string().min(1).optional(),
    history: z.array(turnSchema).min(1).optional(),
    expect: expectSchema,
    note: z.string().optional(),
  })
  .strict();

export type EvalCase = z.infer<typeof evalCaseSchema>;

/** Parses a set's text; `file` only names the source in error messages. */
export function parseEvalSet(text: string, file: string): EvalCase[] {
  const cases: EvalCase[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `${file}:${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = evalCaseSchema.safeParse(json);
    if (!parsed.success) {
      throw new Error(`${where}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`).join('; ')}`);
    }
    const earlier = seen.get(parsed.data.id);
    if (earlier !== undefined) throw new Error(`${where}: id: "${parsed.data.id}" is already used on line ${earlier}`);
    seen.set(parsed.data.id, index + 1);
    cases.push(parsed.data);
  }
  return cases;
}

/** A set as JSON Lines, one case per line in the set format, so parseEvalSet reads it back. */
export function formatEvalSet(cases: readonly EvalCase[]): string {
  return cases.map((item) => `${JSON.stringify(item)}\n`).join('');
}

/** What the answer core is asked for a case: the question, the hospital of the page and earlier turns (not the language: it is detected, as in the chat). */
export function evalRequest(item: EvalCase): AnswerRequest {
  return {
    text: item.question,
    ...(item.hospital !== undefined && { hospital: item.hospital }),
    ...(item.history !== undefined && { history: item.history }),
  };
}
