import { randomUUID } from 'node:crypto';
import { type RatingLevel, RatingRequest } from '@onething/contract/rest/kiosk';
import { AppError } from '@onething/contract/errors';
import { parseOrThrow } from '@onething/contract/validation';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import { FieldCipher } from '../crypto/field-cipher.ts';
import { addWorkingDays } from '../cases/working-days.ts';
import { enqueueReport } from './national-platform/report-queue.ts';
import type { DB } from '../db/schema.ts';

/** 不满意 and 非常不满意 are 差评: each opens a follow-up with a deadline. */
type ParsedRating = z.output<typeof RatingRequest>;

export const POOR_LEVELS: readonly RatingLevel[] = ['unsatisfied', 'very_unsatisfied'];
export const LEVEL_SCORE: Record<RatingLevel, number> = {
  very_satisfied: 5,
  satisfied: 4,
  basic: 3,
  unsatisfied: 2,
  very_unsatisfied: 1,
};

export interface RatingPolicy {
  /** Working days a supervisor has to put a 差评 right (locally 5–15). */
  followUpWorkingDays: number;
  /** Working days to call the citizen back about a 差评 (default 1). */
  callBackWorkingDays?: number;
  /**
   * The deadline `days` working days after `from`; the server passes the State Council calendar
   * its cases use. Default: weekends only.
   */
  addWorkingDays?: (from: number, days: number) => number;
}

/**
 * 好差评 (国办发〔2019〕51号): one rating per case per channel, tied to the case and the staff
 * member who served; the rater stays anonymous to that staff member.
 */
export class RatingService {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #policy: RatingPolicy;
  readonly #addWorkingDays: (from: number, days: number) => number;
  readonly #cipher: FieldCipher;
  readonly #now: () => number;

  /** `cipher` seals the citizen's comment at rest: free text may name anyone. */
  constructor(
    db: Kysely<DB>,
    audit: AuditLog,
    policy: RatingPolicy,
    cipher: FieldCipher = FieldCipher.ephemeral(),
    now: () => number = Date.now,
  ) {
    this.#db = db;
    this.#audit = audit;
    this.#policy = policy;
    this.#addWorkingDays = policy.addWorkingDays ?? addWorkingDays;
    this.#cipher = cipher;
    this.#now = now;
  }

  async rate(
    input: unknown,
    served: { staffId: string | null; department: string | null },
    actor: { type: 'terminal' | 'citizen'; id: string | null },
  ): Promise<{ ratingId: string; followUpId: string | null }> {
    const req = parseOrThrow(RatingRequest, input);
    const exists = await this.#db
      .selectFrom('cases')
      .select('case_number')
      .where('case_number', '=', req.caseNumber)
      .executeTakeFirst();
    if (!exists) throw new AppError('CASE_NOT_FOUND', undefined, { path: ['caseNumber'] });
    // After a 差评 was put right, the next rating of the case is the citizen's one re-rating.
    const reRatable = await this.#reRatableFollowUp(req.caseNumber);
    if (reRatable) return this.#reRate(reRatable, req, actor);
    const dup = await this.#db
      .selectFrom('ratings')
      .select('id')
      .where('case_number', '=', req.caseNumber)
      .where('channel', '=', req.channel)
      .executeTakeFirst();
    if (dup) throw new AppError('ALREADY_RATED');
    const now = this.#now();
    const ratingId = randomUUID();
    const poor = POOR_LEVELS.includes(req.level);
    const followUpId = poor ? randomUUID() : null;
    try {
      // The rating, its follow-up and its report to the national platform are one write: a
      // rating the platform never hears of cannot exist.
      await this.#db.transaction().execute(async (trx) => {
        await trx
          .insertInto('ratings')
          .values({
            id: ratingId,
            case_number: req.caseNumber,
            channel: req.channel,
            level: req.level,
            dimensions: JSON.stringify(req.dimensions),
            comment: req.comment === undefined ? null : this.#cipher.encrypt(req.comment),
            staff_id: served.staffId,
            department: served.department,
            call_id: req.callId ?? null,
            at: now,
          })
          .execute();
        if (followUpId) {
          await trx
            .insertInto('follow_ups')
            .values({
              id: followUpId,
              rating_id: ratingId,
              case_number: req.caseNumber,
              due_at: this.#addWorkingDays(now, this.#policy.followUpWorkingDays),
              call_back_due_at: this.#addWorkingDays(now, this.#policy.callBackWorkingDays ?? 1),
              status: 'open',
              resolution: null,
              resolved_by: null,
              resolved_at: null,
              created_at: now,
            })
            .execute();
        }
        await enqueueReport(trx, {
          ratingId,
          kind: 'rating',
          at: now,
          report: {
            caseNumber: req.caseNumber,
            channel: req.channel,
            level: req.level,
            dimensions: req.dimensions,
            department: served.department,
            ratedAt: now,
          },
        });
      });
    } catch {
      // The unique (case, channel) constraint lost a race with an identical rating.
      throw new AppError('ALREADY_RATED');
    }
    await this.#audit.record({
      actorType: actor.type,
      actorId: actor.id,
      action: 'rating.submit',
      targetType: 'case',
      targetId: req.caseNumber,
      details: { channel: req.channel, level: req.level, followUp: followUpId !== null },
    });
    return { ratingId, followUpId };
  }

  /**
   * Whether the case can be rated now: never rated, or its 差评 was put right and the citizen
   * has not rated again yet.
   */
  async canRate(caseNumber: string): Promise<boolean> {
    return (
      !(await this.isRated(caseNumber)) || (await this.#reRatableFollowUp(caseNumber)) !== null
    );
  }

  /** The closed follow-up of the case still waiting for the citizen's second rating. */
  async #reRatableFollowUp(caseNumber: string): Promise<{ id: string; ratingId: string } | null> {
    const row = await this.#db
      .selectFrom('follow_ups')
      .select(['id', 'rating_id'])
      .where('case_number', '=', caseNumber)
      .where('status', '=', 'done')
      .where('re_rated_at', 'is', null)
      .orderBy('resolved_at', 'desc')
      .executeTakeFirst();
    return row ? { id: row.id, ratingId: row.rating_id } : null;
  }

  /** The citizen's second rating, once: the update only succeeds while none is recorded. */
  async #reRate(
    followUp: { id: string; ratingId: string },
    req: ParsedRating,
    actor: { type: 'terminal' | 'citizen'; id: string | null },
  ): Promise<{ ratingId: string; followUpId: string | null }> {
    const now = this.#now();
    await this.#db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('follow_ups')
        .set({
          re_rating_level: req.level,
          re_rating_comment: req.comment === undefined ? null : this.#cipher.encrypt(req.comment),
          re_rated_at: now,
        })
        .where('id', '=', followUp.id)
        .where('re_rated_at', 'is', null)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new AppError('ALREADY_RATED');
      await enqueueReport(trx, {
        ratingId: followUp.ratingId,
        kind: 'reRating',
        at: now,
        report: {
          caseNumber: req.caseNumber,
          channel: req.channel,
          level: req.level,
          dimensions: req.dimensions ?? {},
          department: null,
          ratedAt: now,
        },
      });
    });
    await this.#audit.record({
      actorType: actor.type,
      actorId: actor.id,
      action: 'rating.re_rate',
      targetType: 'follow_up',
      targetId: followUp.id,
      details: { channel: req.channel, level: req.level },
    });
    return { ratingId: followUp.ratingId, followUpId: followUp.id };
  }

  /** Whether the case has a rating on any channel. */
  async isRated(caseNumber: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('ratings')
      .select('id')
      .where('case_number', '=', caseNumber)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** For supervisors: every rating with its case, and the open follow-ups. */
  async supervisorView(opts: { since?: number; department?: string } = {}) {
    let q = this.#db.selectFrom('ratings').selectAll();
    if (opts.since) q = q.where('at', '>=', opts.since);
    if (opts.department) q = q.where('department', '=', opts.department);
    const ratings = await q.orderBy('at', 'desc').limit(500).execute();
    const followUps = await this.#db
      .selectFrom('follow_ups')
      .selectAll()
      .orderBy('due_at')
      .execute();
    const scored = ratings.map((r) => LEVEL_SCORE[r.level as RatingLevel]);
    return {
      count: ratings.length,
      // CSAT: share of 满意 and 非常满意 among all ratings.
      csat: ratings.length ? scored.filter((s) => s >= 4).length / ratings.length : null,
      poor: ratings.filter((r) => POOR_LEVELS.includes(r.level as RatingLevel)).length,
      ratings: ratings.map((r) => ({
        id: r.id,
        caseNumber: r.case_number,
        channel: r.channel,
        level: r.level as RatingLevel,
        dimensions: JSON.parse(r.dimensions) as Record<string, RatingLevel>,
        comment: r.comment === null ? null : this.#cipher.decrypt(r.comment),
        staffId: r.staff_id,
        department: r.department,
        at: Number(r.at),
      })),
      followUps: followUps.map((f) => ({
        id: f.id,
        caseNumber: f.case_number,
        dueAt: Number(f.due_at),
        status: f.status as 'open' | 'done',
        resolution: f.resolution,
        overdue: f.status === 'open' && Number(f.due_at) < this.#now(),
      })),
    };
  }

  /**
   * For the rated staff member: their own levels in aggregate only — no case numbers, times or
   * comments that could identify who rated them.
   */
  /** The configured deadlines, for the supervisors' list. */
  get followUpPolicy() {
    return {
      callBackWorkingDays: this.#policy.callBackWorkingDays ?? 1,
      fixWorkingDays: this.#policy.followUpWorkingDays,
    };
  }

  async ownSummary(staffId: string) {
    const rows = await this.#db
      .selectFrom('ratings')
      .select('level')
      .where('staff_id', '=', staffId)
      .execute();
    const counts: Record<RatingLevel, number> = {
      very_satisfied: 0,
      satisfied: 0,
      basic: 0,
      unsatisfied: 0,
      very_unsatisfied: 0,
    };
    for (const r of rows) counts[r.level as RatingLevel]++;
    return { count: rows.length, counts };
  }
}
