// The ChatModel port: turns a question and numbered source passages into an answer body whose
// sentences carry [n] markers. Implementations: the extractive answerer (embedded default) and,
// later, an OpenAI-compatible model.
import type { SupportedLanguage } from '../language/languages.js';
import type { Chunk } from '../search/search-index.js';

export interface Passage {
  /** 1-based number the answer cites as [n]. */
  n: number;
  chunk: Chunk;
}

export interface ChatModelInput {
  question: string;
  language: SupportedLanguage;
  passages: Passage[];
}

export interface ChatModelOutput {
  /** Framing written by the project (not a claim), e.g. "Here is what the hospital's page says:". */
  lead?: string;
  /** Claims, each sentence ending in one or more [n] markers. Verified before anyone sees it. */
  body: string;
}

export interface ChatModel {
  generate(input: ChatModelInput, onDelta?: (delta: string) => void): Promise<ChatModelOutput>;
}
