// The Embeddings port: turns text into dense vectors for semantic search. Adapters wrap a model
// (an OpenAI-compatible API, a local model); the core and the indexes only see this interface.

export interface Embeddings {
  /** Length of every vector this model returns; an index sizes its vector storage from it. */
  dimensions: number;
  /** One vector per text, in the same order. */
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}
