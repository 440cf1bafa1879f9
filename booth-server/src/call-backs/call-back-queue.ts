import { randomUUID } from 'node:crypto';
import { AppError } from '@onething/contract/errors';
import { maskPhone } from '@onething/contract/privacy/phone';
import type { StaffProfile } from '@onething/contract/rest/staff';
import type { CallBackState, CallBackView } from '@onething/contract/sockets/call-backs';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { DB } from '../db/schema.ts';
import { createLogger } from '../logging/logger.ts';
import type { SmsOutbox } from '../sms/sms-outbox.ts';

const log = createLogger('call-backs');

type Row = Selectable<DB['call_backs']>;

export interface CallBackRequest {
  queueId: string;
  terminal: { id: string; site: string };
  bundleCode: string | null;
  language: string;
  phone: string;
}

/**
 * Call-backs: a ticket of its own kind in a department's queue, booked at a kiosk when video help
 * is closed or nobody is online. There is no live party to connect, so it is not offered like a
 * video ticket: an agent serving the queue takes it from the list (oldest first), reveals the
 * number (audited), rings the citizen and marks it done or unreachable. Booking it queues the
 * confirmation SMS in the same transaction.
 */
export class CallBackQueue {
  readonly #db: Kysely<DB>;
  readonly #cipher: FieldCipher;
  readonly #audit: AuditLog;
  readonly #sms: SmsOutbox;
  readonly #catalogue: () => Catalogue;
  readonly #hotline: string;
  readonly #now: () => number;

  constructor(deps: {
    db: Kysely<DB>;
    cipher: FieldCipher;
    audit: AuditLog;
    sms: SmsOutbox;
    catalogue: () => Catalogue;
    hotline: string;
    now?: () => number;
  }) {
    this.#db = deps.db;
    this.#cipher = deps.cipher;
    this.#audit = deps.audit;
    this.#sms = deps.sms;
    this.#catalogue = deps.catalogue;
    this.#hotline = deps.hotline;
    this.#now = deps.now ?? Date.now;
  }

  async book(req: CallBackRequest): Promise<{ callBackId: string; phoneMasked: string }> {
    const id = randomUUID();
    const phoneMasked = maskPhone(req.phone);
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('call_backs')
        .values({
          id,
          queue_id: req.queueId,
          terminal_id: req.terminal.id,
          site: req.terminal.site,
          bundle_code: req.bundleCode,
          language: req.language,
          phone_enc: this.#cipher.encrypt(req.phone),
          phone_masked: phoneMasked,
          state: 'waiting',
          created_at: this.#now(),
          claimed_by: null,
          claimed_at: null,
          ended_at: null,
          note: null,
        })
        .execute();
      await this.#sms.enqueue(trx, {
        template: 'callBackBooked',
        phone: req.phone,
        params: { site: req.terminal.site || '本', hotline: this.#hotline },
      });
    });
    log.info({ callBack: id, queue: req.queueId, to: phoneMasked }, 'call-back booked');
    void this.#sms.deliver().catch(() => undefined);
    return { callBackId: id, phoneMasked };
  }

  /** Waiting call-backs of `queues` (oldest first) and those `staff` is working. */
  async list(staff: StaffProfile, queues: readonly string[]): Promise<CallBackView[]> {
    const rows = await this.#db
      .selectFrom('call_backs')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([
            eb('state', '=', 'waiting'),
            ...(queues.length ? [eb('queue_id', 'in', [...queues])] : [eb.val(false)]),
          ]),
          eb.and([eb('state', '=', 'claimed'), eb('claimed_by', '=', staff.id)]),
        ]),
      )
      .orderBy('created_at')
      .limit(200)
      .execute();
    return rows.map((r) => this.#view(r, staff.id));
  }

  /** Takes a waiting call-back of one of `queues`; refused if another agent took it first. */
  async claim(staff: StaffProfile, id: string, queues: readonly string[]): Promise<CallBackView> {
    const row = await this.#row(id);
    if (!queues.includes(row.queue_id)) throw AppError.forbidden('not a call-back of your queues');
    if (row.state === 'claimed' && row.claimed_by === staff.id) return this.#view(row, staff.id);
    const taken = await this.#db
      .updateTable('call_backs')
      .set({ state: 'claimed', claimed_by: staff.id, claimed_at: this.#now() })
      .where('id', '=', id)
      .where('state', '=', 'waiting')
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) !== 1) throw new AppError('CALL_BACK_TAKEN');
    await this.#audit.record({
      actorType: 'staff',
      actorId: staff.id,
      action: 'callBack.claim',
      targetType: 'callBack',
      targetId: id,
    });
    return this.#view(await this.#row(id), staff.id);
  }

  /** The full number for the agent working the call-back, written to the audit log. */
  async reveal(
    staff: StaffProfile,
    id: string,
    reason: string,
    ip: string | null,
  ): Promise<{ phone: string }> {
    const row = await this.#mine(staff, id);
    await this.#audit.record({
      actorType: 'staff',
      actorId: staff.id,
      action: 'callBack.phone.reveal',
      targetType: 'callBack',
      targetId: id,
      ip,
      details: { reason },
    });
    return { phone: this.#cipher.decrypt(row.phone_enc) };
  }

  async finish(
    staff: StaffProfile,
    id: string,
    outcome: Extract<CallBackState, 'done' | 'unreachable'>,
    note: string,
    ip: string | null,
  ): Promise<CallBackView> {
    await this.#mine(staff, id);
    await this.#db
      .updateTable('call_backs')
      .set({ state: outcome, ended_at: this.#now(), note: note || null })
      .where('id', '=', id)
      .execute();
    await this.#audit.record({
      actorType: 'staff',
      actorId: staff.id,
      action: `callBack.${outcome}`,
      targetType: 'callBack',
      targetId: id,
      ip,
      ...(note ? { details: { note } } : {}),
    });
    return this.#view(await this.#row(id), staff.id);
  }

  async #row(id: string): Promise<Row> {
    const row = await this.#db
      .selectFrom('call_backs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw AppError.notFound('call-back');
    return row;
  }

  /** A call-back `staff` has taken and not finished. */
  async #mine(staff: StaffProfile, id: string): Promise<Row> {
    const row = await this.#row(id);
    if (row.state !== 'claimed' || row.claimed_by !== staff.id)
      throw AppError.forbidden('take the call-back before working it');
    return row;
  }

  #view(row: Row, staffId: string): CallBackView {
    const catalogue = this.#catalogue();
    const department = catalogue.department(row.queue_id);
    return {
      id: row.id,
      queueId: row.queue_id,
      departmentName: department?.name ?? { zh: row.queue_id, en: row.queue_id },
      bundleName: row.bundle_code ? (catalogue.bundle(row.bundle_code)?.name ?? null) : null,
      terminal: { id: row.terminal_id, site: row.site },
      language: row.language,
      phoneMasked: row.phone_masked,
      state: row.state as CallBackState,
      createdAt: Number(row.created_at),
      mine: row.claimed_by === staffId,
    };
  }
}
