import type { FollowUpOverdue } from '@onething/contract/rest/follow-up';
import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import { createLogger } from '../logging/logger.ts';
import type { FollowUpService } from './follow-up-service.ts';

const log = createLogger('follow-up-watcher');

export interface FollowUpWatcherEvents {
  /** A follow-up's step passed its deadline (told once per step). */
  overdue: [FollowUpOverdue];
}

/**
 * Checks follow-up deadlines on a timer and tells listeners (the /staff namespace → supervisors)
 * of each newly overdue step. In-process for now; with several processes, which one runs the
 * timer moves with the other timers (the update that marks a step told keeps it to one alert).
 */
export class FollowUpWatcher extends SafeEventEmitter<FollowUpWatcherEvents> {
  readonly #followUps: FollowUpService;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;

  constructor(followUps: FollowUpService, intervalMs: number) {
    super(log);
    this.#followUps = followUps;
    this.#intervalMs = intervalMs;
  }

  start(): void {
    if (this.#timer) return;
    void this.check();
    this.#timer = setInterval(() => void this.check(), this.#intervalMs);
    this.#timer.unref();
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

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
