import type { RetryPolicy } from '@onething/contract/wire/retry';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { createLogger } from '../../logging/logger.ts';
import type { RatingPlatform } from './rating-platform.ts';
import type { RatingReport, RatingReportKind } from './report-queue.ts';

const log = createLogger('rating-reporter');

/** When the retry policy gives up, a report still waits this long and is tried again. */
const PARKED_MS = 3_600_000;

export interface RatingReporterOptions {
  db: Kysely<DB>;
  platform: RatingPlatform;
  nextRetryDelayMs: RetryPolicy;
  /** How often the queue is looked at, ms. */
  intervalMs: number;
  now?: () => number;
}

/**
 * Delivers the persisted queue of ratings to the national 好差评 platform: every due report is
 * sent with its idempotency key; a failure is counted and tried again after the retry policy's
 * delay. Nothing leaves the queue but by the platform taking it, so a failed report is never lost
 * (a restart picks up where the last process stopped).
 */
export class RatingReporter {
  readonly #db: Kysely<DB>;
  readonly #platform: RatingPlatform;
  readonly #policy: RetryPolicy;
  readonly #intervalMs: number;
  readonly #now: () => number;
  #running: Promise<number> | null = null;

  constructor(opts: RatingReporterOptions) {
    this.#db = opts.db;
    this.#platform = opts.platform;
    this.#policy = opts.nextRetryDelayMs;
    this.#intervalMs = opts.intervalMs;
    this.#now = opts.now ?? Date.now;
  }

  /** Delivers every interval, in one process of a cluster at a time (a periodic job). */
  start(jobs: Pick<JobQueue, 'every'>): Promise<void> {
    return jobs.every('ratings.report', this.#intervalMs, () => this.deliver());
  }

  /** One pass over the due reports; a pass still running is joined. Resolves with how many went. */
  deliver(): Promise<number> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Reports not yet taken by the platform. */
  async pending(): Promise<number> {
    const row = await this.#db
      .selectFrom('rating_reports')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('sent_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Waits for a delivery in progress (the job queue, closed first, starts no other). */
  async close(): Promise<void> {
    await this.#running;
  }

  async #pass(): Promise<number> {
    const now = this.#now();
    const due = await this.#db
      .selectFrom('rating_reports')
      .selectAll()
      .where('sent_at', 'is', null)
      .where('next_at', '<=', now)
      .orderBy('first_at')
      .limit(100)
      .execute();
    let sent = 0;
    for (const row of due) {
      const report = {
        ...(JSON.parse(row.payload) as RatingReport),
        kind: row.kind as RatingReportKind,
      };
      try {
        await this.#platform.submit(report, row.id);
        await this.#db
          .updateTable('rating_reports')
          .set({ sent_at: this.#now(), attempts: row.attempts + 1, last_error: null })
          .where('id', '=', row.id)
          .execute();
        sent++;
      } catch (error) {
        const attempt = row.attempts + 1;
        const delay = this.#policy({ attempt, elapsedMs: now - Number(row.first_at), error });
        if (delay === null) {
          log.error(
            { report: row.id, attempt },
            'rating report keeps failing; parked, not dropped',
          );
        }
        await this.#db
          .updateTable('rating_reports')
          .set({
            attempts: attempt,
            next_at: this.#now() + (delay ?? PARKED_MS),
            last_error: error instanceof Error ? error.message.slice(0, 200) : 'failed',
          })
          .where('id', '=', row.id)
          .execute();
      }
    }
    return sent;
  }
}
