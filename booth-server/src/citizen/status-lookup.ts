import type { CaseView } from '@onething/contract/rest/kiosk';
import { AppError } from '@onething/contract/errors';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CaseService } from '../cases/case-service.ts';
import type { DB } from '../db/schema.ts';
import { AttemptCounter, type AttemptRule, perWindow } from '../limits/attempt-counter.ts';
import type { RatingService } from '../ratings/rating-service.ts';

/** Who is looking: a phone on the public page, or a terminal's kiosk session. */
export interface LookupActor {
  type: 'citizen' | 'terminal';
  id: string | null;
  ip: string | null;
}

/**
 * The citizen's proof of a case — its number and the last four characters of the applicant's
 * ID — checked under a per-case attempt limit. The last character of a case number is a check
 * digit, so the four characters are about a thousand guesses: a few wrong tries per case per
 * window, then every try waits until the window ends (the right one too, or the limit would
 * itself answer). A case that does not exist is counted and answered the same way.
 */
export class StatusLookup {
  readonly #counter: AttemptCounter;
  readonly #rule: AttemptRule;
  readonly #cases: CaseService;
  readonly #ratings: RatingService;
  readonly #audit: AuditLog;

  constructor(deps: {
    db: Kysely<DB>;
    cases: CaseService;
    ratings: RatingService;
    audit: AuditLog;
    policy: { freeAttempts: number; windowMs: number };
    now: () => number;
  }) {
    this.#counter = new AttemptCounter(deps.db, deps.now);
    this.#rule = perWindow(deps.policy.freeAttempts, deps.policy.windowMs);
    this.#cases = deps.cases;
    this.#ratings = deps.ratings;
    this.#audit = deps.audit;
  }

  /** The case's status for whoever proves it; CASE_NOT_FOUND or CASE_LOOKUP_LIMITED otherwise. */
  async lookup(caseNumber: string, idLast4: string, actor: LookupActor): Promise<CaseView> {
    const key = `case:${caseNumber.toUpperCase()}`;
    const taken = await this.#counter.take([{ key, rule: this.#rule }]);
    if (!taken.ok) {
      await this.#refused('case.lookup.limited', caseNumber, actor, {
        retryAfterMs: taken.retryAfterMs,
      });
      throw new AppError('CASE_LOOKUP_LIMITED', 'too many tries for this case', {
        details: { retryAfterMs: taken.retryAfterMs, retryAt: taken.blockedUntil },
      });
    }
    try {
      const view = await this.#cases.lookup(caseNumber, idLast4);
      // The right answer was no guess.
      await this.#counter.refund(key, this.#rule);
      return view;
    } catch (e) {
      if (e instanceof AppError && e.code === 'CASE_NOT_FOUND') {
        await this.#refused('case.lookup.refused', caseNumber, actor, {});
      }
      throw e;
    }
  }

  /**
   * The public page's view: the status, and whether the case can still be rated there (again,
   * once, after a 差评 was put right).
   */
  async publicStatus(
    caseNumber: string,
    idLast4: string,
    actor: LookupActor,
  ): Promise<CaseView & { rated: boolean }> {
    const view = await this.lookup(caseNumber, idLast4, actor);
    return { ...view, rated: !(await this.#ratings.canRate(view.caseNumber)) };
  }

  /**
   * 好差评 from the citizen proving the case on the status page: once per case, whatever
   * channel rated it before, and once more after a 差评 was put right. The proof goes through the same per-case limit as a lookup.
   */
  async rate(
    input: { caseNumber: string; idLast4: string; rating: Record<string, unknown> },
    actor: LookupActor,
  ): Promise<void> {
    const view = await this.lookup(input.caseNumber, input.idLast4, actor);
    if (!(await this.#ratings.canRate(view.caseNumber))) throw new AppError('ALREADY_RATED');
    await this.#ratings.rate(
      { ...input.rating, caseNumber: view.caseNumber, channel: 'online' },
      { staffId: null, department: null },
      { type: 'citizen', id: null },
    );
  }

  async #refused(
    action: string,
    caseNumber: string,
    actor: LookupActor,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.#audit.record({
      actorType: actor.type,
      actorId: actor.id,
      action,
      targetType: 'case',
      targetId: caseNumber.slice(0, 40),
      ip: actor.ip,
      details,
    });
  }
}
