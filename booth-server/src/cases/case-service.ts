import { randomUUID } from 'node:crypto';
import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import { CaseStatus, type CaseView, type SubCaseStatus } from '@onething/contract/rest/kiosk';
import type { OpenCaseRefusal } from '@onething/contract/rest/open-case';
import { AppError } from '@onething/contract/errors';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { StaffProfile } from '@onething/contract/rest/staff';
import type { AuditLog } from '../audit/audit-log.ts';
import { FieldCipher } from '../crypto/field-cipher.ts';
import { timeOrderedId } from '../db/ids.ts';
import type { DB } from '../db/schema.ts';
import { createLogger } from '../logging/logger.ts';
import { CaseAccess } from './case-access.ts';
import type { CaseCatalogues } from './case-catalogue.ts';
import { formatCaseNumber, isWellFormedCaseNumber, serviceDay } from './case-number.ts';
import { CaseRecords, type CaseTimelineEntry } from './case-records.ts';
import {
  type Actor,
  type CaseSubject,
  last4Index,
  payloadOf,
  subjectIndex,
  type ValidatedSubmission,
} from './case-submission.ts';
import { type CaseDetail, type StaffCaseEntry, StaffCases } from './staff-cases.ts';
import { moveSubCase } from './sub-case-move.ts';
import { type CorrectionNotice, SubCaseWorkbench } from './sub-case-workbench.ts';
import { Worklist } from './worklist.ts';
import { CorrectionSupply } from './correction-supply.ts';
import { WorkingCalendar } from './working-calendar.ts';

// video-help/ imports the name mask from here; it lives with the other masks.
export { maskName } from './case-masking.ts';

const log = createLogger('cases');

export interface CaseUpdate {
  caseNumber: string;
  terminalId: string | null;
  departments: string[];
  view: CaseView;
  /** The region the case was filed in: whose workbenches hear of it. */
  region: string | null;
  subCases: { department: string; status: SubCaseStatus; version: number }[];
}

/**
 * Cases (办件): one number per submission, one sub-case per department proceeding in parallel,
 * an append-only timeline, due dates from promised time limits, and live update events. Reading
 * is `CaseRecords`; what staff may see of a case is `StaffCases`.
 */
export class CaseService extends SafeEventEmitter<{
  updated: [CaseUpdate];
  /** A department asked for 补正 on a case whose applicant left a mobile number. */
  correctionRequested: [CorrectionNotice];
}> {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #catalogues: CaseCatalogues;
  readonly #now: () => number;
  /** Department, region and need-to-know checks for staff. */
  readonly access: CaseAccess;
  readonly #cipher: FieldCipher;
  readonly #records: CaseRecords;
  readonly #staff: StaffCases;
  /** Working days for due dates (State Council calendar; weekends-only where a year is missing). */
  readonly calendar: WorkingCalendar;
  /** The department workbench: worklist, sub-case screen and actions. */
  readonly worklist: Worklist;
  readonly workbench: SubCaseWorkbench;
  /** The applicant's answers to 补正 requests, at a kiosk. */
  readonly corrections: CorrectionSupply;

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
    calendar: WorkingCalendar = WorkingCalendar.load(),
  ) {
    super(log);
    this.calendar = calendar;
    this.#db = db;
    this.#audit = audit;
    this.#catalogues = catalogues;
    this.#now = now;
    this.access = new CaseAccess(db, audit, now);
    this.#cipher = cipher;
    this.#records = new CaseRecords(db, catalogues, cipher);
    this.#staff = new StaffCases({
      db,
      audit,
      catalogues,
      cipher,
      records: this.#records,
      access: this.access,
    });
    this.worklist = new Worklist({ db, access: this.access, catalogues, cipher, now });
    this.workbench = new SubCaseWorkbench({
      db,
      audit,
      catalogues,
      cipher,
      staff: this.#staff,
      calendar,
      now,
      announce: (n) => this.announce(n),
      correctionRequested: (notice) => this.safeEmit('correctionRequested', notice),
    });
    this.corrections = new CorrectionSupply({
      db,
      audit,
      cipher,
      now,
      lookup: (n, last4) => this.lookup(n, last4),
      announce: (n) => this.announce(n),
    });
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
    const subject = this.#subjectOf(sub);
    const now = this.#now();
    const day = serviceDay(now);
    const caseDue = maxDays === null ? null : this.calendar.addWorkingDays(now, maxDays);
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
        // After the counter: its row lock serialises filings, so two filings for one subject
        // cannot both pass this check.
        await this.#refuseOpenSubject(trx, sub, subject);
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
            subject_field: subject?.field ?? null,
            subject_index: subject?.index ?? null,
            status: 'received',
            submitted_at: now,
            due_at: caseDue?.dueAt ?? null,
            updated_at: now,
            evidence: sub.evidence ? JSON.stringify(sub.evidence) : null,
          })
          .execute();
        for (const [department, items] of byDept) {
          const days = Math.max(...items.map((c) => catalogue.item(c)?.promisedDays ?? 0));
          const id = randomUUID();
          const due = days ? this.calendar.addWorkingDays(now, days) : null;
          await trx
            .insertInto('sub_cases')
            .values({
              id,
              case_number: number,
              department,
              item_codes: JSON.stringify(items),
              status: 'received',
              due_at: due?.dueAt ?? null,
              due_provisional: due?.provisional ? 1 : 0,
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
      await this.announce(caseNumber);
      return { view, duplicate: false };
    } catch (e) {
      // Two concurrent retries: the loser of the unique-key race returns the winner's case.
      const raced = await this.#db
        .selectFrom('cases')
        .select(['case_number', 'payload_hash'])
        .where('idempotency_key', '=', sub.idempotencyKey)
        .executeTakeFirst();
      if (raced) return this.#duplicate(raced, payloadHash);
      if (e instanceof AppError && e.code === 'CASE_ALREADY_OPEN') {
        await this.#audit.record({
          actorType: actor.type,
          actorId: actor.id,
          action: 'case.refused_open_subject',
          targetType: 'bundle',
          targetId: sub.bundleCode,
          ip: actor.ip ?? null,
          details: { applicant: e.details?.applicant ?? null },
        });
      }
      throw e;
    }
  }

  /** The subject this submission is about, as its key field and blind index; null when none. */
  #subjectOf(sub: ValidatedSubmission): CaseSubject | null {
    const key = this.#catalogues.current().subjectKey?.(sub.bundleCode);
    const value = key ? sub.answers[key.field] : undefined;
    if (!key || value === undefined || value === '') return null;
    return {
      field: key.field,
      index: subjectIndex(this.#cipher, sub.bundleCode, value),
      openStatuses: key.openStatuses,
      ask: key.ask,
    };
  }

  /**
   * A second filing for a subject with an open case is refused. Its own applicant is told the
   * open case's number and status; anyone else only whom to ask (the number opens its status).
   */
  async #refuseOpenSubject(
    trx: Transaction<DB>,
    sub: ValidatedSubmission,
    subject: CaseSubject | null,
  ): Promise<void> {
    if (!subject) return;
    const open = await trx
      .selectFrom('cases')
      .select(['case_number', 'status', 'applicant_id_hash'])
      .where('subject_index', '=', subject.index)
      .where('status', 'in', [...subject.openStatuses])
      .orderBy('submitted_at')
      .executeTakeFirst();
    if (!open) return;
    const same = open.applicant_id_hash === this.#cipher.index('id', sub.identity.idNumber);
    const details: OpenCaseRefusal = same
      ? { applicant: 'same', caseNumber: open.case_number, status: CaseStatus.parse(open.status) }
      : { applicant: 'other', department: subject.ask.department, hotline: subject.ask.hotline };
    throw new AppError(
      'CASE_ALREADY_OPEN',
      `bundle ${sub.bundleCode}: its subject has an open case`,
      {
        details,
      },
    );
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

  view(caseNumber: string): Promise<CaseView> {
    return this.#records.view(caseNumber);
  }

  timeline(caseNumber: string): Promise<CaseTimelineEntry[]> {
    return this.#records.timeline(caseNumber);
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

  /** See `StaffCases.list`. */
  listForStaff(
    staff: StaffProfile,
    opts: { status?: SubCaseStatus; limit?: number } = {},
  ): Promise<StaffCaseEntry[]> {
    return this.#staff.list(staff, opts);
  }

  /** See `StaffCases.detail`. */
  detailForStaff(caseNumber: string, staff: StaffProfile, ip: string | null): Promise<CaseDetail> {
    return this.#staff.detail(caseNumber, staff, ip);
  }

  /** See `StaffCases.reveal`. */
  revealField(
    caseNumber: string,
    staff: StaffProfile,
    field: string,
    reason: string,
    ip: string | null,
  ): Promise<{ field: string; value: unknown }> {
    return this.#staff.reveal(caseNumber, staff, field, reason, ip);
  }

  /** Moves the staff member's department's sub-case, once they may see the case at all. */
  async transitionForStaff(
    caseNumber: string,
    staff: StaffProfile,
    to: SubCaseStatus,
    note: string | null,
    ip: string | null,
  ): Promise<CaseView> {
    await this.#staff.authorize(caseNumber, staff, 'transition', ip);
    return this.transition(caseNumber, staff.department as string, to, note, {
      type: 'staff',
      id: staff.id,
      ip,
    });
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
    await moveSubCase(this.#db, this.#cipher, { sub, to, note, actor, now: this.#now() });
    await this.#audit.record({
      actorType: actor.type,
      actorId: actor.id,
      action: 'case.transition',
      targetType: 'case',
      targetId: caseNumber,
      ip: actor.ip ?? null,
      details: { department, from, to },
    });
    return this.announce(caseNumber);
  }

  /** Tells the kiosk that filed the case and the departments' workbenches; returns the view. */
  async announce(caseNumber: string): Promise<CaseView> {
    const row = await this.#records.caseRow(caseNumber);
    const subs = await this.#records.subRows(caseNumber);
    const view = await this.view(caseNumber);
    this.safeEmit('updated', {
      caseNumber,
      terminalId: row.terminal_id,
      departments: [...new Set(subs.map((s) => s.department))],
      view,
      region: row.region ?? null,
      subCases: subs.map((s) => ({
        department: s.department,
        status: s.status as SubCaseStatus,
        version: Number(s.version ?? 0),
      })),
    });
    return view;
  }
}
