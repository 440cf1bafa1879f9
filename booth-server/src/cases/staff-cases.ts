import type { CaseView, SubCaseStatus } from '@onething/contract/rest/kiosk';
import { AppError } from '@onething/contract/errors';
import { maskIdNumber } from '@onething/contract/identity/id-number';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import type { StaffProfile } from '@onething/contract/rest/staff';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLog } from '../audit/audit-log.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { CaseTable, DB, SubCaseTable } from '../db/schema.ts';
import type { CaseAccess, CaseAccessVia, CaseAct } from './case-access.ts';
import type { CaseCatalogues } from './case-catalogue.ts';
import { maskName, maskValue } from './case-masking.ts';
import type { CaseRecords, CaseTimelineEntry } from './case-records.ts';

/** What a staff member reads of a case: only the fields and materials of their department's items. */
export interface CaseDetail {
  view: CaseView;
  applicant: IdentityCardData;
  answers: Record<string, unknown>;
  /** Fields of the department's items whose values are masked; `POST …/reveal` shows one. */
  masked: string[];
  materials: Record<string, string>;
  timeline: CaseTimelineEntry[];
  /** How the reader reached the case. */
  access: CaseAccessVia;
}

/** One entry of a staff member's case list, the applicant masked. */
export interface StaffCaseEntry {
  subCaseId: string;
  caseNumber: string;
  bundleCode: string;
  itemCodes: string[];
  status: SubCaseStatus;
  dueAt: number | null;
  submittedAt: number;
  applicant: { name: string; idNumber: string };
}

/**
 * The staff paths to case data: the list, the need-to-know detail and the audited reveal of one
 * field, each behind the department, region and ticket checks of `CaseAccess`.
 */
export class StaffCases {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #catalogues: CaseCatalogues;
  readonly #cipher: FieldCipher;
  readonly #records: CaseRecords;
  readonly #access: CaseAccess;

  constructor(deps: {
    db: Kysely<DB>;
    audit: AuditLog;
    catalogues: CaseCatalogues;
    cipher: FieldCipher;
    records: CaseRecords;
    access: CaseAccess;
  }) {
    this.#db = deps.db;
    this.#audit = deps.audit;
    this.#catalogues = deps.catalogues;
    this.#cipher = deps.cipher;
    this.#records = deps.records;
    this.#access = deps.access;
  }

  /**
   * Sub-cases of the staff member's department in the regions they serve (or granted through a
   * ticket they served), newest first, the applicant masked.
   */
  async list(
    staff: StaffProfile,
    opts: { status?: SubCaseStatus; limit?: number } = {},
  ): Promise<StaffCaseEntry[]> {
    if (!staff.department) return [];
    let q = this.#db
      .selectFrom('sub_cases')
      .innerJoin('cases', 'cases.case_number', 'sub_cases.case_number')
      .select([
        'sub_cases.id',
        'sub_cases.case_number',
        'sub_cases.department',
        'sub_cases.item_codes',
        'sub_cases.status',
        'sub_cases.due_at',
        'sub_cases.updated_at',
        'cases.bundle_code',
        'cases.submitted_at',
        'cases.applicant',
      ])
      .where('sub_cases.department', '=', staff.department)
      .where(this.#access.visibleTo(staff));
    if (opts.status) q = q.where('sub_cases.status', '=', opts.status);
    const rows = await q
      .orderBy('cases.submitted_at', 'desc')
      .limit(opts.limit ?? 100)
      .execute();
    return rows.map((r) => {
      const applicant = this.#cipher.decryptJson<IdentityCardData>(r.applicant);
      return {
        subCaseId: r.id,
        caseNumber: r.case_number,
        bundleCode: r.bundle_code,
        itemCodes: JSON.parse(r.item_codes) as string[],
        status: r.status as SubCaseStatus,
        dueAt: r.due_at === null ? null : Number(r.due_at),
        submittedAt: Number(r.submitted_at),
        // Masked in lists; the full record is a separate, audited read.
        applicant: { name: maskName(applicant.name), idNumber: maskIdNumber(applicant.idNumber) },
      };
    });
  }

  /**
   * The case for a staff member whose department has a part in it, in a region they serve:
   * the applicant, and of the answers and materials only those their department's items use
   * (need-to-know), ID/phone/account values masked. Audited; refusals too.
   */
  async detail(caseNumber: string, staff: StaffProfile, ip: string | null): Promise<CaseDetail> {
    const { row, subs, access } = await this.authorize(caseNumber, staff, 'read', ip);
    const need = this.#needToKnow(row, subs, staff.department as string);
    const answers: Record<string, unknown> = {};
    const masked: string[] = [];
    for (const [key, value] of Object.entries(
      this.#cipher.decryptJson<Record<string, unknown>>(row.answers),
    )) {
      if (!need.fields.has(key)) continue;
      if (need.masked(key)) {
        answers[key] = maskValue(value);
        masked.push(key);
      } else answers[key] = value;
    }
    const materials = Object.fromEntries(
      Object.entries(JSON.parse(row.materials) as Record<string, string>).filter(([k]) =>
        need.materials.has(k),
      ),
    );
    await this.#audit.record({
      actorType: 'staff',
      actorId: staff.id,
      action: 'case.read_personal',
      targetType: 'case',
      targetId: caseNumber,
      ip,
      details: { department: staff.department, access, fields: Object.keys(answers).length },
    });
    return {
      view: this.#records.toView(row, subs),
      applicant: this.#cipher.decryptJson<IdentityCardData>(row.applicant),
      answers,
      masked,
      materials,
      timeline: await this.#records.timeline(caseNumber),
      access,
    };
  }

  /** One masked field of the reader's department, in full; audited with the reason. */
  async reveal(
    caseNumber: string,
    staff: StaffProfile,
    field: string,
    reason: string,
    ip: string | null,
  ): Promise<{ field: string; value: unknown }> {
    const { row, subs } = await this.authorize(caseNumber, staff, 'reveal', ip);
    const need = this.#needToKnow(row, subs, staff.department as string);
    const answers = this.#cipher.decryptJson<Record<string, unknown>>(row.answers);
    if (!need.fields.has(field) || !(field in answers)) {
      await this.#audit.record({
        actorType: 'staff',
        actorId: staff.id,
        action: 'case.access.refused',
        targetType: 'case',
        targetId: caseNumber,
        ip,
        details: {
          act: 'reveal',
          code: 'CASE_FIELD_NOT_NEEDED',
          field,
          department: staff.department,
        },
      });
      throw new AppError('CASE_FIELD_NOT_NEEDED', undefined, { path: ['field'] });
    }
    await this.#audit.record({
      actorType: 'staff',
      actorId: staff.id,
      action: 'case.field.reveal',
      targetType: 'case',
      targetId: caseNumber,
      ip,
      details: { field, reason, department: staff.department },
    });
    return { field, value: answers[field] };
  }

  /** The materials of the reader's department's items (material → upload id), access checked. */
  async materialsFor(
    caseNumber: string,
    staff: StaffProfile,
    ip: string | null,
  ): Promise<Record<string, string>> {
    const { row, subs } = await this.authorize(caseNumber, staff, 'read', ip);
    const need = this.#needToKnow(row, subs, staff.department as string);
    return Object.fromEntries(
      Object.entries(JSON.parse(row.materials) as Record<string, string>).filter(([k]) =>
        need.materials.has(k),
      ),
    );
  }

  /** The case and its sub-cases, once the staff member may `act` on it (refusals audited). */
  async authorize(caseNumber: string, staff: StaffProfile, act: CaseAct, ip: string | null) {
    const row = await this.#records.caseRow(caseNumber);
    const subs = await this.#records.subRows(caseNumber);
    const departments = subs.map((s) => s.department);
    const access = await this.#access.authorize(staff, row, departments, act, ip);
    return { row, subs, access };
  }

  /** The fields and materials the items of `department` in this case use. */
  #needToKnow(
    row: Selectable<CaseTable>,
    subs: Selectable<SubCaseTable>[],
    department: string,
  ): { fields: Set<string>; materials: Set<string>; masked: (field: string) => boolean } {
    const catalogue = this.#catalogues.get(row.catalogue_version);
    const fields = new Set<string>();
    const materials = new Set<string>();
    for (const sub of subs.filter((s) => s.department === department)) {
      for (const code of JSON.parse(sub.item_codes) as string[]) {
        const item = catalogue.item(code);
        for (const f of item?.fields ?? []) fields.add(f);
        for (const m of item?.materials ?? []) materials.add(m);
      }
    }
    return { fields, materials, masked: (f) => catalogue.maskedUntilRevealed?.(f) ?? false };
  }
}
