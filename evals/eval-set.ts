// The eval set format lives in the core (src/editor/eval-set.ts), shared with the server's stored
// runs; this adds reading a set from a file.
import { readFile } from 'node:fs/promises';
import { parseEvalSet, type EvalCase } from '../src/editor/eval-set.js';

export { evalCaseSchema, evalRequest, expectSchema, formatEvalSet, parseEvalSet, questionKinds, type EvalCase } from '../src/editor/eval-set.js';

export async function readEvalSet(file: string): Promise<EvalCase[]> {
  return parseEvalSet(await readFile(file, 'utf8'), file);
}
