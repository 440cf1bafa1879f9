import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KioskSessionToken } from '@onething/contract/rest/kiosk';
import {
  EditTerminalRequest,
  type EnrolmentState,
  EnrolRequest,
  RegisterTerminalRequest,
  type TerminalView,
} from '@onething/contract/rest/terminals';
import { AppError } from '@onething/contract/errors';
import { parseOrThrow } from '@onething/contract/validation';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLog } from '../audit/audit-log.ts';
import type { DB, TerminalTable } from '../db/schema.ts';

const ENROLMENT_TTL_MS = 24 * 60 * 60_000;
const KIOSK_SESSION_TTL_MS = 12 * 60 * 60_000;

export interface TerminalPrincipal {
  id: string;
  region: string;
  kind: 'terminal' | 'booth';
  /** Set for a kiosk UI (token): the kiosk session whose attested identity it may use. */
  sessionId?: string;
}

/** A terminal's credential (and the kiosk tokens it minted) stopped being valid. */
export interface CredentialEnd {
  terminalId: string;
  reason: 'revoked';
  /** `bridge`: only the old credential's bridge link (re-enrolment); `all`: bridge and kiosk. */
  scope: 'all' | 'bridge';
}

interface Actor {
  id: string | null;
  ip: string | null;
}

/**
 * Terminals and their credentials. An admin registers a terminal and gets a one-time code; the
 * device bridge exchanges the code for a credential (`<terminalId>.<secret>`, only its hash is
 * stored); a credential can be revoked. The bridge then mints short kiosk-session tokens for its
 * UI, so the citizen-facing API only ever trusts a terminal the state enrolled.
 */
export class TerminalRegistry {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #now: () => number;
  readonly #endListeners = new Set<(e: CredentialEnd) => void>();

  constructor(db: Kysely<DB>, audit: AuditLog, now: () => number = Date.now) {
    this.#db = db;
    this.#audit = audit;
    this.#now = now;
  }

  /** Called when a terminal is revoked or re-enrolled; returns unsubscribe. */
  onCredentialEnd(listener: (e: CredentialEnd) => void): () => void {
    this.#endListeners.add(listener);
    return () => this.#endListeners.delete(listener);
  }

  #ended(e: CredentialEnd): void {
    for (const l of this.#endListeners) {
      try {
        l(e);
      } catch {
        // A listener's failure must not undo the revocation it reports.
      }
    }
  }

  async register(
    input: unknown,
    actor: Actor,
  ): Promise<{ terminal: TerminalView; enrolmentCode: string; expiresAt: number }> {
    const req = parseOrThrow(RegisterTerminalRequest, input);
    const exists = await this.#db
      .selectFrom('terminals')
      .select('id')
      .where('id', '=', req.id)
      .executeTakeFirst();
    if (exists) throw AppError.conflict(`terminal ${req.id} is already registered`);
    await this.#db
      .insertInto('terminals')
      .values({
        id: req.id,
        name: req.name,
        site: req.site,
        region: req.region,
        kind: req.kind,
        enrolment_code_hash: null,
        enrolment_expires_at: null,
        credential_hash: null,
        enrolled_at: null,
        revoked_at: null,
        maintenance: 0,
        created_at: this.#now(),
      })
      .execute();
    await this.#audit.record({
      actorType: actor.id ? 'staff' : 'system',
      actorId: actor.id,
      action: 'terminal.register',
      targetType: 'terminal',
      targetId: req.id,
      ip: actor.ip,
      details: { site: req.site, region: req.region, kind: req.kind },
    });
    return this.issueEnrolmentCode(req.id, actor);
  }

  /** A fresh one-time code; any earlier code stops working. */
  async issueEnrolmentCode(
    id: string,
    actor: Actor,
  ): Promise<{ terminal: TerminalView; enrolmentCode: string; expiresAt: number }> {
    const code = randomBytes(12).toString('base64url');
    const expiresAt = this.#now() + ENROLMENT_TTL_MS;
    const res = await this.#db
      .updateTable('terminals')
      .set({ enrolment_code_hash: sha256(code), enrolment_expires_at: expiresAt })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw AppError.notFound(`terminal ${id}`);
    await this.#audit.record({
      actorType: actor.id ? 'staff' : 'system',
      actorId: actor.id,
      action: 'terminal.enrolment_code',
      targetType: 'terminal',
      targetId: id,
      ip: actor.ip,
    });
    return { terminal: await this.view(id), enrolmentCode: code, expiresAt };
  }

  /** Exchanges a one-time code for the terminal's credential; a code works once. */
  async enrol(
    input: unknown,
    ip: string | null,
  ): Promise<{ terminalId: string; credential: string }> {
    const req = parseOrThrow(EnrolRequest, input);
    const row = await this.#row(req.terminalId);
    const valid =
      row?.enrolment_code_hash &&
      Number(row.enrolment_expires_at) > this.#now() &&
      safeEqualHex(row.enrolment_code_hash, sha256(req.code));
    if (!row || !valid) {
      await this.#audit.record({
        actorType: 'terminal',
        actorId: req.terminalId,
        action: 'terminal.enrol.refused',
        targetType: 'terminal',
        targetId: req.terminalId,
        ip,
      });
      throw new AppError('ENROLMENT_CODE_INVALID');
    }
    const secret = randomBytes(32).toString('base64url');
    const credential = `${row.id}.${secret}`;
    // Consuming the code in the same update that sets the credential makes replays fail.
    const res = await this.#db
      .updateTable('terminals')
      .set({
        credential_hash: sha256(credential),
        enrolment_code_hash: null,
        enrolment_expires_at: null,
        enrolled_at: this.#now(),
        revoked_at: null,
      })
      .where('id', '=', row.id)
      .where('enrolment_code_hash', '=', row.enrolment_code_hash)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw new AppError('ENROLMENT_CODE_INVALID');
    await this.#audit.record({
      actorType: 'terminal',
      actorId: row.id,
      action: 'terminal.enrol',
      targetType: 'terminal',
      targetId: row.id,
      ip,
    });
    // A bridge still connected with the previous credential loses its link.
    if (row.credential_hash)
      this.#ended({ terminalId: row.id, reason: 'revoked', scope: 'bridge' });
    return { terminalId: row.id, credential };
  }

  async revoke(id: string, actor: Actor): Promise<void> {
    const res = await this.#db
      .updateTable('terminals')
      .set({ revoked_at: this.#now(), credential_hash: null })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw AppError.notFound(`terminal ${id}`);
    await this.#db.deleteFrom('kiosk_sessions').where('terminal_id', '=', id).execute();
    await this.#db.deleteFrom('kiosk_attestations').where('terminal_id', '=', id).execute();
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: 'terminal.revoke',
      targetType: 'terminal',
      targetId: id,
      ip: actor.ip,
    });
    this.#ended({ terminalId: id, reason: 'revoked', scope: 'all' });
  }

  /** The terminal a credential belongs to; throws TERMINAL_REVOKED or UNAUTHENTICATED. */
  async authenticate(credential: string | undefined): Promise<TerminalPrincipal> {
    if (!credential) throw AppError.unauthenticated();
    const id = credential.split('.')[0] ?? '';
    const row = await this.#row(id);
    if (!row) throw AppError.unauthenticated();
    if (row.revoked_at) throw new AppError('TERMINAL_REVOKED');
    if (!row.credential_hash || !safeEqualHex(row.credential_hash, sha256(credential))) {
      throw AppError.unauthenticated();
    }
    return { id: row.id, region: row.region, kind: row.kind as TerminalPrincipal['kind'] };
  }

  async createKioskSession(terminal: TerminalPrincipal): Promise<KioskSessionToken> {
    const token = randomBytes(32).toString('base64url');
    // Public: the bridge names it in attestations; the token never leaves bridge and page.
    const sessionId = randomBytes(16).toString('base64url');
    const now = this.#now();
    const expiresAt = now + KIOSK_SESSION_TTL_MS;
    await this.#db.deleteFrom('kiosk_sessions').where('expires_at', '<', now).execute();
    await this.#db
      .insertInto('kiosk_sessions')
      .values({
        token_hash: sha256(token),
        terminal_id: terminal.id,
        created_at: now,
        expires_at: expiresAt,
        session_id: sessionId,
      })
      .execute();
    return { token, expiresAt, terminalId: terminal.id, sessionId };
  }

  /** The terminal behind a kiosk UI's session token. */
  async authenticateKiosk(token: string | undefined): Promise<TerminalPrincipal> {
    return (await this.authenticateKioskSession(token)).terminal;
  }

  /** The terminal behind a kiosk UI's session token, and when that token ends. */
  async authenticateKioskSession(
    token: string | undefined,
  ): Promise<{ terminal: TerminalPrincipal; expiresAt: number }> {
    if (!token) throw AppError.unauthenticated();
    const row = await this.#db
      .selectFrom('kiosk_sessions')
      .innerJoin('terminals', 'terminals.id', 'kiosk_sessions.terminal_id')
      .select([
        'terminals.id',
        'terminals.region',
        'terminals.kind',
        'terminals.revoked_at',
        'kiosk_sessions.expires_at',
        'kiosk_sessions.session_id',
      ])
      .where('kiosk_sessions.token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!row || Number(row.expires_at) <= this.#now()) throw AppError.unauthenticated();
    if (row.revoked_at) throw new AppError('TERMINAL_REVOKED');
    return {
      terminal: {
        id: row.id,
        region: row.region,
        kind: row.kind as TerminalPrincipal['kind'],
        ...(row.session_id ? { sessionId: row.session_id } : {}),
      },
      expiresAt: Number(row.expires_at),
    };
  }

  /** When a kiosk session minted by `terminalId` ends, or null if it is not one of its own. */
  async kioskSessionExpiry(terminalId: string, sessionId: string): Promise<number | null> {
    const row = await this.#db
      .selectFrom('kiosk_sessions')
      .select('expires_at')
      .where('session_id', '=', sessionId)
      .where('terminal_id', '=', terminalId)
      .executeTakeFirst();
    if (!row || Number(row.expires_at) <= this.#now()) return null;
    return Number(row.expires_at);
  }

  /**
   * Why a socket's secret (a kiosk token or the bridge credential) no longer holds, or null
   * while it does; asked right after the socket joined its rooms, to catch an ending that raced
   * its handshake.
   */
  async secretEndReason(
    terminalId: string,
    kind: 'token' | 'credential',
    secret: unknown,
  ): Promise<'revoked' | 'expired' | null> {
    const row = await this.#row(terminalId);
    if (!row || row.revoked_at) return 'revoked';
    try {
      if (typeof secret !== 'string') throw AppError.unauthenticated();
      if (kind === 'credential') await this.authenticate(secret);
      else await this.authenticateKioskSession(secret);
      return null;
    } catch (e) {
      // A database that cannot say is no verdict on the secret: the socket stays.
      if (e instanceof AppError && e.code === 'DATABASE_UNAVAILABLE') throw e;
      // A credential that fails on a live terminal was replaced (re-enrolment); a kiosk token
      // that fails there has expired.
      return kind === 'token' ? 'expired' : 'revoked';
    }
  }

  async setMaintenance(id: string, on: boolean, actor: Actor): Promise<TerminalView> {
    const res = await this.#db
      .updateTable('terminals')
      .set({ maintenance: on ? 1 : 0 })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw AppError.notFound(`terminal ${id}`);
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: on ? 'terminal.maintenance.on' : 'terminal.maintenance.off',
      targetType: 'terminal',
      targetId: id,
      ip: actor.ip,
    });
    return this.view(id);
  }

  /** Rename, or move to another site or region; audited with what it was. */
  async edit(id: string, input: unknown, actor: Actor): Promise<TerminalView> {
    const req = parseOrThrow(EditTerminalRequest, input);
    const before = await this.view(id);
    await this.#db
      .updateTable('terminals')
      .set({ name: req.name, site: req.site, region: req.region })
      .where('id', '=', id)
      .execute();
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: 'terminal.edit',
      targetType: 'terminal',
      targetId: id,
      ip: actor.ip,
      details: { from: { name: before.name, site: before.site, region: before.region }, to: req },
    });
    return this.view(id);
  }

  /** Terminal names by id, for words instead of ids (audit view). */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.#db
      .selectFrom('terminals')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((r) => [r.id, `${r.name}（${r.id}）`]));
  }

  async list(): Promise<TerminalView[]> {
    const rows = await this.#db.selectFrom('terminals').selectAll().orderBy('id').execute();
    return rows.map((r) => toView(r, this.#now()));
  }

  async view(id: string): Promise<TerminalView> {
    const row = await this.#row(id);
    if (!row) throw AppError.notFound(`terminal ${id}`);
    return toView(row, this.#now());
  }

  async #row(id: string): Promise<Selectable<TerminalTable> | undefined> {
    return this.#db.selectFrom('terminals').selectAll().where('id', '=', id).executeTakeFirst();
  }
}

function enrolmentState(row: Selectable<TerminalTable>, now: number): EnrolmentState {
  if (row.revoked_at !== null) return 'revoked';
  if (row.credential_hash !== null) return 'enrolled';
  if (row.enrolment_code_hash === null) return 'notEnrolled';
  return Number(row.enrolment_expires_at) > now ? 'codeIssued' : 'codeExpired';
}

function toView(row: Selectable<TerminalTable>, now: number): TerminalView {
  const enrolment = enrolmentState(row, now);
  return {
    id: row.id,
    name: row.name,
    site: row.site,
    region: row.region,
    kind: row.kind as TerminalView['kind'],
    enrolled: row.credential_hash !== null,
    revoked: row.revoked_at !== null,
    maintenance: row.maintenance === 1,
    enrolment,
    enrolledAt: row.enrolled_at === null ? null : Number(row.enrolled_at),
    codeExpiresAt:
      enrolment === 'codeIssued' || enrolment === 'codeExpired'
        ? Number(row.enrolment_expires_at)
        : null,
  };
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function safeEqualHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
