import type { FollowUp, FollowUpOverdue, FollowUpStage } from '@onething/contract/rest/follow-up';
import type { RatingLevel } from '@onething/contract/rest/kiosk';
import { AppError } from '@onething/contract/errors';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../audit/audit-log.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { CatalogueNames } from '../catalogue/catalogue-names.ts';
import type { DB } from '../db/schema.ts';

type Actor = { id: string; ip: string | null };
type OverdueStep = 'callBack' | 'fix';

/**
 * The supervisors' side of 差评: each follow-up is called back (by its call-back deadline, one
 * working day by default), then put right (by its fix deadline); recording the fix closes it and
 * lets the citizen rate once more. Comments and notes are sealed at rest and opened here, for
 * supervisors only.
 */
export class FollowUpService {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #cipher: FieldCipher;
  readonly #names: CatalogueNames | null;
  readonly #now: () => number;

  /** Without `names`, bundles and departments are shown by their codes. */
  constructor(deps: {
    db: Kysely<DB>;
    audit: AuditLog;
    cipher: FieldCipher;
    names?: CatalogueNames;
    now?: () => number;
  }) {
    this.#names = deps.names ?? null;
    this.#db = deps.db;
    this.#audit = deps.audit;
    this.#cipher = deps.cipher;
    this.#now = deps.now ?? Date.now;
  }

  /** Open follow-ups by nearest deadline first; closed ones most recent first. */
  async list(status: 'open' | 'closed' | 'all' = 'open'): Promise<FollowUp[]> {
    let q = followUpQuery(this.#db);
    if (status === 'open') q = q.where('f.status', '=', 'open');
    if (status === 'closed') q = q.where('f.status', '=', 'done');
    const rows = await q.orderBy('f.status', 'desc').orderBy('f.due_at').limit(500).execute();
    return rows.map((r) => this.#view(r));
  }

  async get(id: string): Promise<FollowUp> {
    const row = await followUpQuery(this.#db).where('f.id', '=', id).executeTakeFirst();
    if (!row) throw AppError.notFound('follow-up');
    return this.#view(row);
  }

  async openCount(): Promise<number> {
    const row = await this.#db
      .selectFrom('follow_ups')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The call-back to the citizen; once, before the fix, at a time not in the future. */
  async recordCallBack(id: string, input: { at: number; note: string }, actor: Actor) {
    const now = this.#now();
    if (input.at > now + 60_000) {
      throw new AppError('VALIDATION_FAILED', 'the call-back cannot be in the future', {
        path: ['at'],
      });
    }
    const res = await this.#db
      .updateTable('follow_ups')
      .set({
        called_back_at: input.at,
        called_back_by: actor.id,
        call_back_note: this.#cipher.encrypt(input.note),
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .where('called_back_at', 'is', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw AppError.notFound('follow-up awaiting a call-back');
    const view = await this.get(id);
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: 'rating.follow_up.call_back',
      targetType: 'follow_up',
      targetId: id,
      ip: actor.ip,
      details: { caseNumber: view.caseNumber, at: input.at, late: input.at > view.callBackDueAt },
    });
    return view;
  }

  /** What was done to put it right: closes the follow-up; needs the call-back first. */
  async recordFix(id: string, resolution: string, actor: Actor) {
    const now = this.#now();
    const res = await this.#db
      .updateTable('follow_ups')
      .set({ status: 'done', resolution, resolved_by: actor.id, resolved_at: now })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .where('called_back_at', 'is not', null)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw AppError.notFound('called-back open follow-up');
    const view = await this.get(id);
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: 'rating.follow_up.resolve',
      targetType: 'follow_up',
      targetId: id,
      ip: actor.ip,
      details: { caseNumber: view.caseNumber, late: now > view.fixDueAt },
    });
    return view;
  }

  /**
   * Steps whose deadline has passed and that supervisors were not told about yet; each is
   * marked told, so a step raises one alert however often this runs.
   */
  async takeNewlyOverdue(): Promise<FollowUpOverdue[]> {
    const now = this.#now();
    const rows = await this.#db
      .selectFrom('follow_ups')
      .select(['id', 'case_number', 'due_at', 'call_back_due_at', 'called_back_at', 'alerted'])
      .where('status', '=', 'open')
      .where((eb) =>
        eb.or([
          eb('due_at', '<', now),
          eb.and([eb('called_back_at', 'is', null), eb('call_back_due_at', '<', now)]),
        ]),
      )
      .execute();
    const out: FollowUpOverdue[] = [];
    for (const r of rows) {
      const told = parseAlerted(r.alerted);
      const steps: { stage: OverdueStep; dueAt: number }[] = [];
      if (r.called_back_at === null && r.call_back_due_at !== null) {
        if (Number(r.call_back_due_at) < now)
          steps.push({ stage: 'callBack', dueAt: Number(r.call_back_due_at) });
      }
      if (Number(r.due_at) < now) steps.push({ stage: 'fix', dueAt: Number(r.due_at) });
      const fresh = steps.filter((s) => !told.includes(s.stage));
      if (fresh.length === 0) continue;
      const res = await this.#db
        .updateTable('follow_ups')
        .set({ alerted: JSON.stringify([...told, ...fresh.map((s) => s.stage)]) })
        .where('id', '=', r.id)
        // Another pass (or process) that told first wins; this one stays quiet.
        .where((eb) =>
          r.alerted === null ? eb('alerted', 'is', null) : eb('alerted', '=', r.alerted),
        )
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) continue;
      for (const s of fresh) out.push({ id: r.id, caseNumber: r.case_number, ...s });
    }
    return out;
  }

  #view(r: FollowUpRow): FollowUp {
    const now = this.#now();
    const callBackDueAt = Number(r.call_back_due_at ?? r.due_at);
    const fixDueAt = Number(r.due_at);
    const calledBack =
      r.called_back_at === null
        ? null
        : {
            at: Number(r.called_back_at),
            note: r.call_back_note === null ? '' : this.#cipher.decrypt(r.call_back_note),
            by: r.caller_name ?? r.called_back_by ?? '',
          };
    const fixed =
      r.resolved_at === null
        ? null
        : {
            at: Number(r.resolved_at),
            action: r.resolution ?? '',
            by: r.fixer_name ?? r.resolved_by ?? '',
          };
    const stage: FollowUpStage = r.status === 'done' ? 'closed' : calledBack ? 'fix' : 'callBack';
    let overdue: OverdueStep | null = null;
    if (stage === 'callBack' && callBackDueAt < now) overdue = 'callBack';
    else if (stage !== 'closed' && fixDueAt < now) overdue = 'fix';
    return {
      id: r.id,
      caseNumber: r.case_number,
      bundleCode: r.bundle_code ?? null,
      bundleName: r.bundle_code ? (this.#names?.bundle(r.bundle_code) ?? null) : null,
      rating: {
        level: r.level as RatingLevel,
        channel: r.channel,
        comment: r.comment === null ? null : this.#cipher.decrypt(r.comment),
        at: Number(r.rated_at),
      },
      agent: r.staff_id ? { id: r.staff_id, name: r.agent_name ?? r.staff_id } : null,
      department: r.department,
      departmentName: r.department ? (this.#names?.department(r.department) ?? null) : null,
      stage,
      callBackDueAt,
      fixDueAt,
      calledBack,
      fixed,
      reRating:
        r.re_rated_at === null
          ? null
          : {
              level: r.re_rating_level as RatingLevel,
              comment:
                r.re_rating_comment === null ? null : this.#cipher.decrypt(r.re_rating_comment),
              at: Number(r.re_rated_at),
            },
      overdue,
    };
  }
}

/** Follow-ups with their rating, case, and the names of who served, called back and fixed. */
function followUpQuery(db: Kysely<DB>) {
  return db
    .selectFrom('follow_ups as f')
    .innerJoin('ratings as r', 'r.id', 'f.rating_id')
    .leftJoin('cases as c', 'c.case_number', 'f.case_number')
    .leftJoin('staff_accounts as agent', 'agent.id', 'r.staff_id')
    .leftJoin('staff_accounts as caller', 'caller.id', 'f.called_back_by')
    .leftJoin('staff_accounts as fixer', 'fixer.id', 'f.resolved_by')
    .select([
      'f.id',
      'f.case_number',
      'f.status',
      'f.due_at',
      'f.created_at',
      'f.call_back_due_at',
      'f.called_back_at',
      'f.call_back_note',
      'f.resolution',
      'f.resolved_at',
      'f.re_rating_level',
      'f.re_rating_comment',
      'f.re_rated_at',
      'r.level',
      'r.channel',
      'r.comment',
      'r.at as rated_at',
      'r.staff_id',
      'r.department',
      'c.bundle_code',
      'agent.display_name as agent_name',
      'caller.display_name as caller_name',
      'fixer.display_name as fixer_name',
      'f.called_back_by',
      'f.resolved_by',
    ]);
}

type FollowUpRow = Awaited<ReturnType<ReturnType<typeof followUpQuery>['execute']>>[number];

function parseAlerted(value: string | null): OverdueStep[] {
  if (!value) return [];
  const parsed: unknown = JSON.parse(value);
  return Array.isArray(parsed)
    ? parsed.filter((s): s is OverdueStep => s === 'callBack' || s === 'fix')
    : [];
}
