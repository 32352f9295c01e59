// BM25 as a sparse vector, from the project's own Danish analyzer: the document side carries the
// term-frequency saturation, Qdrant's `idf` modifier supplies the inverse document frequency from the
// collection at query time, so the dot product of query and document is the BM25 score.
import { contentTerms } from '../analysis.js';
import type { Chunk } from '../search-index.js';

export interface SparseVector {
  indices: number[];
  values: number[];
}

export interface Bm25Parameters {
  k1: number;
  b: number;
  /**
   * Average weighted term count of a chunk. Fixed rather than measured, so a chunk's vector does not
   * depend on the rest of the corpus and unchanged chunks can be copied as they are (FastEmbed's BM25
   * for Qdrant does the same with its `avg_len`). Chunks are at most ~1,100 characters, about 100
   * content terms once stopwords are gone.
   */
  averageLength: number;
}

export const defaultBm25: Bm25Parameters = { k1: 1.2, b: 0.75, averageLength: 100 };

// The same weights the embedded index gives these fields, so both rank a page's title alike.
const titleWeight = 2;
const headingWeight = 1.5;

/**
 * The stemmer leaves a final linking or genitive "s" on some stems and not on others
 * ("parkeringsplads" stays, "parkeringspladserne" becomes "parkeringsplad"); the embedded index
 * hides this by prefix matching, which a sparse vector cannot do, so the "s" is folded away here.
 */
export function sparseTerm(stem: string): string {
  return stem.length > 5 && stem.endsWith('s') && !stem.endsWith('ss') ? stem.slice(0, -1) : stem;
}

/** FNV-1a over the UTF-8 bytes: a stable unsigned 32-bit id per term, as Qdrant's sparse indices are. */
export function termIndex(term: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(term)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function toSparse(weights: Map<number, number>, value: (weight: number) => number): SparseVector {
  const indices = [...weights.keys()].sort((a, b) => a - b);
  return { indices, values: indices.map((index) => value(weights.get(index) as number)) };
}

/** The document side: each term's weighted frequency, saturated by BM25's k1 and length norm. */
export function documentVector(chunk: Chunk, parameters: Bm25Parameters = defaultBm25): SparseVector {
  const weights = new Map<number, number>();
  let length = 0;
  const add = (text: string, weight: number) => {
    for (const term of contentTerms(text)) {
      const index = termIndex(sparseTerm(term));
      weights.set(index, (weights.get(index) ?? 0) + weight);
      length += weight;
    }
  };
  add(chunk.title, titleWeight);
  // The heading path usually starts with the title again; only the headings below it add anything.
  add(chunk.headingPath.filter((heading) => heading !== chunk.title).join(' '), headingWeight);
  add(chunk.text, 1);
  const { k1, b, averageLength } = parameters;
  const norm = k1 * (1 - b + (b * length) / averageLength);
  return toSparse(weights, (frequency) => (frequency * (k1 + 1)) / (frequency + norm));
}

/** The query side: every distinct term once, weight 1; Qdrant multiplies in the IDF. */
export function queryVector(text: string): SparseVector {
  return toSparse(new Map(contentTerms(text).map((term) => [termIndex(sparseTerm(term)), 1])), () => 1);
}
