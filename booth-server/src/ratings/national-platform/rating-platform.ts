import type { RatingReport, RatingReportKind } from './report-queue.ts';

/**
 * What the national 好差评 platform offers a province: accept one report, deduplicated by its
 * idempotency key (a retried report the platform already took is accepted again, not twice).
 * A real deployment implements this over the platform's API; SimulatedRatingPlatform stands in.
 */
export interface RatingPlatform {
  /** Resolves when the platform took the report; rejects when it could not. */
  submit(report: RatingReport & { kind: RatingReportKind }, idempotencyKey: string): Promise<void>;
}
