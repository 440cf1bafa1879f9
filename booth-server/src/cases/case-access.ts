import type { StaffProfile } from '@onething/contract/rest/staff';
import { AppError } from '@onething/contract/errors';
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CaseTable, DB } from '../db/schema.ts';

/** What a case read or move is checked for. */
export type CaseAct = 'read' | 'transition' | 'reveal';

/** How the staff member reached the case: a region they serve, or a ticket they served. */
export type CaseAccessVia = 'region' | 'ticket';

/**
 * Whether a region an agent serves covers a case's region, by GB/T 2260 level: 440113 (a
 * district) covers itself, 440100 (a city) its districts, 440000 (a province) its cities.
 */
export function regionCovers(served: string, region: string): boolean {
  if (served === region) return true;
  if (served.endsWith('0000')) return region.startsWith(served.slice(0, 2));
  if (served.endsWith('00')) return region.startsWith(served.slice(0, 4));
  return false;
}

/**
 * Least privilege for case data: a staff member sees a case only when it has a part for their
 * department AND it was filed in a region they serve — or they were assigned the ticket it was
 * filed in (a 跨省通办 call routed to them across regions). Every refusal is audited.
 */
export class CaseAccess {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #now: () => number;

  constructor(db: Kysely<DB>, audit: AuditLog, now: () => number = Date.now) {
    this.#db = db;
    this.#audit = audit;
    this.#now = now;
  }

  /** Throws a coded refusal (audited) unless `staff` may do `act` on the case for their department. */
  async authorize(
    staff: StaffProfile,
    row: Selectable<CaseTable>,
    departments: readonly string[],
    act: CaseAct,
    ip: string | null,
  ): Promise<CaseAccessVia> {
    const refuse = async (code: 'CASE_OTHER_DEPARTMENT' | 'CASE_OTHER_REGION') => {
      await this.#audit.record({
        actorType: 'staff',
        actorId: staff.id,
        action: 'case.access.refused',
        targetType: 'case',
        targetId: row.case_number,
        ip,
        details: {
          act,
          code,
          department: staff.department,
          caseRegion: row.region ?? null,
          regions: staff.regions,
        },
      });
      return new AppError(code);
    };
    if (!staff.department || !departments.includes(staff.department))
      throw await refuse('CASE_OTHER_DEPARTMENT');
    if (row.region && staff.regions.some((r) => regionCovers(r, row.region as string)))
      return 'region';
    const grant = await this.#db
      .selectFrom('case_grants')
      .select('ticket_id')
      .where('case_number', '=', row.case_number)
      .where('staff_id', '=', staff.id)
      .executeTakeFirst();
    if (grant) return 'ticket';
    throw await refuse('CASE_OTHER_REGION');
  }

  /** The agent who filed a case in a booth call they were assigned may work it from anywhere. */
  async grant(caseNumber: string, staffId: string, ticketId: string): Promise<void> {
    await this.#db
      .insertInto('case_grants')
      .values({
        case_number: caseNumber,
        staff_id: staffId,
        ticket_id: ticketId,
        granted_at: this.#now(),
      })
      .onConflict((oc) => oc.columns(['case_number', 'staff_id']).doNothing())
      .execute();
  }

  /** A where-clause on `cases` for the cases `staff` may list (regions served, or granted). */
  visibleTo(staff: StaffProfile) {
    return (eb: ExpressionBuilder<DB, 'cases'>) => {
      const byRegion = staff.regions.map((r) =>
        r.endsWith('0000')
          ? eb('cases.region', 'like', `${r.slice(0, 2)}%`)
          : r.endsWith('00')
            ? eb('cases.region', 'like', `${r.slice(0, 4)}%`)
            : eb('cases.region', '=', r),
      );
      const granted = eb(
        'cases.case_number',
        'in',
        eb
          .selectFrom('case_grants')
          .select('case_grants.case_number')
          .where('case_grants.staff_id', '=', staff.id),
      );
      return eb.or([...byRegion, granted]);
    };
  }
}
