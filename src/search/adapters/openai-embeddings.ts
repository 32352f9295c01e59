// Embeddings from any OpenAI-compatible /embeddings endpoint (OpenAI, Azure OpenAI's v1 endpoint,
// vLLM, Ollama) through LangChain's OpenAIEmbeddings. A citizen's query is redacted before it leaves
// the process: CPR numbers, phone numbers and e-mail addresses are never sent to the embedding model.
import type { OpenAIEmbeddings } from '@langchain/openai';
import { redactPersonalData } from '../../safety/redact.js';
import type { Embeddings } from '../embeddings.js';

export interface OpenAiEmbeddingsOptions {
  /** OpenAI-compatible base URL, e.g. https://api.openai.com/v1. */
  baseUrl: string;
  /** Model (Azure: deployment) name, e.g. text-embedding-3-small. */
  model: string;
  apiKey?: string;
  /** Length of every vector; sent as `dimensions` (text-embedding-3 models shorten to it) and checked on every answer. */
  dimensions: number;
  /** Texts per request. */
  batchSize?: number;
  timeoutMs?: number;
  maxRetries?: number;
}

/** The endpoint answered with vectors of another length than configured: the index cannot store them. */
export class EmbeddingDimensionsError extends Error {
  override name = 'EmbeddingDimensionsError';
}

/**
 * @example
 * const embeddings = new OpenAiEmbeddings({ baseUrl: 'https://api.openai.com/v1', model: 'text-embedding-3-small', dimensions: 512, apiKey });
 * const index = new QdrantSearchIndex({ url, collection, embeddings });
 */
export class OpenAiEmbeddings implements Embeddings {
  readonly dimensions: number;
  readonly model: string;
  /** Loaded when an embedding model is configured, not by importing this module (see OpenAiChatModel). */
  private readonly client: Promise<OpenAIEmbeddings>;

  constructor(options: OpenAiEmbeddingsOptions) {
    this.dimensions = options.dimensions;
    this.model = options.model;
    this.client = import('@langchain/openai').then(({ OpenAIEmbeddings }) => new OpenAIEmbeddings({
      model: options.model,
      apiKey: options.apiKey ?? 'none',
      dimensions: options.dimensions,
      // The client asks for base64 unless told otherwise, and some compatible servers only send floats.
      encodingFormat: 'float',
      batchSize: options.batchSize ?? 128,
      timeout: options.timeoutMs ?? 30_000,
      maxRetries: options.maxRetries ?? 3,
      configuration: { baseURL: options.baseUrl },
    }));
    // Awaited by the embed methods; a failed load must not count as an unhandled rejection before that.
    this.client.catch(() => undefined);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    if (texts.length === 0) return [];
    const vectors = await (await this.client).embedDocuments(texts);
    if (vectors.length !== texts.length) throw new Error(`The embedding endpoint returned ${vectors.length} vectors for ${texts.length} texts.`);
    return vectors.map((vector) => this.checked(vector));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.checked(await (await this.client).embedQuery(redactPersonalData(text)));
  }

  private checked(vector: number[] | undefined): number[] {
    if (vector === undefined || vector.length !== this.dimensions) {
      throw new EmbeddingDimensionsError(`The embedding model returned vectors of length ${vector?.length ?? 0}, but ${this.dimensions} dimensions are configured.`);
    }
    return vector;
  }
}
