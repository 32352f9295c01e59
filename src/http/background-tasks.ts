// Work a handler starts after answering (Bot Framework wants its 200 within seconds; the reply goes
// out through the Connector afterwards). Failures are logged; `idle()` waits for what is running,
// e.g. before shutting down.
import type { Logger } from '../logger.js';

export class BackgroundTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(name: string, task: () => Promise<void>): void {
    const promise = Promise.resolve()
      .then(task)
      .catch((error: unknown) => {
        this.logger.error({ event: 'background-task-failed', task: name, error: error instanceof Error ? error.message : String(error) }, 'background task failed');
      })
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  /** Resolves once every task started so far (and any they start meanwhile) has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
