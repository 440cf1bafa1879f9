import type { RatingPlatform } from './rating-platform.ts';
import type { RatingReport, RatingReportKind } from './report-queue.ts';

type Received = RatingReport & { kind: RatingReportKind; idempotencyKey: string };

/**
 * An in-process stand-in for the national 好差评 platform, like the simulated shared-data
 * sources: it keeps what it took, deduplicates by idempotency key, and tests (or a demo) tell
 * it to fail the next attempts or to take a report and still fail the answer (a lost reply).
 */
export class SimulatedRatingPlatform implements RatingPlatform {
  readonly #received = new Map<string, Received>();
  #failures = 0;
  #lostReplies = 0;
  #attempts = 0;

  submit(report: RatingReport & { kind: RatingReportKind }, idempotencyKey: string): Promise<void> {
    this.#attempts++;
    if (this.#failures > 0) {
      this.#failures--;
      return Promise.reject(new Error('simulated platform unavailable'));
    }
    if (!this.#received.has(idempotencyKey)) {
      this.#received.set(idempotencyKey, { ...structuredClone(report), idempotencyKey });
    }
    if (this.#lostReplies > 0) {
      this.#lostReplies--;
      return Promise.reject(new Error('simulated reply lost'));
    }
    return Promise.resolve();
  }

  /** The next `n` attempts fail before the platform takes anything. */
  failNext(n: number): void {
    this.#failures = n;
  }

  /** The next `n` attempts are taken but their answers never arrive. */
  loseNextReplies(n: number): void {
    this.#lostReplies = n;
  }

  /** Every report taken, once each. */
  get received(): Received[] {
    return [...this.#received.values()];
  }

  get attempts(): number {
    return this.#attempts;
  }
}
