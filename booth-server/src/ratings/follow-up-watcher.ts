import type { FollowUpOverdue } from '@onething/contract/rest/follow-up';
import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import type { JobQueue } from '../jobs/job-queue.ts';
import { createLogger } from '../logging/logger.ts';
import type { FollowUpService } from './follow-up-service.ts';

const log = createLogger('follow-up-watcher');

export interface FollowUpWatcherEvents {
  /** A follow-up's step passed its deadline (told once per step). */
  overdue: [FollowUpOverdue];
}

/**
 * Checks follow-up deadlines on a periodic job (one process of a cluster per interval; the
 * update that marks a step told keeps it to one alert anyway) and tells listeners (the /staff
 * namespace → supervisors) of each newly overdue step.
 */
export class FollowUpWatcher extends SafeEventEmitter<FollowUpWatcherEvents> {
  readonly #followUps: FollowUpService;
  readonly #intervalMs: number;
  #running: Promise<void> | null = null;

  constructor(followUps: FollowUpService, intervalMs: number) {
    super(log);
    this.#followUps = followUps;
    this.#intervalMs = intervalMs;
  }

  /** Checks now (unless another process already set the turn) and every interval after. */
  start(jobs: Pick<JobQueue, 'every'>): Promise<void> {
    return jobs.every('ratings.followUpCheck', this.#intervalMs, () => this.check(), Date.now());
  }

  /** One look at the deadlines; a look still running is joined. */
  check(): Promise<void> {
    this.#running ??= this.#followUps
      .takeNewlyOverdue()
      .then((due) => {
        for (const d of due) this.safeEmit('overdue', d);
      })
      .catch((err: unknown) => log.error({ err }, 'follow-up deadline check failed'))
      .finally(() => {
        this.#running = null;
      });
    return this.#running;
  }

  /** Waits for a check in progress (the job queue, closed first, starts no other). */
  async close(): Promise<void> {
    await this.#running;
  }
}
