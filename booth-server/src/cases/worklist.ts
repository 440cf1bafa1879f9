import { maskIdNumber } from '@onething/contract/identity/id-number';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import { SubCaseStatus } from '@onething/contract/rest/kiosk';
import type { StaffProfile } from '@onething/contract/rest/staff';
import type {
  Worklist as WorklistAnswer,
  WorklistEntry,
  WorklistQuery,
} from '@onething/contract/rest/workbench';
import type { Kysely } from 'kysely';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { DB } from '../db/schema.ts';
import { type CaseAccess, regionCovers } from './case-access.ts';
import type { CaseCatalogues } from './case-catalogue.ts';
import { maskName } from './case-masking.ts';

const DAY = 86_400_000;
/** A worklist is a day's work, not an archive: the most urgent this many sub-cases. */
const MAX_ENTRIES = 500;
const FINISHED: ReadonlySet<SubCaseStatus> = new Set(['done', 'rejected']);

/** Whether an unfinished sub-case is past its due date at `now`. */
export function isOverdue(status: SubCaseStatus, dueAt: number | null, now: number): boolean {
  return dueAt !== null && dueAt < now && !FINISHED.has(status);
}

/**
 * A department's worklist: its sub-cases in the regions the reader serves (or granted through
 * a call they served), filtered, soonest due first, with counts per state; applicants masked.
 */
export class Worklist {
  readonly #db: Kysely<DB>;
  readonly #access: CaseAccess;
  readonly #catalogues: CaseCatalogues;
  readonly #cipher: FieldCipher;
  readonly #now: () => number;

  constructor(deps: {
    db: Kysely<DB>;
    access: CaseAccess;
    catalogues: CaseCatalogues;
    cipher: FieldCipher;
    now: () => number;
  }) {
    this.#db = deps.db;
    this.#access = deps.access;
    this.#catalogues = deps.catalogues;
    this.#cipher = deps.cipher;
    this.#now = deps.now;
  }

  async list(staff: StaffProfile, query: WorklistQuery): Promise<WorklistAnswer> {
    const counts = Object.fromEntries(SubCaseStatus.options.map((s) => [s, 0])) as Record<
      SubCaseStatus,
      number
    >;
    if (!staff.department) return { entries: [], counts, overdue: 0 };
    const now = this.#now();
    let q = this.#db
      .selectFrom('sub_cases')
      .innerJoin('cases', 'cases.case_number', 'sub_cases.case_number')
      .select([
        'sub_cases.id',
        'sub_cases.case_number',
        'sub_cases.item_codes',
        'sub_cases.status',
        'sub_cases.due_at',
        'sub_cases.due_provisional',
        'sub_cases.version',
        'sub_cases.updated_at',
        'cases.bundle_code',
        'cases.catalogue_version',
        'cases.region',
        'cases.submitted_at',
        'cases.applicant',
      ])
      .where('sub_cases.department', '=', staff.department)
      .where(this.#access.visibleTo(staff));
    if (query.bundle) q = q.where('cases.bundle_code', '=', query.bundle);
    if (query.dueWithinDays !== undefined)
      q = q.where('sub_cases.due_at', '<=', now + (query.dueWithinDays + 1) * DAY);
    const rows = await q
      .orderBy('sub_cases.due_at', 'asc')
      .orderBy('cases.submitted_at', 'asc')
      .limit(MAX_ENTRIES)
      .execute();
    const region = query.region;
    const entries: WorklistEntry[] = [];
    let overdue = 0;
    for (const r of rows) {
      if (region && !(r.region && regionCovers(region, r.region))) continue;
      const status = r.status as SubCaseStatus;
      const dueAt = r.due_at === null ? null : Number(r.due_at);
      const late = isOverdue(status, dueAt, now);
      if (query.overdue === 'true' && !late) continue;
      if (query.overdue === 'false' && late) continue;
      counts[status]++;
      if (late) overdue++;
      if (query.status && status !== query.status) continue;
      const catalogue = this.#catalogues.get(r.catalogue_version);
      const applicant = this.#cipher.decryptJson<IdentityCardData>(r.applicant);
      entries.push({
        subCaseId: r.id,
        caseNumber: r.case_number,
        bundleCode: r.bundle_code,
        bundleName: catalogue.bundleName(r.bundle_code) ?? { zh: r.bundle_code, en: r.bundle_code },
        items: (JSON.parse(r.item_codes) as string[]).map((code) => ({
          code,
          name: catalogue.item(code)?.name ?? { zh: code, en: code },
        })),
        region: r.region ?? null,
        status,
        dueAt,
        dueProvisional: Number(r.due_provisional ?? 0) === 1,
        overdue: late,
        submittedAt: Number(r.submitted_at),
        updatedAt: Number(r.updated_at),
        version: Number(r.version ?? 0),
        // Masked in lists; the full record is a separate, audited read.
        applicant: { name: maskName(applicant.name), idNumber: maskIdNumber(applicant.idNumber) },
      });
    }
    // SQL puts NULL first or last depending on the engine: sort here, due dates first.
    entries.sort(
      (a, b) =>
        (a.dueAt ?? Number.MAX_SAFE_INTEGER) - (b.dueAt ?? Number.MAX_SAFE_INTEGER) ||
        a.submittedAt - b.submittedAt,
    );
    return { entries, counts, overdue };
  }
}
