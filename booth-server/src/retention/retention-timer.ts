import type { JobQueue } from '../jobs/job-queue.ts';
import { createLogger } from '../logging/logger.ts';

const log = createLogger('retention');

export interface RetentionTask {
  /** What the task deletes, for the log line. */
  name: string;
  /** Deletes what is due and returns how many records went. */
  run: () => Promise<number>;
}

/**
 * Retention runs on its own timer, not as a side effect of later traffic: what is due goes
 * within one interval even on a terminal or server nobody uses. The timer is a periodic job, so
 * one process of a cluster sweeps per interval.
 */
export class RetentionTimer {
  readonly #tasks: RetentionTask[];
  readonly #intervalMs: number;
  #running: Promise<void> | null = null;

  constructor(intervalMs: number, tasks: RetentionTask[]) {
    this.#intervalMs = intervalMs;
    this.#tasks = tasks;
  }

  /** Sweeps now (unless another process already set the turn) and every interval after. */
  start(jobs: Pick<JobQueue, 'every'>): Promise<void> {
    return jobs.every('retention.sweep', this.#intervalMs, () => this.sweep(), Date.now());
  }

  /** One pass over every task; a pass still running is joined, not doubled. */
  sweep(): Promise<void> {
    this.#running ??= (async () => {
      for (const task of this.#tasks) {
        try {
          const n = await task.run();
          if (n > 0) log.info({ task: task.name, deleted: n }, 'retention deleted records');
        } catch (err) {
          log.error({ err, task: task.name }, 'retention task failed');
        }
      }
    })().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Waits for a sweep in progress (the job queue, closed first, starts no other). */
  async close(): Promise<void> {
    await this.#running;
  }
}
