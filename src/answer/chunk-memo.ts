// Analysis of a passage kept across questions: a passage is retrieved for many questions, and its
// stemmed terms and sentences stay the same until the chunk changes.
import type { Chunk } from '../search/search-index.js';

interface Remembered<T> {
  title: string;
  headingPath: readonly string[];
  text: string;
  value: T;
}

const sameStrings = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, index) => value === b[index]);

/**
 * `analyse`, remembered per version of a chunk (its id and content hash). The words it was analysed
 * from are compared too, so a chunk edited without a new hash is analysed again, never served stale.
 * Bounded: a large site has many chunks.
 */
export function perChunk<T>(analyse: (chunk: Chunk) => T, limit = 20_000): (chunk: Chunk) => T {
  const memory = new Map<string, Remembered<T>>();
  return (chunk) => {
    const key = `${chunk.id}:${chunk.contentHash}`;
    const remembered = memory.get(key);
    if (remembered !== undefined && remembered.text === chunk.text && remembered.title === chunk.title && sameStrings(remembered.headingPath, chunk.headingPath)) {
      return remembered.value;
    }
    if (memory.size >= limit) memory.clear();
    const value = analyse(chunk);
    memory.set(key, { title: chunk.title, headingPath: [...chunk.headingPath], text: chunk.text, value });
    return value;
  };
}
