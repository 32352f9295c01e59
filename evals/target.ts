// The answer core an evaluation asks: one function, so the eval runs against whatever the service
// would run. For now that is the embedded default (the demo content in the embedded index, the
// extractive answerer, default settings), built as the tests build it; when a model is configured
// this is the one place that will construct it from configuration instead.
import { readHospitalNames } from '../ingest/pipeline.js';
import { AnswerService, type Answer, type AnswerRequest } from '../src/answer/answer-service.js';
import { ExtractiveAnswerer } from '../src/answer/extractive-answerer.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logger.js';
import { answerSettings } from '../src/runtime/answer-settings.js';
import { demoContentDirectory, demoIndex } from '../test/support/runtime.js';

export interface EvalTarget {
  /** Says what was evaluated, for the report. */
  description: string;
  answer(request: AnswerRequest): Promise<Answer>;
}

export async function evalTarget(): Promise<EvalTarget> {
  const index = await demoIndex();
  const settings = answerSettings(loadConfig({}), await readHospitalNames(demoContentDirectory));
  const service = new AnswerService({ index, model: new ExtractiveAnswerer(), settings, logger: silentLogger });
  return {
    description: 'embedded default: demo content, embedded index, extractive answerer, default settings',
    answer: (request) => service.answer(request),
  };
}
