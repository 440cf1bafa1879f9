import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * One rating as the national 好差评 platform receives it: the level and what it rates, no
 * comment and no staff id — free text may name anyone, and the platform asks the province
 * about a case through the case number.
 */
export interface RatingReport {
  caseNumber: string;
  channel: string;
  level: string;
  dimensions: Record<string, string>;
  department: string | null;
  ratedAt: number;
}

export type RatingReportKind = 'rating' | 'reRating';

/**
 * Puts a report in the persisted queue, inside the caller's transaction (the rating and its
 * report are one write). The row id is the idempotency key the platform sees on every attempt.
 */
export async function enqueueReport(
  trx: Transaction<DB> | Kysely<DB>,
  entry: { ratingId: string; kind: RatingReportKind; at: number; report: RatingReport },
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('rating_reports')
    .values({
      id,
      rating_id: entry.ratingId,
      kind: entry.kind,
      payload: JSON.stringify(entry.report),
      attempts: 0,
      next_at: entry.at,
      first_at: entry.at,
      last_error: null,
      sent_at: null,
    })
    .execute();
  return id;
}
