// A deterministic stand-in for an embedding model, for tests: a bag of words where words that mean
// the same thing (in any of the languages below) land on the same dimension, and every other word on
// a dimension picked by its hash. So "Where can I leave the car?" points the way a Danish parking page
// does without sharing a word with it, as a real multilingual model would, and nothing is random.
import type { Embeddings } from '../embeddings.js';

/** Meanings by the beginnings of the words that carry them. */
const meanings: readonly (readonly string[])[] = [
  ['parker', 'p-hus', 'p-plads', 'car', 'auto', 'bil'],
  ['spis', 'mad', 'eat', 'food', 'faste', 'essen'],
  ['bedøv', 'narkose', 'anaesthe', 'anesthe'],
  ['besøg', 'visit', 'besuch'],
  ['søvn', 'sov', 'sleep', 'schlaf'],
];

function hash(word: string): number {
  let value = 0x811c9dc5;
  for (const character of word) value = Math.imul(value ^ (character.codePointAt(0) as number), 0x01000193) >>> 0;
  return value;
}

export class MeaningEmbeddings implements Embeddings {
  /** Every embedDocuments call, with its texts: tests count what was embedded. */
  readonly documentCalls: string[][] = [];
  readonly queries: string[] = [];
  /** When set, embedQuery fails with it (a network error, a 429…) or, for 'hang', never answers. */
  queryFailure: Error | 'hang' | undefined;
  /** When set, embedDocuments fails with it. */
  documentFailure: Error | undefined;

  constructor(
    readonly dimensions = 64,
    readonly model = 'meaning-test-model',
  ) {}

  vector(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0);
    for (const word of text.toLowerCase().match(/[\p{L}\p{N}-]{3,}/gu) ?? []) {
      const meaning = meanings.findIndex((beginnings) => beginnings.some((beginning) => word.startsWith(beginning)));
      const dimension = meaning >= 0 ? meaning : meanings.length + (hash(word) % (this.dimensions - meanings.length));
      vector[dimension] = (vector[dimension] as number) + 1;
    }
    return vector;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    this.documentCalls.push(texts);
    if (this.documentFailure !== undefined) throw this.documentFailure;
    return texts.map((text) => this.vector(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    this.queries.push(text);
    if (this.queryFailure === 'hang') return new Promise(() => undefined);
    if (this.queryFailure !== undefined) throw this.queryFailure;
    return this.vector(text);
  }
}

/** Cosine similarity of two vectors, for tests that state what the fake model thinks is closer. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  const dot = a.reduce((sum, value, position) => sum + value * (b[position] ?? 0), 0);
  return dot / (Math.hypot(...a) * Math.hypot(...b));
}
