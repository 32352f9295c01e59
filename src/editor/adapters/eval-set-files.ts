// Reads the file eval sets (evals/sets/*.jsonl by default) at start-up. A set with a bad line is left
// out and named in `problems`, so a typo in a question set never stops the server.
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseEvalSet, type EvalCase } from '../eval-set.js';
import { evalSetNamePattern } from '../eval-sets.js';

export async function readEvalSetDirectory(directory: string): Promise<{ sets: Map<string, EvalCase[]>; problems: string[] }> {
  const sets = new Map<string, EvalCase[]>();
  const problems: string[] = [];
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith('.jsonl')).sort();
  } catch (error) {
    // A deployment without the repository's evals/ folder simply has no file sets.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sets, problems };
    throw error;
  }
  for (const file of names) {
    const name = basename(file, '.jsonl');
    if (!evalSetNamePattern.test(name)) {
      problems.push(`${join(directory, file)}: the set name "${name}" must be lower-case letters, digits and hyphens`);
      continue;
    }
    try {
      sets.set(name, parseEvalSet(await readFile(join(directory, file), 'utf8'), join(directory, file)));
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { sets, problems };
}
