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
 * within one interval even on a terminal or server nobody uses.
 */
export class RetentionTimer {
  readonly #tasks: RetentionTask[];
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(intervalMs: number, tasks: RetentionTask[]) {
    this.#intervalMs = intervalMs;
    this.#tasks = tasks;
  }

  start(): void {
    if (this.#timer) return;
    void this.sweep();
    this.#timer = setInterval(() => void this.sweep(), this.#intervalMs);
    this.#timer.unref();
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

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
