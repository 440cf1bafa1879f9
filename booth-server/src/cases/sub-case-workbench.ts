import { randomUUID } from 'node:crypto';
import { AppError } from '@onething/contract/errors';
import type { SubCaseStatus, Text } from '@onething/contract/rest/kiosk';
import type { StaffProfile } from '@onething/contract/rest/staff';
import type {
  ReasonOption,
  SubCaseActionRequest,
  SubCaseScreen,
  WorkbenchAction,
  WorkbenchMaterial,
} from '@onething/contract/rest/workbench';
import type { z } from 'zod';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CaseTable, DB, SubCaseTable } from '../db/schema.ts';
import type { CaseCatalogue, CaseCatalogues } from './case-catalogue.ts';
import { type CorrectionRecord, correctionOf } from './case-records.ts';
import type { CaseEvidence } from './case-submission.ts';
import type { StaffCases } from './staff-cases.ts';
import { moveSubCase, versionConflict } from './sub-case-move.ts';
import type { WorkingCalendar } from './working-calendar.ts';
import { isOverdue } from './worklist.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';

type ActionInput = z.output<typeof SubCaseActionRequest>;

/** The free-text reason every action takes besides the item's list (worded by the console). */
export const OTHER_REASON = 'other';

/** Where each action may start, and where it takes the sub-case. */
const ACTIONS: Record<WorkbenchAction, { from: SubCaseStatus[]; to: SubCaseStatus }> = {
  accept: { from: ['received'], to: 'in_review' },
  requestMaterial: { from: ['received', 'in_review'], to: 'more_material' },
  complete: { from: ['in_review', 'approved'], to: 'done' },
  reject: { from: ['received', 'in_review', 'more_material'], to: 'rejected' },
};

/** The catalogue field a 补正 text goes to: the applicant's own mobile number. */
export const APPLICANT_PHONE_FIELD = 'applicant.phone';

/** A 补正 request as the citizen is told of it. */
export interface CorrectionNotice {
  caseNumber: string;
  phone: string;
  department: Text;
  materials: Text[];
}

/**
 * One department's sub-case in the workbench: the screen (need-to-know answers, materials
 * with their files or verified licences, shared-data evidence, timeline) and the reviewer's
 * actions — 受理, 补正, 办结 (issuing the item's licence to the library), 不予受理 — each with a
 * reason from the item's list, audited, and refused with SUBCASE_VERSION_CONFLICT when another
 * reviewer acted first.
 */
export class SubCaseWorkbench {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #catalogues: CaseCatalogues;
  readonly #cipher: FieldCipher;
  readonly #staff: StaffCases;
  readonly #calendar: WorkingCalendar;
  readonly #now: () => number;
  readonly #announce: (caseNumber: string) => Promise<unknown>;
  readonly #correctionRequested: ((notice: CorrectionNotice) => void) | undefined;

  constructor(deps: {
    db: Kysely<DB>;
    audit: AuditLog;
    catalogues: CaseCatalogues;
    cipher: FieldCipher;
    staff: StaffCases;
    calendar: WorkingCalendar;
    now: () => number;
    /** Tells the kiosk and the workbenches that the case moved. */
    announce: (caseNumber: string) => Promise<unknown>;
    /** A 补正 was requested: the citizen is told (by SMS, at the server's level). */
    correctionRequested?: (notice: CorrectionNotice) => void;
  }) {
    this.#correctionRequested = deps.correctionRequested;
    this.#db = deps.db;
    this.#audit = deps.audit;
    this.#catalogues = deps.catalogues;
    this.#cipher = deps.cipher;
    this.#staff = deps.staff;
    this.#calendar = deps.calendar;
    this.#now = deps.now;
    this.#announce = deps.announce;
  }

  /** The reader's department's sub-case of the case (the read is audited by `StaffCases.detail`). */
  async screen(caseNumber: string, staff: StaffProfile, ip: string | null): Promise<SubCaseScreen> {
    const detail = await this.#staff.detail(caseNumber, staff, ip);
    const { row, sub } = await this.#mine(caseNumber, staff);
    const catalogue = this.#catalogues.get(row.catalogue_version);
    const items = JSON.parse(sub.item_codes) as string[];
    const status = sub.status as SubCaseStatus;
    const dueAt = sub.due_at === null ? null : Number(sub.due_at);
    const correction = correctionOf(sub);
    const ownView = detail.view.subCases.find((s) => s.items.some((i) => items.includes(i.code)));
    const fieldLabels: Record<string, Text> = {};
    const valueLabels: Record<string, Text> = {};
    for (const [key, value] of Object.entries(detail.answers)) {
      fieldLabels[key] = catalogue.fieldLabel?.(key) ?? { zh: key, en: key };
      const option = typeof value === 'string' ? catalogue.optionLabel?.(key, value) : undefined;
      if (option) valueLabels[key] = option;
    }
    const reasonTexts: Record<string, Text> = {};
    for (const list of Object.values(reasonsOf(catalogue, JSON.parse(row.item_codes) as string[])))
      for (const r of list) reasonTexts[r.code] = r.text;
    const departments: Record<string, Text> = {};
    for (const e of detail.timeline)
      if (e.department) departments[e.department] = catalogue.departmentName(e.department);
    return {
      detail,
      fieldLabels,
      valueLabels,
      reasonTexts,
      departments,
      subCase: {
        id: sub.id,
        status,
        version: Number(sub.version ?? 0),
        dueAt,
        dueProvisional: Number(sub.due_provisional ?? 0) === 1,
        overdue: isOverdue(status, dueAt, this.#now()),
        items: items.map((code) => ({
          code,
          name: catalogue.item(code)?.name ?? { zh: code, en: code },
        })),
        correction: ownView?.correction ?? null,
        result: items.flatMap((code) => {
          const result = catalogue.item(code)?.result;
          return result ? [{ item: code, name: result.name, licence: result.licence ?? null }] : [];
        }),
      },
      allowed: (Object.keys(ACTIONS) as WorkbenchAction[]).filter((a) =>
        ACTIONS[a].from.includes(status),
      ),
      reasons: reasonsOf(catalogue, items),
      materials: await this.#materials(row, catalogue, detail.materials, correction),
      evidence: this.#evidence(row, catalogue, new Set(Object.keys(detail.answers))),
    };
  }

  /** Performs `req` on the reader's department's sub-case; answers the fresh screen. */
  async act(
    caseNumber: string,
    staff: StaffProfile,
    req: ActionInput,
    ip: string | null,
  ): Promise<SubCaseScreen> {
    await this.#staff.authorize(caseNumber, staff, 'transition', ip);
    const { row, sub } = await this.#mine(caseNumber, staff);
    const catalogue = this.#catalogues.get(row.catalogue_version);
    const items = JSON.parse(sub.item_codes) as string[];
    const from = sub.status as SubCaseStatus;
    const refuse = async (error: AppError) => {
      await this.#audit.record({
        actorType: 'staff',
        actorId: staff.id,
        action: 'case.action.refused',
        targetType: 'case',
        targetId: caseNumber,
        ip,
        details: {
          department: sub.department,
          action: req.action,
          code: error.code,
          version: req.version,
        },
      });
      return error;
    };
    if (req.version !== Number(sub.version ?? 0)) throw await refuse(await this.#conflict(sub));
    const rule = ACTIONS[req.action];
    if (!rule.from.includes(from)) throw await refuse(new AppError('SUBCASE_ACTION_NOT_ALLOWED'));
    const reasons = reasonsOf(catalogue, items)[req.action];
    if (req.reasonCode !== OTHER_REASON && !reasons.some((r) => r.code === req.reasonCode))
      throw await refuse(
        new AppError('SUBCASE_REASON_UNKNOWN', undefined, { path: ['reasonCode'] }),
      );
    if (req.reasonCode === OTHER_REASON && !req.note)
      throw await refuse(AppError.validation('the reason "other" needs a note', ['note']));
    const now = this.#now();
    let correction: CorrectionRecord | undefined;
    if (req.action === 'requestMaterial') {
      const allowed = new Set(items.flatMap((c) => catalogue.item(c)?.materials ?? []));
      const bad = req.materials.findIndex((m) => !allowed.has(m));
      if (req.materials.length === 0 || bad >= 0)
        throw await refuse(
          AppError.validation('name the materials of your items to supply', [
            'materials',
            Math.max(bad, 0),
          ]),
        );
      const deadline = this.#calendar.addWorkingDays(now, req.deadlineDays);
      correction = {
        materials: [...new Set(req.materials)],
        deadlineAt: deadline.dueAt,
        deadlineProvisional: deadline.provisional,
        requestedAt: now,
        reasonCode: req.reasonCode,
        suppliedAt: null,
        supplied: {},
      };
    }
    const actor = { type: 'staff' as const, id: staff.id, ip };
    try {
      await moveSubCase(this.#db, this.#cipher, {
        sub,
        to: rule.to,
        note: req.note,
        actor,
        now,
        reasonCode: req.reasonCode,
        expectedVersion: req.version,
        correction,
      });
    } catch (e) {
      if (e instanceof AppError && e.code === 'SUBCASE_VERSION_CONFLICT')
        throw await refuse(await this.#conflict(sub));
      throw e;
    }
    const licences =
      req.action === 'complete' ? await this.#issueLicences(row, sub, catalogue, now) : [];
    await this.#audit.record({
      actorType: 'staff',
      actorId: staff.id,
      action: 'case.action',
      targetType: 'case',
      targetId: caseNumber,
      ip,
      details: {
        department: sub.department,
        action: req.action,
        reasonCode: req.reasonCode,
        from,
        to: rule.to,
        ...(correction
          ? { materials: correction.materials, deadlineAt: correction.deadlineAt }
          : {}),
        ...(licences.length ? { licences } : {}),
      },
    });
    await this.#announce(caseNumber);
    if (correction) this.#noticeOfCorrection(row, sub.department, catalogue, correction);
    return this.screen(caseNumber, staff, ip);
  }

  /** Hands the 补正 to whoever tells the citizen, when the applicant left a mobile number. */
  #noticeOfCorrection(
    row: { case_number: string; answers: string },
    department: string,
    catalogue: CaseCatalogue,
    correction: CorrectionRecord,
  ): void {
    if (!this.#correctionRequested) return;
    const answers = this.#cipher.decryptJson<Record<string, unknown>>(row.answers);
    const phone = answers[APPLICANT_PHONE_FIELD];
    if (typeof phone !== 'string' || !phone) return;
    this.#correctionRequested({
      caseNumber: row.case_number,
      phone,
      department: catalogue.departmentName(department),
      materials: correction.materials.map((m) => catalogue.materialName?.(m) ?? { zh: m, en: m }),
    });
  }

  /**
   * Which upload of the case the reader may open: only a material of their department's items
   * (need-to-know); each opening is audited.
   */
  async materialFile(
    caseNumber: string,
    staff: StaffProfile,
    uploadId: string,
    ip: string | null,
  ): Promise<string> {
    const held = await this.#staff.materialsFor(caseNumber, staff, ip);
    const material = Object.entries(held).find(([, id]) => id === uploadId)?.[0];
    await this.#audit.record({
      actorType: 'staff',
      actorId: staff.id,
      action: material ? 'case.material.read' : 'case.access.refused',
      targetType: 'case',
      targetId: caseNumber,
      ip,
      details: material
        ? { department: staff.department, material }
        : { act: 'material', code: 'NOT_FOUND', department: staff.department },
    });
    if (!material) throw AppError.notFound('material');
    return uploadId;
  }

  /** The conflict refusal with the state the other reviewer left the sub-case in. */
  async #conflict(sub: Selectable<SubCaseTable>): Promise<AppError> {
    const fresh = await this.#db
      .selectFrom('sub_cases')
      .select(['status', 'version'])
      .where('id', '=', sub.id)
      .executeTakeFirstOrThrow();
    const error = versionConflict(sub);
    return new AppError(error.code, undefined, {
      details: { ...error.details, status: fresh.status, version: Number(fresh.version ?? 0) },
    });
  }

  /** 办结: the licences the items produce go to the electronic licence library. */
  async #issueLicences(
    row: Selectable<CaseTable>,
    sub: Selectable<SubCaseTable>,
    catalogue: CaseCatalogue,
    now: number,
  ): Promise<string[]> {
    const issued: string[] = [];
    for (const code of JSON.parse(sub.item_codes) as string[]) {
      const licence = catalogue.item(code)?.result?.licence;
      if (!licence) continue;
      await this.#db
        .insertInto('issued_licences')
        .values({
          id: randomUUID(),
          case_number: row.case_number,
          sub_case_id: sub.id,
          licence_code: licence,
          item_code: code,
          holder_id_hash: row.applicant_id_hash,
          issuer: sub.department,
          issued_at: now,
        })
        .execute();
      issued.push(licence);
    }
    return issued;
  }

  async #mine(caseNumber: string, staff: StaffProfile) {
    const row = await this.#db
      .selectFrom('cases')
      .selectAll()
      .where('case_number', '=', caseNumber)
      .executeTakeFirst();
    const sub = await this.#db
      .selectFrom('sub_cases')
      .selectAll()
      .where('case_number', '=', caseNumber)
      .where('department', '=', staff.department ?? '')
      .executeTakeFirst();
    // authorize() ran before: both exist for the reader's department.
    if (!row || !sub) throw new AppError('CASE_NOT_FOUND');
    return { row, sub };
  }

  async #materials(
    row: Selectable<CaseTable>,
    catalogue: CaseCatalogue,
    held: Record<string, string>,
    correction: CorrectionRecord | null,
  ): Promise<WorkbenchMaterial[]> {
    const evidence = evidenceOf(row);
    const uploadIds = Object.values(held).filter((v) => v !== 'licence' && v !== 'missing');
    const types = new Map(
      uploadIds.length
        ? (
            await this.#db
              .selectFrom('uploads')
              .select(['id', 'media_type'])
              .where('id', 'in', uploadIds)
              .execute()
          ).map((u) => [u.id, u.media_type])
        : [],
    );
    return Object.entries(held).map(([code, value]): WorkbenchMaterial => {
      const name = catalogue.materialName?.(code) ?? { zh: code, en: code };
      const supplied =
        correction?.supplied[code] !== undefined && correction.supplied[code] === value;
      if (value === 'licence') {
        const found = evidence?.licences[code];
        return {
          code,
          name,
          held: 'licence',
          uploadId: null,
          mediaType: null,
          licence: found
            ? {
                code: found.licence,
                name: catalogue.licenceName?.(found.licence) ?? {
                  zh: found.licence,
                  en: found.licence,
                },
                number: found.number,
              }
            : null,
          supplied,
        };
      }
      const type = types.get(value);
      if (value === 'missing' || !type)
        return {
          code,
          name,
          held: 'missing',
          uploadId: null,
          mediaType: null,
          licence: null,
          supplied,
        };
      return {
        code,
        name,
        held: 'upload',
        uploadId: value,
        mediaType: type === 'image/png' || type === 'application/pdf' ? type : 'image/jpeg',
        licence: null,
        supplied,
      };
    });
  }

  /** The sources of the prefilled answers the reader may see. */
  #evidence(row: Selectable<CaseTable>, catalogue: CaseCatalogue, visible: Set<string>) {
    const evidence = evidenceOf(row);
    return Object.entries(evidence?.fields ?? {})
      .filter(([field, source]) => visible.has(field) && source !== 'citizen')
      .map(([field, source]) => ({
        field,
        label: catalogue.fieldLabel?.(field) ?? { zh: field, en: field },
        source,
      }));
  }
}

function evidenceOf(row: Selectable<CaseTable>): CaseEvidence | null {
  return row.evidence ? (JSON.parse(row.evidence) as CaseEvidence) : null;
}

/** The reasons of the items' lists per action, each once (the console adds `other` itself). */
export function reasonsOf(
  catalogue: CaseCatalogue,
  items: readonly string[],
): Record<WorkbenchAction, ReasonOption[]> {
  const out = {} as Record<WorkbenchAction, ReasonOption[]>;
  for (const action of Object.keys(ACTIONS) as WorkbenchAction[]) {
    const seen = new Map<string, ReasonOption>();
    for (const code of items)
      for (const r of catalogue.item(code)?.reasons?.[action] ?? [])
        if (!seen.has(r.code)) seen.set(r.code, { code: r.code, text: r.text });
    out[action] = [...seen.values()];
  }
  return out;
}
