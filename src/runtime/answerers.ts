// Which answerer and which embeddings the configuration asks for; shared by the Node and Worker
// shells so both build exactly the same thing. Prompt templates come in as text: the Node shell reads
// prompts/ (src/runtime/prompt-files.ts), the Worker fetches the copy bundled with its assets.
import { OpenAiChatModel, type AnswerPrompts } from '../answer/adapters/openai-chat-model.js';
import type { ChatModel } from '../answer/chat-model.js';
import { ExtractiveAnswerer } from '../answer/extractive-answerer.js';
import { FallbackChatModel } from '../answer/fallback-chat-model.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { OpenAiEmbeddings } from '../search/adapters/openai-embeddings.js';
import type { Embeddings } from '../search/embeddings.js';

export type { AnswerPrompts };

/** The template files under prompts/, by the role they play. */
export const answerPromptFiles: Record<keyof AnswerPrompts, string> = { system: 'answer.system.md', user: 'answer.user.md' };

/** Whether the configured answerer needs the prompt templates (the extractive one does not). */
export const usesPrompts = (config: Config): boolean => config.CHAT_MODEL !== undefined;

/**
 * The configured answerer: the extractive answerer, or the chat model with the extractive answerer
 * as its fallback when the model fails.
 * @example const model = chatModelFor(config, usesPrompts(config) ? await readAnswerPrompts() : undefined, logger);
 */
export function chatModelFor(config: Config, prompts: AnswerPrompts | undefined, logger: Logger): ChatModel {
  const extractive = new ExtractiveAnswerer();
  if (config.CHAT_MODEL === undefined || config.CHAT_MODEL_URL === undefined) return extractive;
  if (prompts === undefined) throw new Error('CHAT_MODEL is set but the prompt templates (prompts/answer.system.md, prompts/answer.user.md) were not loaded.');
  const model = new OpenAiChatModel({
    baseUrl: config.CHAT_MODEL_URL,
    model: config.CHAT_MODEL,
    ...(config.CHAT_MODEL_API_KEY !== undefined && { apiKey: config.CHAT_MODEL_API_KEY }),
    prompts,
    timeoutMs: config.CHAT_MODEL_TIMEOUT_MS,
    maxRetries: config.CHAT_MODEL_MAX_RETRIES,
  });
  return new FallbackChatModel(model, extractive, logger);
}

/** Dense embeddings for either search index (hybrid search), when an embedding model is configured. */
export function embeddingsFor(config: Config): Embeddings | undefined {
  if (config.EMBEDDING_MODEL === undefined || config.EMBEDDING_MODEL_URL === undefined || config.EMBEDDING_DIMENSIONS === undefined) return undefined;
  return new OpenAiEmbeddings({
    baseUrl: config.EMBEDDING_MODEL_URL,
    model: config.EMBEDDING_MODEL,
    dimensions: config.EMBEDDING_DIMENSIONS,
    ...(config.EMBEDDING_MODEL_API_KEY !== undefined && { apiKey: config.EMBEDDING_MODEL_API_KEY }),
  });
}
