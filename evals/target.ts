// The answer core an evaluation asks, built from configuration as the server builds it: the
// answerer the environment configures (the extractive one by default, an OpenAI-compatible model
// when CHAT_MODEL is set), the configured numbers and settings, over the demo content (the eval
// sets are written for it) in the embedded index. The CI test passes an empty environment: the
// embedded default.
import { readHospitalNames } from '../ingest/pipeline.js';
import { AnswerService, type Answer, type AnswerRequest } from '../src/answer/answer-service.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { answerSettings, evaluationConfiguration } from '../src/runtime/answer-settings.js';
import { chatModelFor, usesPrompts } from '../src/runtime/answerers.js';
import { readAnswerPrompts } from '../src/runtime/prompt-files.js';
import { demoContentDirectory, demoIndex } from '../test/support/runtime.js';

export interface EvalTarget {
  /** Says what was evaluated, for the report. */
  description: string;
  /** The same with the answerer, model and settings apart, as a stored run records it. */
  configuration: { target: string } & Record<string, unknown>;
  answer(request: AnswerRequest): Promise<Answer>;
}

export async function evalTarget(environment: Record<string, string | undefined> = {}): Promise<EvalTarget> {
  const config = loadConfig(environment);
  const index = await demoIndex();
  const settings = answerSettings(config, await readHospitalNames(demoContentDirectory));
  const model = chatModelFor(config, usesPrompts(config) ? await readAnswerPrompts() : undefined, silentLogger);
  const service = new AnswerService({ index, model, settings, logger: silentLogger, now: () => new Date() });
  // The demo content in the embedded index, whatever search the environment configures for the server.
  const configuration = evaluationConfiguration({ ...config, SEARCH_BACKEND: 'embedded', EMBEDDING_MODEL: undefined }, 'demo content');
  return {
    description: configuration.target,
    configuration,
    answer: (request) => service.answer(request),
  };
}
