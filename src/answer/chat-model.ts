// The ChatModel port: turns a question and numbered source passages into an answer body whose
// sentences carry [n] markers. Implementations: the extractive answerer (embedded default) and an
// OpenAI-compatible model (src/answer/adapters/openai-chat-model.ts).
import type { SupportedLanguage } from '../language/languages.js';
import type { Chunk } from '../search/search-index.js';

export interface Passage {
  /** 1-based number the answer cites as [n]. */
  n: number;
  chunk: Chunk;
}

/** An earlier turn of the same conversation, oldest first, so follow-up questions can be resolved. */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  text: string;
}

export interface ChatModelInput {
  question: string;
  language: SupportedLanguage;
  passages: Passage[];
  /** Earlier turns, oldest first, as the citizen and the bot wrote them (not yet redacted). */
  history?: readonly ConversationTurn[];
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
