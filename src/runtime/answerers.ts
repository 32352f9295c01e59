// Which answerer and which embeddings the configuration asks for; shared by the Node and Worker
// shells so both build exactly the same thing. Prompt templates come in as text: the Node shell reads
// prompts/ (src/runtime/prompt-files.ts), the Worker fetches the copy bundled with its assets.
import { OpenAiChatModel, type AnswerPrompts } from '../answer/adapters/openai-chat-model.js';
import type { ChatModel } from '../answer/chat-model.js';
import { ExtractiveAnswerer } from '../answer/extractive-answerer.js';
import { FallbackChatModel } from '../answer/fallback-chat-model.js';
import type { Config } from '../config.js';
import { OpenAiSummaryWriter, type SummaryPrompts } from '../escalation/adapters/openai-summary-writer.js';
import type { SummaryWriter } from '../escalation/summary.js';
import type { Logger } from '../logger.js';
import { OpenAiEmbeddings } from '../search/adapters/openai-embeddings.js';
import type { Embeddings } from '../search/embeddings.js';

export type { AnswerPrompts, SummaryPrompts };

/** The template files under prompts/, by the role they play. */
export const answerPromptFiles: Record<keyof AnswerPrompts, string> = { system: 'answer.system.md', user: 'answer.user.md' };

/** The handoff-summary template files under prompts/, by the role they play. */
export const summaryPromptFiles: Record<keyof SummaryPrompts, string> = { system: 'handoff-summary.system.md', user: 'handoff-summary.user.md' };

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

/**
 * The chat model that writes the staff's handoff summary, when one is configured; undefined means the
 * extractive summary alone. The escalation waits for it, so it gets its own short time limit.
 * @example const summaryWriter = summaryWriterFor(config, usesPrompts(config) ? await readSummaryPrompts() : undefined);
 */
export function summaryWriterFor(config: Config, prompts: SummaryPrompts | undefined): SummaryWriter | undefined {
  if (config.CHAT_MODEL === undefined || config.CHAT_MODEL_URL === undefined) return undefined;
  if (prompts === undefined) throw new Error('CHAT_MODEL is set but the handoff summary templates (prompts/handoff-summary.system.md, prompts/handoff-summary.user.md) were not loaded.');
  return new OpenAiSummaryWriter({
    baseUrl: config.CHAT_MODEL_URL,
    model: config.CHAT_MODEL,
    ...(config.CHAT_MODEL_API_KEY !== undefined && { apiKey: config.CHAT_MODEL_API_KEY }),
    prompts,
    timeoutMs: config.SUMMARY_MODEL_TIMEOUT_MS,
    maxRetries: config.CHAT_MODEL_MAX_RETRIES,
  });
}
