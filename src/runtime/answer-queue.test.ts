import { describe, expect, it } from 'vitest';
import type { Answer, AnswerRequest, Answerer } from '../answer/answer-service.js';
import { AnswerQueue } from './answer-queue.js';

const answerFor = (request: AnswerRequest): Answer => ({ kind: 'answer', language: 'da', text: `svar på ${request.text}`, citations: [], emergencyCategories: [], retrieved: [] });

/** An answer core that keeps the thread busy for `ms` per answer, as the extractive answerer does. */
function busyAnswerer(ms: number, log: string[]): Answerer {
  return {
    async answer(request, onDelta) {
      log.push(`start ${request.text}`);
      const until = performance.now() + ms;
      while (performance.now() < until) {
        // CPU work
      }
      onDelta?.('svar');
      return answerFor(request);
    },
  };
}

describe('AnswerQueue', () => {
  it('lets a question that arrives while answers are queued be handled before the queued answers are made', async () => {
    const log: string[] = [];
    const queue = new AnswerQueue(busyAnswerer(20, log));
    const answers = Promise.all(['1', '2', '3', '4', '5'].map((text) => queue.answer({ text })));
    // Another citizen's request arrives (I/O callback) while five answers wait.
    const arrived = performance.now();
    let confirmedAfterMs = Number.NaN;
    setTimeout(() => {
      log.push('new question stored');
      confirmedAfterMs = performance.now() - arrived;
    }, 0);
    const done = await answers;
    expect(done.map((answer) => answer.text)).toEqual(['svar på 1', 'svar på 2', 'svar på 3', 'svar på 4', 'svar på 5']);
    // Not after all five answers (100 ms of work): after one or two at most.
    expect(log.indexOf('new question stored')).toBeLessThanOrEqual(2);
    expect(confirmedAfterMs).toBeLessThan(60);
  });

  it('passes the streamed text and failures through, and keeps going after a failure', async () => {
    const failing: Answerer = {
      async answer(request) {
        if (request.text === 'fejl') throw new Error('index unavailable');
        return answerFor(request);
      },
    };
    const queue = new AnswerQueue(failing);
    await expect(queue.answer({ text: 'fejl' })).rejects.toThrow('index unavailable');
    const deltas: string[] = [];
    const streaming = new AnswerQueue(busyAnswerer(0, []));
    await expect(streaming.answer({ text: 'parkering' }, (delta) => deltas.push(delta))).resolves.toMatchObject({ text: 'svar på parkering' });
    expect(deltas).toEqual(['svar']);
    await expect(queue.answer({ text: 'parkering' })).resolves.toMatchObject({ text: 'svar på parkering' });
  });

  it('does not wait for one answer to finish before starting the next (a model call overlaps)', async () => {
    let open = 0;
    let most = 0;
    const slow: Answerer = {
      async answer(request) {
        open += 1;
        most = Math.max(most, open);
        await new Promise((resolve) => setTimeout(resolve, 30));
        open -= 1;
        return answerFor(request);
      },
    };
    const queue = new AnswerQueue(slow);
    await Promise.all(['1', '2', '3'].map((text) => queue.answer({ text })));
    expect(most).toBe(3);
  });
});
