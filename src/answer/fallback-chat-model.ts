// A ChatModel that never fails the chat: when the primary model errs (bad key, rate limit after its
// retries, timeout, network), the fallback answers instead and the failure is logged for operators.
import type { Logger } from '../logger.js';
import type { ChatModel, ChatModelInput, ChatModelOutput } from './chat-model.js';

/** What can be logged about a failure: its kind and status, never its message (it may echo a key or the prompt). */
export function describeModelError(error: unknown): Record<string, unknown> {
  const fields = (error ?? {}) as { name?: unknown; status?: unknown; code?: unknown; lc_error_code?: unknown };
  return {
    name: typeof fields.name === 'string' ? fields.name : typeof error,
    ...(typeof fields.status === 'number' && { status: fields.status }),
    ...(typeof fields.code === 'string' && { code: fields.code }),
    ...(typeof fields.lc_error_code === 'string' && { code: fields.lc_error_code }),
  };
}

/**
 * @example
 * const model = new FallbackChatModel(new OpenAiChatModel(options), new ExtractiveAnswerer(), logger);
 */
export class FallbackChatModel implements ChatModel {
  constructor(
    private readonly primary: ChatModel,
    private readonly fallback: ChatModel,
    private readonly logger: Logger,
  ) {}

  async generate(input: ChatModelInput, onDelta?: (delta: string) => void): Promise<ChatModelOutput> {
    const started = performance.now();
    try {
      return await this.primary.generate(input, onDelta);
    } catch (error) {
      this.logger.error(
        { event: 'chat-model-failed', error: describeModelError(error), ms: Math.round(performance.now() - started), fallback: this.fallback.constructor.name },
        'the chat model failed; answering with the fallback',
      );
      return this.fallback.generate(input, onDelta);
    }
  }
}
