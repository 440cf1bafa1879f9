import type { SubCaseStatus } from '@onething/contract/rest/kiosk';
import { AppError } from '@onething/contract/errors';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import { timeOrderedId } from '../db/ids.ts';
import type { DB, SubCaseTable } from '../db/schema.ts';
import type { CorrectionRecord } from './case-records.ts';
import { canMove, deriveCaseStatus } from './case-status.ts';
import type { Actor } from './case-submission.ts';

/** One move of a sub-case, as every path (transition, workbench action, citizen supply) writes it. */
export interface SubCaseMove {
  sub: Selectable<SubCaseTable>;
  to: SubCaseStatus;
  note: string | null;
  actor: Actor;
  now: number;
  reasonCode?: string | null;
  /** The version the actor saw; the move is refused when the sub-case moved since. */
  expectedVersion?: number;
  /** Replaces the stored 补正 request (undefined: unchanged). */
  correction?: CorrectionRecord | null;
}

/**
 * Moves a sub-case from its current state: checks the move, writes it only if nobody moved the
 * sub-case meanwhile (version and status), appends the timeline entry and re-derives the case's
 * status, in one transaction. Returns the new version.
 */
export async function moveSubCase(
  db: Kysely<DB>,
  cipher: FieldCipher,
  m: SubCaseMove,
): Promise<number> {
  const from = m.sub.status as SubCaseStatus;
  const version = Number(m.sub.version ?? 0);
  if (m.expectedVersion !== undefined && m.expectedVersion !== version)
    throw versionConflict(m.sub);
  if (!canMove(from, m.to)) throw AppError.conflict(`cannot move from ${from} to ${m.to}`);
  // A note is free text about a person's case: encrypted at rest like the applicant.
  const sealedNote = m.note === null ? null : cipher.encrypt(m.note);
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('sub_cases')
      .set({
        status: m.to,
        note: sealedNote,
        handled_by: m.actor.id,
        updated_at: m.now,
        version: sql<number>`version + 1`,
        ...(m.correction !== undefined
          ? { correction: m.correction === null ? null : JSON.stringify(m.correction) }
          : {}),
      })
      .where('id', '=', m.sub.id)
      .where('status', '=', from)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw versionConflict(m.sub);
    await trx
      .insertInto('case_events')
      .values({
        id: timeOrderedId(m.now),
        case_number: m.sub.case_number,
        sub_case_id: m.sub.id,
        at: m.now,
        actor_type: m.actor.type,
        actor_id: m.actor.id,
        from_status: from,
        to_status: m.to,
        note: sealedNote,
        reason_code: m.reasonCode ?? null,
      })
      .execute();
    const subs = await trx
      .selectFrom('sub_cases')
      .select('status')
      .where('case_number', '=', m.sub.case_number)
      .execute();
    await trx
      .updateTable('cases')
      .set({
        status: deriveCaseStatus(subs.map((s) => s.status as SubCaseStatus)),
        updated_at: m.now,
      })
      .where('case_number', '=', m.sub.case_number)
      .execute();
  });
  return version + 1;
}

/** Someone else moved the sub-case first: a specific refusal, with the state it is in now. */
export function versionConflict(sub: Selectable<SubCaseTable>): AppError {
  return new AppError('SUBCASE_VERSION_CONFLICT', undefined, {
    details: { caseNumber: sub.case_number, department: sub.department },
  });
}
