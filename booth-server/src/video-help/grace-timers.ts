import type { JobQueue } from '../jobs/job-queue.ts';
import { createLogger } from '../logging/logger.ts';

const log = createLogger('booth');

const KIND = 'booth.grace';

/**
 * Reconnect grace periods (a kiosk or agent that vanished has this long to come back) as jobs:
 * each runs once, in whichever booth-server process claims it, even when the process the socket
 * left by is gone; a restarted server finds them where they were.
 */
export class GraceTimers {
  readonly #jobs: JobQueue;
  readonly #graceMs: number;
  readonly #now: () => number;
  #closed = false;

  constructor(jobs: JobQueue, opts: { graceMs: number; now?: () => number }) {
    this.#jobs = jobs;
    this.#graceMs = opts.graceMs;
    this.#now = opts.now ?? Date.now;
  }

  /** What a grace that ran out does, by its key (one handler for every process). */
  onExpiry(fn: (key: string) => Promise<unknown>): void {
    this.#jobs.handle(KIND, (run) => fn(run.key));
  }

  /** The stored deadlines, by key. */
  stored(): Promise<Map<string, number>> {
    return this.#jobs.list(KIND);
  }

  /** Starts (or restarts) the grace for `key`; `until` defaults to now + the grace period. */
  start(key: string, until = this.#now() + this.#graceMs): void {
    if (this.#closed) return;
    this.#jobs
      .schedule(KIND, key, until)
      .catch((e: unknown) => log.error({ err: e, key }, 'grace deadline not stored'));
  }

  cancel(key: string): void {
    if (this.#closed) return;
    this.#jobs
      .cancel(KIND, key)
      .catch((e: unknown) => log.error({ err: e, key }, 'grace deadline not removed'));
  }

  /**
   * The server is stopping: the sockets it drops now are not the peers' doing, so they start no
   * grace (the next start gives each a full one); graces already running stay stored.
   */
  close(): void {
    this.#closed = true;
  }

  /** Drops stored deadlines that no longer belong to anyone (their ticket or agent is gone). */
  async prune(keep: ReadonlySet<string>): Promise<void> {
    for (const key of (await this.stored()).keys()) if (!keep.has(key)) this.cancel(key);
  }
}
