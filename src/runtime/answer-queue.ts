// Node adapter in front of the answer core: answers start one per turn of the event loop, after the
// I/O already waiting. With the embedded defaults an answer is a few milliseconds of CPU on the one
// JavaScript thread; a hundred of them started together would hold back every citizen whose question
// is still being read and stored (their first event) until all were done. Queued this way, a new
// question is stored and confirmed between two answers. Answers that wait on a model or a remote
// index still overlap: only their start is queued, not their waiting.
import type { Answer, AnswerRequest, Answerer } from '../answer/answer-service.js';

export class AnswerQueue implements Answerer {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly answers: Answerer) {}

  answer(request: AnswerRequest, onDelta?: (delta: string) => void): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      this.waiting.push(() => {
        this.answers.answer(request, onDelta).then(resolve, reject);
      });
      this.schedule();
    });
  }

  /** Answers queued and not yet started. */
  get length(): number {
    return this.waiting.length;
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // setImmediate runs after the poll phase: the requests that arrived meanwhile are read first.
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()?.();
      this.schedule();
    });
  }
}
