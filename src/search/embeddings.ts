// The Embeddings port: turns text into dense vectors for semantic search. Adapters wrap a model
// (an OpenAI-compatible API, a local model); the core and the indexes only see this interface.

export interface Embeddings {
  /** Length of every vector this model returns; an index sizes its vector storage from it. */
  dimensions: number;
  /**
   * Names the model, so an index can tell its stored vectors came from another one (same length,
   * incomparable directions) and embed again.
   */
  model?: string;
  /** One vector per text, in the same order. */
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}

/** What a chunk's vector is made from: its title and headings say what the passage is about. */
export const embeddingText = (chunk: { title: string; headingPath: readonly string[]; text: string }): string => [chunk.title, ...chunk.headingPath, chunk.text].join('\n');
