import { randomUUID } from 'node:crypto';
import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import type { CaseStatus, CaseView, SubCaseStatus, Text } from '@onething/contract/rest/kiosk';
import { AppError } from '@onething/contract/errors';
import { maskIdNumber } from '@onething/contract/identity/id-number';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { StaffProfile } from '@onething/contract/rest/staff';
import type { AuditLog } from '../audit/audit-log.ts';
import { FieldCipher } from '../crypto/field-cipher.ts';
import { timeOrderedId } from '../db/ids.ts';
import type { CaseTable, DB, SubCaseTable } from '../db/schema.ts';
import { createLogger } from '../logging/logger.ts';
import { CaseAccess, type CaseAccessVia, type CaseAct } from './case-access.ts';
import { formatCaseNumber, isWellFormedCaseNumber, serviceDay } from './case-number.ts';
import { addWorkingDays } from './working-days.ts';

const log = createLogger('cases');

/** What the case store needs to know of the catalogue version a case is filed under. */
export interface CaseCatalogue {
  version: string;
  bundleName(code: string): Text | undefined;
  item(code: string):
    | {
        name: Text;
        department: string;
        promisedDays: number | null;
        /** Canonical fields the item's form uses: all its department needs to see. */
        fields?: readonly string[];
        /** Materials the item asks for. */
        materials?: readonly string[];
      }
    | undefined;
  departmentName(code: string): Text;
  /** Fields shown masked until a staff member reveals them with a reason (ID, phone, account). */
  maskedUntilRevealed?(field: string): boolean;
}

/** The catalogue versions cases are filed under: the current one, and any earlier one by id. */
export interface CaseCatalogues {
  current(): CaseCatalogue;
  get(version: string): CaseCatalogue;
}

/** A submission already validated against the merged form (the REST layer does that). */
export interface ValidatedSubmission {
  idempotencyKey: string;
  bundleCode: string;
  itemCodes: string[];
  identity: IdentityCardData;
  answers: Record<string, string | number | boolean>;
  /** material id → upload id, or 'licence' for 免提交 materials. */
  materials: Record<string, string>;
  channel: 'terminal' | 'booth';
  terminalId: string | null;
}

export interface Actor {
  type: 'staff' | 'terminal' | 'citizen' | 'system';
  id: string | null;
  ip?: string | null;
}

/** Allowed sub-case moves: parallel review per department, 并联 not 串联. */
const TRANSITIONS: Record<SubCaseStatus, SubCaseStatus[]> = {
  received: ['in_review', 'rejected'],
  in_review: ['approved', 'rejected', 'more_material'],
  more_material: ['in_review', 'rejected'],
  approved: ['done'],
  rejected: [],
  done: [],
};

/** Overall status, derived — never stored independently of its sub-cases' truth. */
export function deriveCaseStatus(statuses: SubCaseStatus[]): CaseStatus {
  if (statuses.length === 0) return 'received';
  if (statuses.every((s) => s === 'rejected')) return 'closed';
  if (statuses.every((s) => s === 'done' || s === 'rejected')) return 'done';
  if (statuses.some((s) => s === 'more_material')) return 'action_needed';
  if (statuses.every((s) => s === 'received')) return 'received';
  return 'in_progress';
}

/** What a staff member reads of a case: only the fields and materials of their department's items. */
export interface CaseDetail {
  view: CaseView;
  applicant: IdentityCardData;
  answers: Record<string, unknown>;
  /** Fields of the department's items whose values are masked; `POST …/reveal` shows one. */
  masked: string[];
  materials: Record<string, string>;
  timeline: Awaited<ReturnType<CaseService['timeline']>>;
  /** How the reader reached the case. */
  access: CaseAccessVia;
}

export interface CaseUpdate {
  caseNumber: string;
  terminalId: string | null;
  departments: string[];
  view: CaseView;
}

/**
 * Cases (办件): one number per submission, one sub-case per department proceeding in parallel,
 * an append-only timeline, due dates from promised time limits, and live update events.
 */
export class CaseService extends SafeEventEmitter<{ updated: [CaseUpdate] }> {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #catalogues: CaseCatalogues;
  readonly #now: () => number;
  /** Department, region and need-to-know checks for staff. */
  readonly access: CaseAccess;
  readonly #cipher: FieldCipher;

  /**
   * `cipher` encrypts the applicant and the answers at rest and keys the blind indexes; without
   * one (unit tests) a throwaway key is used, so nothing personal is ever stored in clear.
   */
  constructor(
    db: Kysely<DB>,
    audit: AuditLog,
    catalogues: CaseCatalogues,
    now: () => number = Date.now,
    cipher: FieldCipher = FieldCipher.ephemeral(),
  ) {
    super(log);
    this.#db = db;
    this.#audit = audit;
    this.#catalogues = catalogues;
    this.#now = now;
    this.access = new CaseAccess(db, audit, now);
    this.#cipher = cipher;
  }

  /** Files a case; a retried submission (same idempotency key) returns the first case. */
  async submit(
    sub: ValidatedSubmission,
    actor: Actor,
  ): Promise<{ view: CaseView; duplicate: boolean }> {
    const payloadHash = this.#cipher.index('payload', payloadOf(sub));
    const existing = await this.#db
      .selectFrom('cases')
      .select(['case_number', 'payload_hash'])
      .where('idempotency_key', '=', sub.idempotencyKey)
      .executeTakeFirst();
    if (existing) return this.#duplicate(existing, payloadHash);

    const catalogue = this.#catalogues.current();
    const byDept = new Map<string, string[]>();
    let maxDays: number | null = null;
    for (const code of sub.itemCodes) {
      const item = catalogue.item(code);
      if (!item)
        throw new AppError('CATALOGUE_UNKNOWN_ITEM', `unknown item ${code}`, {
          path: ['itemCodes'],
        });
      byDept.set(item.department, [...(byDept.get(item.department) ?? []), code]);
      if (item.promisedDays !== null) maxDays = Math.max(maxDays ?? 0, item.promisedDays);
    }
    const now = this.#now();
    const day = serviceDay(now);
    // The region the case is filed in decides which staff see it (the terminal's, today).
    const terminal = sub.terminalId
      ? await this.#db
          .selectFrom('terminals')
          .select('region')
          .where('id', '=', sub.terminalId)
          .executeTakeFirst()
      : undefined;
    try {
      const caseNumber = await this.#db.transaction().execute(async (trx) => {
        const counter = await trx
          .insertInto('case_counters')
          .values({ day, n: 1 })
          .onConflict((oc) => oc.column('day').doUpdateSet({ n: sql`case_counters.n + 1` }))
          .returning('n')
          .executeTakeFirstOrThrow();
        const number = formatCaseNumber(day, Number(counter.n));
        await trx
          .insertInto('cases')
          .values({
            case_number: number,
            idempotency_key: sub.idempotencyKey,
            payload_hash: payloadHash,
            bundle_code: sub.bundleCode,
            catalogue_version: catalogue.version,
            item_codes: JSON.stringify(sub.itemCodes),
            terminal_id: sub.terminalId,
            channel: sub.channel,
            // Keyed blind indexes, not the values: lookups compare indexes.
            applicant_id_hash: this.#cipher.index('id', sub.identity.idNumber),
            applicant_last4: last4Index(this.#cipher, number, sub.identity.idNumber.slice(-4)),
            applicant: this.#cipher.encryptJson(sub.identity),
            answers: this.#cipher.encryptJson(sub.answers),
            materials: JSON.stringify(sub.materials),
            region: terminal?.region ?? null,
            status: 'received',
            submitted_at: now,
            due_at: maxDays === null ? null : addWorkingDays(now, maxDays),
            updated_at: now,
          })
          .execute();
        for (const [department, items] of byDept) {
          const days = Math.max(...items.map((c) => catalogue.item(c)?.promisedDays ?? 0));
          const id = randomUUID();
          await trx
            .insertInto('sub_cases')
            .values({
              id,
              case_number: number,
              department,
              item_codes: JSON.stringify(items),
              status: 'received',
              due_at: days ? addWorkingDays(now, days) : null,
              note: null,
              handled_by: null,
              updated_at: now,
            })
            .execute();
          await trx
            .insertInto('case_events')
            .values({
              id: timeOrderedId(now),
              case_number: number,
              sub_case_id: id,
              at: now,
              actor_type: actor.type,
              actor_id: actor.id,
              from_status: null,
              to_status: 'received',
              note: null,
            })
            .execute();
        }
        return number;
      });
      await this.#audit.record({
        actorType: actor.type,
        actorId: actor.id,
        action: 'case.submit',
        targetType: 'case',
        targetId: caseNumber,
        ip: actor.ip ?? null,
        details: { bundle: sub.bundleCode, items: sub.itemCodes, departments: [...byDept.keys()] },
      });
      log.info({ case: caseNumber, departments: [...byDept.keys()] }, 'case filed');
      const view = await this.view(caseNumber);
      this.safeEmit('updated', {
        caseNumber,
        terminalId: sub.terminalId,
        departments: [...byDept.keys()],
        view,
      });
      return { view, duplicate: false };
    } catch (e) {
      // Two concurrent retries: the loser of the unique-key race returns the winner's case.
      const raced = await this.#db
        .selectFrom('cases')
        .select(['case_number', 'payload_hash'])
        .where('idempotency_key', '=', sub.idempotencyKey)
        .executeTakeFirst();
      if (raced) return this.#duplicate(raced, payloadHash);
      throw e;
    }
  }

  async #duplicate(
    existing: { case_number: string; payload_hash: string },
    payloadHash: string,
  ): Promise<{ view: CaseView; duplicate: boolean }> {
    if (existing.payload_hash !== payloadHash) {
      throw AppError.conflict('this idempotency key was already used for a different submission');
    }
    return { view: await this.view(existing.case_number), duplicate: true };
  }

  async view(caseNumber: string): Promise<CaseView> {
    const row = await this.#caseRow(caseNumber);
    const subs = await this.#db
      .selectFrom('sub_cases')
      .selectAll()
      .where('case_number', '=', caseNumber)
      .orderBy('department')
      .execute();
    return this.#toView(row, subs);
  }

  /** Citizen status lookup: the case number and the last 4 characters of the ID number. */
  async lookup(caseNumber: string, idLast4: string): Promise<CaseView> {
    if (!isWellFormedCaseNumber(caseNumber)) {
      throw new AppError('CASE_NOT_FOUND', 'this is not a valid case number (check digit)', {
        path: ['caseNumber'],
      });
    }
    const row = await this.#db
      .selectFrom('cases')
      .selectAll()
      .where('case_number', '=', caseNumber)
      .executeTakeFirst();
    // A wrong last four and a case that does not exist answer alike: case numbers are
    // sequential, so telling them apart would list which cases exist.
    if (!row || row.applicant_last4 !== last4Index(this.#cipher, caseNumber, idLast4)) {
      throw new AppError('CASE_NOT_FOUND');
    }
    return this.view(caseNumber);
  }

  /**
   * Sub-cases of the staff member's department in the regions they serve (or granted through a
   * ticket they served), newest first, the applicant masked.
   */
  async listForStaff(staff: StaffProfile, opts: { status?: SubCaseStatus; limit?: number } = {}) {
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
      .where(this.access.visibleTo(staff));
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
  async detailForStaff(
    caseNumber: string,
    staff: StaffProfile,
    ip: string | null,
  ): Promise<CaseDetail> {
    const { row, subs, access } = await this.#authorized(caseNumber, staff, 'read', ip);
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
      view: this.#toView(row, subs),
      applicant: this.#cipher.decryptJson<IdentityCardData>(row.applicant),
      answers,
      masked,
      materials,
      timeline: await this.timeline(caseNumber),
      access,
    };
  }

  /** One masked field of the reader's department, in full; audited with the reason. */
  async revealField(
    caseNumber: string,
    staff: StaffProfile,
    field: string,
    reason: string,
    ip: string | null,
  ): Promise<{ field: string; value: unknown }> {
    const { row, subs } = await this.#authorized(caseNumber, staff, 'reveal', ip);
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

  /** Moves the staff member's department's sub-case, once they may see the case at all. */
  async transitionForStaff(
    caseNumber: string,
    staff: StaffProfile,
    to: SubCaseStatus,
    note: string | null,
    ip: string | null,
  ): Promise<CaseView> {
    await this.#authorized(caseNumber, staff, 'transition', ip);
    return this.transition(caseNumber, staff.department as string, to, note, {
      type: 'staff',
      id: staff.id,
      ip,
    });
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

  async timeline(caseNumber: string) {
    const rows = await this.#db
      .selectFrom('case_events')
      .leftJoin('sub_cases', 'sub_cases.id', 'case_events.sub_case_id')
      .select([
        'case_events.at',
        'case_events.from_status',
        'case_events.to_status',
        'case_events.note',
        'case_events.actor_type',
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
      note: r.note,
      actorType: r.actor_type,
    }));
  }

  /** Moves one department's sub-case; only that department's staff may. */
  async transition(
    caseNumber: string,
    department: string,
    to: SubCaseStatus,
    note: string | null,
    actor: Actor,
  ): Promise<CaseView> {
    const sub = await this.#db
      .selectFrom('sub_cases')
      .selectAll()
      .where('case_number', '=', caseNumber)
      .where('department', '=', department)
      .executeTakeFirst();
    if (!sub)
      throw new AppError(
        'CASE_NOT_FOUND',
        `case ${caseNumber} has no part for department ${department}`,
      );
    const from = sub.status as SubCaseStatus;
    if (!TRANSITIONS[from].includes(to)) {
      throw AppError.conflict(`cannot move from ${from} to ${to}`);
    }
    const now = this.#now();
    const res = await this.#db
      .updateTable('sub_cases')
      .set({ status: to, note, handled_by: actor.id, updated_at: now })
      .where('id', '=', sub.id)
      .where('status', '=', from)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0)
      throw AppError.conflict('the case changed meanwhile; reload it');
    await this.#db
      .insertInto('case_events')
      .values({
        id: timeOrderedId(now),
        case_number: caseNumber,
        sub_case_id: sub.id,
        at: now,
        actor_type: actor.type,
        actor_id: actor.id,
        from_status: from,
        to_status: to,
        note,
      })
      .execute();
    const subs = await this.#db
      .selectFrom('sub_cases')
      .select('status')
      .where('case_number', '=', caseNumber)
      .execute();
    await this.#db
      .updateTable('cases')
      .set({
        status: deriveCaseStatus(subs.map((s) => s.status as SubCaseStatus)),
        updated_at: now,
      })
      .where('case_number', '=', caseNumber)
      .execute();
    await this.#audit.record({
      actorType: actor.type,
      actorId: actor.id,
      action: 'case.transition',
      targetType: 'case',
      targetId: caseNumber,
      ip: actor.ip ?? null,
      details: { department, from, to },
    });
    const row = await this.#caseRow(caseNumber);
    const view = await this.view(caseNumber);
    this.safeEmit('updated', {
      caseNumber,
      terminalId: row.terminal_id,
      departments: [...new Set((await this.#subRows(caseNumber)).map((s) => s.department))],
      view,
    });
    return view;
  }

  /** The case and its sub-cases, once the staff member may `act` on it (refusals audited). */
  async #authorized(caseNumber: string, staff: StaffProfile, act: CaseAct, ip: string | null) {
    const row = await this.#caseRow(caseNumber);
    const subs = await this.#subRows(caseNumber);
    const departments = subs.map((s) => s.department);
    const access = await this.access.authorize(staff, row, departments, act, ip);
    return { row, subs, access };
  }

  async #subRows(caseNumber: string) {
    return this.#db
      .selectFrom('sub_cases')
      .selectAll()
      .where('case_number', '=', caseNumber)
      .execute();
  }

  async #caseRow(caseNumber: string): Promise<Selectable<CaseTable>> {
    const row = await this.#db
      .selectFrom('cases')
      .selectAll()
      .where('case_number', '=', caseNumber)
      .executeTakeFirst();
    if (!row) throw new AppError('CASE_NOT_FOUND');
    return row;
  }

  #toView(row: Selectable<CaseTable>, subs: Selectable<SubCaseTable>[]): CaseView {
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
        note: s.note,
        updatedAt: Number(s.updated_at),
      })),
    };
  }
}

/** What a retry must repeat exactly; its keyed index tells a true retry from a reused key. */
export function payloadOf(sub: ValidatedSubmission): string {
  const { idempotencyKey: _k, ...rest } = sub;
  return stableStringify(rest);
}

/**
 * The status lookup's second factor as a keyed index bound to the case number, so equal last
 * four characters of different cases do not show as equal values in the table.
 */
export function last4Index(cipher: FieldCipher, caseNumber: string, last4: string): string {
  return cipher.index('last4', `${caseNumber}:${last4.toUpperCase()}`);
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Keeps the last four characters: enough to match a paper, not to use the number. */
function maskValue(value: unknown): string {
  const text = String(value);
  return text.length <= 4
    ? '*'.repeat(text.length)
    : `${'*'.repeat(text.length - 4)}${text.slice(-4)}`;
}

/** 张三丰 → 张** : enough for an agent to recognise a list entry, not to identify a stranger. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}
