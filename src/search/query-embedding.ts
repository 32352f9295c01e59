// The dense half of a hybrid search is optional: when the query cannot be embedded (the model is
// down, rate-limited or slow), the index answers from its lexical half and says so, so a citizen's
// question never fails for it.
import type { Embeddings } from './embeddings.js';

/** Why a search ran lexical only. */
export interface QueryEmbeddingFailure {
  error: Error;
}

export interface QueryEmbeddingOptions {
  /** Longest a search waits for the query vector before going on without it. */
  timeoutMs: number;
  /** Told each time a search falls back to lexical only. */
  onFailure?: (failure: QueryEmbeddingFailure) => void;
}

/** Default wait for a query vector: a citizen waits for the answer, and lexical search alone is good. */
export const defaultQueryEmbeddingTimeoutMs = 3000;

export class QueryEmbeddingError extends Error {
  override name = 'QueryEmbeddingError';
}

/**
 * The query's vector, or undefined (after telling `onFailure`) when the model fails, times out or
 * answers with a vector of the wrong length.
 * @example const vector = await embedQueryOrNothing(embeddings, 'Hvor kan jeg parkere?', { timeoutMs: 3000, onFailure: log });
 */
export async function embedQueryOrNothing(embeddings: Embeddings, text: string, options: QueryEmbeddingOptions): Promise<number[] | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueryEmbeddingError(`the query embedding took longer than ${options.timeoutMs} ms`)), options.timeoutMs);
  });
  try {
    const vector = await Promise.race([embeddings.embedQuery(text), timeout]);
    if (vector.length !== embeddings.dimensions) throw new QueryEmbeddingError(`the query embedding has ${vector.length} dimensions, ${embeddings.dimensions} expected`);
    return vector;
  } catch (error) {
    options.onFailure?.({ error: error instanceof Error ? error : new Error(String(error)) });
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}
