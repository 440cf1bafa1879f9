import { AttestRequest, type AttestationMethod } from '@onething/contract/sockets/attestation';
import { AppError } from '@onething/contract/errors';
import { checkIdNumber, maskIdNumber } from '@onething/contract/identity/id-number';
import {
  type IdentityCardData,
  IdentityCardSchema,
} from '@onething/contract/identity/identity-card';
import { parseOrThrow } from '@onething/contract/validation';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../audit/audit-log.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { DB } from '../db/schema.ts';
import type { TerminalPrincipal, TerminalRegistry } from '../terminals/terminal-registry.ts';
import type { ElectronicIdVerifier } from './electronic-id.ts';

/**
 * One citizen's visit at a kiosk session: who the device attested (the *actor*). A case's
 * applicant equals the actor today; filing for someone else (代办 with a 授权委托书) would add an
 * applicant the actor is authorised for, beside it.
 */
export interface KioskVisit {
  visitId: string;
  sessionId: string;
  terminalId: string;
  actor: IdentityCardData;
  method: AttestationMethod;
  attestedAt: number;
}

export type VisitCaseRelation = 'filed' | 'served';

/**
 * Identity at the kiosk, only as the device bridge attests it: binds an attested actor to the
 * kiosk session the bridge named (one of its own, unexpired) until the session is wiped or
 * expires; answers which visit a kiosk page's token refers to; refuses (and audits) a page that
 * tries to supply an identity or act without one; remembers which cases each visit filed.
 */
export class KioskIdentity {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #terminals: TerminalRegistry;
  readonly #verifier: ElectronicIdVerifier;
  readonly #cipher: FieldCipher;
  readonly #now: () => number;

  /** `cipher` keeps the attested card encrypted at rest, like a case's applicant. */
  constructor(deps: {
    db: Kysely<DB>;
    audit: AuditLog;
    terminals: TerminalRegistry;
    verifier: ElectronicIdVerifier;
    cipher: FieldCipher;
    now?: () => number;
  }) {
    this.#db = deps.db;
    this.#audit = deps.audit;
    this.#terminals = deps.terminals;
    this.#verifier = deps.verifier;
    this.#cipher = deps.cipher;
    this.#now = deps.now ?? Date.now;
  }

  /** The bridge's `identity:attest`: `bridge` comes from its credential, never the payload. */
  async attest(
    bridge: TerminalPrincipal,
    input: unknown,
    ip: string | null,
  ): Promise<{ actor: IdentityCardData }> {
    const req = parseOrThrow(AttestRequest, input);
    const expiresAt = await this.#terminals.kioskSessionExpiry(bridge.id, req.sessionId);
    if (expiresAt === null) {
      await this.#refused(bridge.id, 'identity.attest.refused', ip, {
        reason: 'not a live kiosk session of this terminal',
      });
      throw AppError.forbidden('that kiosk session is not one this terminal minted, or it ended');
    }
    const actor = await this.#actorOf(bridge, req, ip);
    const now = this.#now();
    const visitId = req.visitId;
    // One attestation per session: a new card replaces the last, in one step.
    await this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('kiosk_attestations').where('session_id', '=', req.sessionId).execute();
      await trx
        .insertInto('kiosk_attestations')
        .values({
          session_id: req.sessionId,
          visit_id: visitId,
          terminal_id: bridge.id,
          method: req.method,
          actor: this.#cipher.encryptJson(actor),
          attested_at: now,
          expires_at: expiresAt,
        })
        .execute();
    });
    await this.#audit.record({
      actorType: 'terminal',
      actorId: bridge.id,
      action: 'identity.attest',
      targetType: 'person',
      targetId: maskIdNumber(actor.idNumber),
      ip,
      details: { method: req.method, visitId },
    });
    return { actor };
  }

  /**
   * The applicant of work the bridge queued while the server was unreachable (its outbox): the
   * attestation rides with the item, set by the bridge (a page cannot put one there), and is
   * checked like a live one; it is not bound to any session, since that visit has ended.
   */
  async outboxActor(
    bridge: TerminalPrincipal,
    attestation: unknown,
    ip: string | null,
  ): Promise<{ actor: IdentityCardData; visitId: string }> {
    if (attestation === undefined || attestation === null) {
      await this.#refused(bridge.id, 'identity.outbox.refused', ip, {
        reason: 'queued without an attestation',
      });
      throw new AppError('IDENTITY_NOT_ATTESTED');
    }
    const req = parseOrThrow(AttestRequest, attestation);
    const actor = await this.#actorOf(bridge, req, ip);
    await this.#audit.record({
      actorType: 'terminal',
      actorId: bridge.id,
      action: 'identity.outbox',
      targetType: 'person',
      targetId: maskIdNumber(actor.idNumber),
      ip,
      details: { method: req.method, visitId: req.visitId },
    });
    return { actor, visitId: req.visitId };
  }

  /** The bridge's `identity:clear` (the citizen's session was wiped). */
  async clear(bridge: TerminalPrincipal, sessionId: string, ip: string | null): Promise<void> {
    const res = await this.#db
      .deleteFrom('kiosk_attestations')
      .where('session_id', '=', sessionId)
      .where('terminal_id', '=', bridge.id)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) > 0) {
      await this.#audit.record({
        actorType: 'terminal',
        actorId: bridge.id,
        action: 'identity.clear',
        targetType: 'kiosk_session',
        targetId: sessionId,
        ip,
      });
    }
  }

  /** The visit a kiosk page's token refers to, or null when nobody is attested there. */
  async visitOf(kiosk: TerminalPrincipal): Promise<KioskVisit | null> {
    if (!kiosk.sessionId) return null;
    const row = await this.#row(kiosk.sessionId);
    if (!row || row.terminal_id !== kiosk.id || Number(row.expires_at) <= this.#now()) return null;
    return {
      visitId: row.visit_id,
      sessionId: row.session_id,
      terminalId: row.terminal_id,
      actor: this.#cipher.decryptJson<IdentityCardData>(row.actor),
      method: row.method as AttestationMethod,
      attestedAt: Number(row.attested_at),
    };
  }

  /** The attested visit, or IDENTITY_NOT_ATTESTED (audited) for `action`. */
  async require(kiosk: TerminalPrincipal, action: string, ip: string | null): Promise<KioskVisit> {
    const visit = await this.visitOf(kiosk);
    if (visit) return visit;
    await this.#refused(kiosk.id, `${action}.refused`, ip, { reason: 'no attested identity' });
    throw new AppError('IDENTITY_NOT_ATTESTED');
  }

  /**
   * A page that sends an identity of its own is refused outright (and audited), whoever it
   * names: the only identity a kiosk request can use is the one its session was attested with.
   */
  async refuseSupplied(
    kiosk: TerminalPrincipal,
    body: unknown,
    action: string,
    ip: string | null,
  ): Promise<void> {
    if (typeof body !== 'object' || body === null || !('identity' in body)) return;
    const supplied = (body as { identity?: unknown }).identity;
    if (supplied === null || supplied === undefined) return;
    const named = (supplied as { idNumber?: unknown }).idNumber;
    await this.#refused(kiosk.id, `${action}.refused`, ip, {
      reason: 'identity supplied by the page',
      ...(typeof named === 'string' ? { named: maskIdNumber(named) } : {}),
    });
    throw new AppError('IDENTITY_FROM_DEVICE_ONLY');
  }

  /** Records that a visit filed (or was served in) a case: that visit may rate it. */
  async linkCase(
    visit: Pick<KioskVisit, 'visitId' | 'terminalId'>,
    caseNumber: string,
    relation: VisitCaseRelation,
  ): Promise<void> {
    const exists = await this.#db
      .selectFrom('kiosk_visit_cases')
      .select('case_number')
      .where('visit_id', '=', visit.visitId)
      .where('case_number', '=', caseNumber)
      .executeTakeFirst();
    if (exists) return;
    await this.#db
      .insertInto('kiosk_visit_cases')
      .values({
        visit_id: visit.visitId,
        case_number: caseNumber,
        terminal_id: visit.terminalId,
        relation,
        created_at: this.#now(),
      })
      .execute();
  }

  /** Whether the kiosk page's current visit filed or was served in `caseNumber`. */
  async visitHandled(kiosk: TerminalPrincipal, caseNumber: string): Promise<boolean> {
    const visit = await this.visitOf(kiosk);
    if (!visit) return false;
    return this.visitIdHandled(visit.visitId, kiosk.id, caseNumber);
  }

  async visitIdHandled(visitId: string, terminalId: string, caseNumber: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('kiosk_visit_cases')
      .select('case_number')
      .where('visit_id', '=', visitId)
      .where('terminal_id', '=', terminalId)
      .where('case_number', '=', caseNumber)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** A card read is checked; an electronic-ID code goes through the verifier adapter. */
  async #actorOf(
    bridge: TerminalPrincipal,
    req: AttestRequest,
    ip: string | null,
  ): Promise<IdentityCardData> {
    if (req.method === 'idCard') {
      if (checkIdNumber(req.card.idNumber)) {
        await this.#refused(bridge.id, 'identity.attest.refused', ip, { reason: 'id checksum' });
        throw AppError.validation('the ID number fails its check', ['card', 'idNumber']);
      }
      return IdentityCardSchema.parse(req.card);
    }
    try {
      return IdentityCardSchema.parse(await this.#verifier.verify(req.code));
    } catch (e) {
      await this.#refused(bridge.id, 'identity.attest.refused', ip, {
        reason: 'electronic ID not verified',
      });
      throw e;
    }
  }

  async #row(sessionId: string) {
    return this.#db
      .selectFrom('kiosk_attestations')
      .selectAll()
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
  }

  async #refused(
    terminalId: string,
    action: string,
    ip: string | null,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.#audit.record({
      actorType: 'terminal',
      actorId: terminalId,
      action,
      targetType: 'terminal',
      targetId: terminalId,
      ip,
      details,
    });
  }
}
