import type { CaseView, CorrectionView, SubCaseStatus } from '@onething/contract/rest/kiosk';
import { AppError } from '@onething/contract/errors';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { Kysely, Selectable } from 'kysely';
import type { CaseTable, DB, SubCaseTable } from '../db/schema.ts';
import type { CaseCatalogue, CaseCatalogues } from './case-catalogue.ts';
import { deriveCaseStatus } from './case-status.ts';

/** The open (or last) 补正 request of a sub-case, as stored (sub_cases.correction). */
export interface CorrectionRecord {
  materials: string[];
  deadlineAt: number;
  requestedAt: number;
  reasonCode: string;
  /** Provisional when counted without next year's holiday calendar. */
  deadlineProvisional: boolean;
  suppliedAt: number | null;
  /** Material → upload id, once supplied. */
  supplied: Record<string, string>;
}

export function correctionOf(sub: Selectable<SubCaseTable>): CorrectionRecord | null {
  return sub.correction ? (JSON.parse(sub.correction) as CorrectionRecord) : null;
}

/** One entry of a case's timeline. */
export interface CaseTimelineEntry {
  at: number;
  department: string | null;
  from: string | null;
  to: string;
  note: string | null;
  actorType: string;
  /** The reason code of a workbench action. */
  reasonCode?: string | null;
}

/** Reads cases, their sub-cases and timeline, and renders the view everyone is shown. */
export class CaseRecords {
  readonly #cipher: FieldCipher;
  readonly #db: Kysely<DB>;
  readonly #catalogues: CaseCatalogues;

  /** `cipher` opens the staff's notes, which are stored encrypted (older plaintext reads as is). */
  constructor(db: Kysely<DB>, catalogues: CaseCatalogues, cipher: FieldCipher) {
    this.#db = db;
    this.#catalogues = catalogues;
    this.#cipher = cipher;
  }

  async view(caseNumber: string): Promise<CaseView> {
    const row = await this.caseRow(caseNumber);
    const subs = await this.#db
      .selectFrom('sub_cases')
      .selectAll()
      .where('case_number', '=', caseNumber)
      .orderBy('department')
      .execute();
    return this.toView(row, subs);
  }

  async timeline(caseNumber: string): Promise<CaseTimelineEntry[]> {
    const rows = await this.#db
      .selectFrom('case_events')
      .leftJoin('sub_cases', 'sub_cases.id', 'case_events.sub_case_id')
      .select([
        'case_events.at',
        'case_events.from_status',
        'case_events.to_status',
        'case_events.note',
        'case_events.actor_type',
        'case_events.reason_code',
        'sub_cases.department',
      ])
      .where('case_events.case_number', '=', caseNumber)
      .orderBy('case_events.at')
      .orderBy('case_events.id')
      .execute();
    return rows.map((r) => ({
      at: Number(r.at),
      department: r.department,
      from: r.from_status,
      to: r.to_status,
      note: r.note === null ? null : this.#cipher.decrypt(r.note),
      actorType: r.actor_type,
      reasonCode: r.reason_code ?? null,
    }));
  }

  async subRows(caseNumber: string): Promise<Selectable<SubCaseTable>[]> {
    return this.#db
      .selectFrom('sub_cases')
      .selectAll()
      .where('case_number', '=', caseNumber)
      .execute();
  }

  async caseRow(caseNumber: string): Promise<Selectable<CaseTable>> {
    const row = await this.#db
      .selectFrom('cases')
      .selectAll()
      .where('case_number', '=', caseNumber)
      .executeTakeFirst();
    if (!row) throw new AppError('CASE_NOT_FOUND');
    return row;
  }

  toView(row: Selectable<CaseTable>, subs: Selectable<SubCaseTable>[]): CaseView {
    // Names come from the version the case was filed under, not today's catalogue.
    const catalogue = this.#catalogues.get(row.catalogue_version);
    const statuses = subs.map((s) => s.status as SubCaseStatus);
    return {
      caseNumber: row.case_number,
      bundleCode: row.bundle_code,
      bundleName: catalogue.bundleName(row.bundle_code) ?? {
        zh: row.bundle_code,
        en: row.bundle_code,
      },
      status: deriveCaseStatus(statuses),
      submittedAt: Number(row.submitted_at),
      dueAt: row.due_at === null ? null : Number(row.due_at),
      subCases: subs.map((s) => ({
        department: catalogue.departmentName(s.department),
        items: (JSON.parse(s.item_codes) as string[]).map((code) => ({
          code,
          name: catalogue.item(code)?.name ?? { zh: code, en: code },
        })),
        status: s.status as SubCaseStatus,
        dueAt: s.due_at === null ? null : Number(s.due_at),
        note: s.note === null ? null : this.#cipher.decrypt(s.note),
        updatedAt: Number(s.updated_at),
        dueProvisional: Number(s.due_provisional ?? 0) === 1,
        ...this.#correctionView(catalogue, s),
      })),
    };
  }

  #correctionView(
    catalogue: CaseCatalogue,
    sub: Selectable<SubCaseTable>,
  ): { correction?: CorrectionView } {
    const c = correctionOf(sub);
    if (!c) return {};
    return {
      correction: {
        materials: c.materials.map((code) => ({
          code,
          name: catalogue.materialName?.(code) ?? { zh: code, en: code },
        })),
        deadlineAt: c.deadlineAt,
        requestedAt: c.requestedAt,
        suppliedAt: c.suppliedAt,
      },
    };
  }
}
