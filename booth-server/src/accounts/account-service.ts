import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  type AccountView,
  ChangePasswordRequest,
  CreateStaffRequest,
  EditAccountRequest,
  ResetPasswordRequest,
  Role,
  type StaffProfile,
} from '@onething/contract/rest/staff';
import { AppError } from '@onething/contract/errors';
import type { SessionEndReason } from '@onething/contract/sockets/session';
import { parseOrThrow } from '@onething/contract/validation';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import type { DB, StaffAccountTable } from '../db/schema.ts';
import { createLogger } from '../logging/logger.ts';
import { checkDuties } from './duties.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { DEFAULT_SIGN_IN_POLICY, SignInGuard, type SignInPolicy } from './sign-in-guard.ts';

const log = createLogger('accounts');

export interface AccountPolicy {
  sessionTtlMs: number;
  /** Sign-in abuse limits (config LOGIN_*); the defaults when absent. */
  signIn?: SignInPolicy;
  /** Production: a demo account never signs in, even if one was enabled after start-up. */
  refuseDemoAccounts?: boolean;
}

export interface StaffSession {
  token: string;
  /** The stored, hashed form of the token: names the session without revealing it. */
  sessionId: string;
  profile: StaffProfile;
  expiresAt: number;
  /** An administrator set the password: only the change-password call is open. */
  mustChangePassword: boolean;
}

export interface AccountActor {
  id: string;
  ip: string | null;
}

/**
 * A session (or every session of an account) stopped being valid. The realtime layer listens
 * and disconnects the sockets opened with it.
 */
export interface SessionEnd {
  accountId: string;
  /** One session (logout); absent when every session of the account ended. */
  sessionId?: string;
  reason: SessionEndReason;
}

export interface RequestOrigin {
  ip: string | null;
  userAgent?: string | null;
}

// Verifying against a fixed hash for unknown users keeps the response time the same, so the
// login form does not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;

/** Staff accounts, password login with throttling, and server-side sessions. */
export class AccountService {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #policy: AccountPolicy;
  readonly #now: () => number;
  readonly #endListeners = new Set<(e: SessionEnd) => void>();
  readonly #guard: SignInGuard;

  constructor(
    db: Kysely<DB>,
    audit: AuditLog,
    policy: AccountPolicy,
    now: () => number = Date.now,
  ) {
    this.#db = db;
    this.#audit = audit;
    this.#policy = policy;
    this.#now = now;
    this.#guard = new SignInGuard(db, audit, policy.signIn ?? DEFAULT_SIGN_IN_POLICY, now);
  }

  /** Called whenever sessions end by logout, disable or role change; returns unsubscribe. */
  onSessionEnd(listener: (e: SessionEnd) => void): () => void {
    this.#endListeners.add(listener);
    return () => this.#endListeners.delete(listener);
  }

  #ended(e: SessionEnd): void {
    for (const l of this.#endListeners) {
      try {
        l(e);
      } catch (err) {
        log.error({ err }, 'session end listener failed');
      }
    }
  }

  /**
   * Creates an account. The start-up seed (no actor) gives it its roles at once; an account a
   * system administrator creates starts without roles (they go through a security
   * administrator, RoleGrants) and with a password its owner must change at first sign-in.
   */
  async create(
    input: unknown,
    actor: { id: string | null; ip: string | null },
    opts: { demo?: boolean } = {},
  ): Promise<AccountView> {
    const req = parseOrThrow(CreateStaffRequest, input);
    checkDuties(req.roles);
    const byStaff = actor.id !== null;
    const existing = await this.#db
      .selectFrom('staff_accounts')
      .select('id')
      .where('username', '=', req.username)
      .executeTakeFirst();
    if (existing) throw AppError.conflict(`username ${req.username} is taken`);
    if (req.roles.includes('agent') && !req.department) {
      throw AppError.validation('an agent needs a department', ['department']);
    }
    const now = this.#now();
    const row = {
      id: randomUUID(),
      username: req.username,
      display_name: req.displayName,
      password_hash: await hashPassword(req.password),
      roles: JSON.stringify(byStaff ? [] : req.roles),
      department: req.department,
      regions: JSON.stringify(req.regions),
      languages: JSON.stringify(req.languages),
      disabled: 0,
      is_demo: opts.demo ? 1 : 0,
      must_change_password: byStaff ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    await this.#db.insertInto('staff_accounts').values(row).execute();
    await this.#audit.record({
      actorType: actor.id ? 'staff' : 'system',
      actorId: actor.id,
      action: 'account.create',
      targetType: 'staff_account',
      targetId: row.id,
      ip: actor.ip,
      details: { username: req.username, roles: req.roles },
    });
    return toView(row);
  }

  async list(): Promise<AccountView[]> {
    const rows = await this.#db
      .selectFrom('staff_accounts')
      .selectAll()
      .orderBy('username')
      .execute();
    return rows.map(toView);
  }

  async get(id: string): Promise<AccountView | null> {
    const row = await this.#db
      .selectFrom('staff_accounts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toView(row) : null;
  }

  async #require(id: string): Promise<AccountView> {
    const account = await this.get(id);
    if (!account) throw AppError.notFound('account');
    return account;
  }

  /** Display names by account id, for words instead of ids (audit view, grants). */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.#db
      .selectFrom('staff_accounts')
      .select(['id', 'display_name', 'username'])
      .where('id', 'in', [...new Set(ids)])
      .execute();
    return new Map(rows.map((r) => [r.id, `${r.display_name}（${r.username}）`]));
  }

  /** Display name, regions and languages; refuses the actor's own account. */
  async edit(id: string, input: unknown, actor: AccountActor): Promise<AccountView> {
    const req = parseOrThrow(EditAccountRequest, input);
    refuseSelf(id, actor);
    const before = await this.#require(id);
    await this.#db
      .updateTable('staff_accounts')
      .set({
        display_name: req.displayName,
        regions: JSON.stringify(req.regions),
        languages: JSON.stringify(req.languages),
        updated_at: this.#now(),
      })
      .where('id', '=', id)
      .execute();
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: 'account.edit',
      targetType: 'staff_account',
      targetId: id,
      ip: actor.ip,
      details: {
        from: {
          displayName: before.displayName,
          regions: before.regions,
          languages: before.languages,
        },
        to: req,
      },
    });
    // The regions served decide which cases the person reads: the session starts over.
    if (before.regions.join() !== req.regions.join()) await this.#endAll(id, 'roleChanged');
    return this.#require(id);
  }

  /** A temporary password the person must change at the next sign-in; their sessions end. */
  async resetPassword(id: string, input: unknown, actor: AccountActor): Promise<void> {
    const req = parseOrThrow(ResetPasswordRequest, input);
    refuseSelf(id, actor);
    await this.#require(id);
    await this.#db
      .updateTable('staff_accounts')
      .set({
        password_hash: await hashPassword(req.password),
        must_change_password: 1,
        updated_at: this.#now(),
      })
      .where('id', '=', id)
      .execute();
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: 'account.password.reset',
      targetType: 'staff_account',
      targetId: id,
      ip: actor.ip,
    });
    await this.#endAll(id, 'passwordReset');
  }

  /** The signed-in person's own new password; clears "must change password". */
  async changePassword(
    session: StaffSession,
    input: unknown,
    origin: RequestOrigin,
  ): Promise<StaffSession> {
    const req = parseOrThrow(ChangePasswordRequest, input);
    const row = await this.#db
      .selectFrom('staff_accounts')
      .select('password_hash')
      .where('id', '=', session.profile.id)
      .executeTakeFirst();
    if (!row || !(await verifyPassword(req.current, row.password_hash))) {
      await this.#audit.record({
        actorType: 'staff',
        actorId: session.profile.id,
        action: 'auth.password.refused',
        targetType: 'staff_account',
        targetId: session.profile.id,
        ip: origin.ip,
      });
      throw new AppError('BAD_CREDENTIALS');
    }
    if (req.next === req.current) {
      throw AppError.validation('the new password must differ from the old one', ['next']);
    }
    await this.#db
      .updateTable('staff_accounts')
      .set({
        password_hash: await hashPassword(req.next),
        must_change_password: 0,
        updated_at: this.#now(),
      })
      .where('id', '=', session.profile.id)
      .execute();
    await this.#audit.record({
      actorType: 'staff',
      actorId: session.profile.id,
      action: 'auth.password.change',
      targetType: 'staff_account',
      targetId: session.profile.id,
      ip: origin.ip,
    });
    return { ...session, mustChangePassword: false };
  }

  async #endAll(id: string, reason: SessionEndReason): Promise<void> {
    await this.#db.deleteFrom('staff_sessions').where('account_id', '=', id).execute();
    this.#ended({ accountId: id, reason });
  }

  async countDemoAccounts(): Promise<number> {
    const rows = await this.#db
      .selectFrom('staff_accounts')
      .select('id')
      .where('is_demo', '=', 1)
      .where('disabled', '=', 0)
      .execute();
    return rows.length;
  }

  async setDisabled(id: string, disabled: boolean, actor: AccountActor): Promise<void> {
    refuseSelf(id, actor);
    const res = await this.#db
      .updateTable('staff_accounts')
      .set({ disabled: disabled ? 1 : 0, updated_at: this.#now() })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw AppError.notFound('account');
    if (disabled)
      await this.#db.deleteFrom('staff_sessions').where('account_id', '=', id).execute();
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: disabled ? 'account.disable' : 'account.enable',
      targetType: 'staff_account',
      targetId: id,
      ip: actor.ip,
    });
    if (disabled) this.#ended({ accountId: id, reason: 'disabled' });
  }

  /**
   * Gives an account its roles and department (a grant decided by RoleGrants). Its sessions
   * end: a session carries what the person was allowed when it began, so the person signs in
   * again under the new roles.
   */
  async applyRoles(
    id: string,
    change: { roles: Role[]; department: string | null },
    actor: AccountActor,
    grant: { id: string; requestedBy: string } | null,
  ): Promise<AccountView> {
    checkDuties(change.roles);
    if (change.roles.includes('agent') && !change.department) {
      throw AppError.validation('an agent needs a department', ['department']);
    }
    const before = await this.#require(id);
    await this.#db
      .updateTable('staff_accounts')
      .set({
        roles: JSON.stringify(change.roles),
        department: change.department,
        updated_at: this.#now(),
      })
      .where('id', '=', id)
      .execute();
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: 'account.roles',
      targetType: 'staff_account',
      targetId: id,
      ip: actor.ip,
      details: {
        from: { roles: before.roles, department: before.department },
        to: change,
        ...(grant ? { grant: grant.id, requestedBy: grant.requestedBy } : {}),
      },
    });
    await this.#endAll(id, 'roleChanged');
    return this.#require(id);
  }

  async login(username: string, password: string, origin: RequestOrigin): Promise<StaffSession> {
    // Counted before the password is checked, so parallel guesses cannot all get through.
    await this.#guard.admit(username, origin.ip);
    const row = await this.#db
      .selectFrom('staff_accounts')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    dummyHash ??= hashPassword('not-a-real-password');
    const stored = row?.password_hash ?? (await dummyHash);
    const ok = await this.#guard.check(username, origin.ip, () => verifyPassword(password, stored));
    const demoRefused = !!row?.is_demo && this.#policy.refuseDemoAccounts === true;
    if (!row || !ok || row.disabled || demoRefused) {
      await this.#audit.record({
        actorType: 'staff',
        actorId: row?.id ?? null,
        action: demoRefused && ok ? 'auth.login.demoRefused' : 'auth.login.failed',
        targetType: 'username',
        targetId: username,
        ip: origin.ip,
      });
      throw new AppError('BAD_CREDENTIALS');
    }
    await this.#guard.succeeded(username, origin.ip);
    const now = this.#now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + this.#policy.sessionTtlMs;
    await this.#db
      .insertInto('staff_sessions')
      .values({
        token_hash: hashToken(token),
        account_id: row.id,
        created_at: now,
        expires_at: expiresAt,
        last_seen_at: now,
        ip: origin.ip,
        user_agent: origin.userAgent?.slice(0, 256) ?? null,
      })
      .execute();
    await this.#audit.record({
      actorType: 'staff',
      actorId: row.id,
      action: 'auth.login',
      targetType: 'staff_account',
      targetId: row.id,
      ip: origin.ip,
    });
    log.info({ account: row.id }, 'staff login');
    return {
      token,
      sessionId: hashToken(token),
      profile: toProfile(row),
      expiresAt,
      mustChangePassword: row.must_change_password === 1,
    };
  }

  /** The profile behind a session token, or null when unknown, expired or disabled. */
  async authenticate(token: string | undefined): Promise<StaffSession | null> {
    if (!token) return null;
    const now = this.#now();
    const hash = hashToken(token);
    const row = await this.#db
      .selectFrom('staff_sessions')
      .innerJoin('staff_accounts', 'staff_accounts.id', 'staff_sessions.account_id')
      .selectAll('staff_accounts')
      .select(['staff_sessions.expires_at', 'staff_sessions.last_seen_at'])
      .where('staff_sessions.token_hash', '=', hash)
      .executeTakeFirst();
    if (!row) return null;
    if (Number(row.expires_at) <= now || row.disabled) {
      await this.#db.deleteFrom('staff_sessions').where('token_hash', '=', hash).execute();
      return null;
    }
    // Touch at most once a minute: authentication is on every request.
    if (now - Number(row.last_seen_at) > 60_000) {
      await this.#db
        .updateTable('staff_sessions')
        .set({ last_seen_at: now })
        .where('token_hash', '=', hash)
        .execute();
    }
    return {
      token,
      sessionId: hash,
      profile: toProfile(row),
      expiresAt: Number(row.expires_at),
      mustChangePassword: row.must_change_password === 1,
    };
  }

  /**
   * Why a session (by its id, the hashed token) is no longer valid, or null while it is. A
   * socket asks right after it joined its rooms: an ending that raced its handshake is caught
   * here, every later one reaches it through its rooms.
   */
  async sessionEndReason(sessionId: string): Promise<SessionEndReason | null> {
    const row = await this.#db
      .selectFrom('staff_sessions')
      .innerJoin('staff_accounts', 'staff_accounts.id', 'staff_sessions.account_id')
      .select(['staff_sessions.expires_at', 'staff_accounts.disabled'])
      .where('staff_sessions.token_hash', '=', sessionId)
      .executeTakeFirst();
    if (!row) return 'loggedOut';
    if (row.disabled) return 'disabled';
    if (Number(row.expires_at) <= this.#now()) return 'expired';
    return null;
  }

  async logout(token: string, origin: RequestOrigin): Promise<void> {
    const session = await this.authenticate(token);
    await this.#db
      .deleteFrom('staff_sessions')
      .where('token_hash', '=', hashToken(token))
      .execute();
    if (session) {
      await this.#audit.record({
        actorType: 'staff',
        actorId: session.profile.id,
        action: 'auth.logout',
        targetType: 'staff_account',
        targetId: session.profile.id,
        ip: origin.ip,
      });
      this.#ended({
        accountId: session.profile.id,
        sessionId: session.sessionId,
        reason: 'loggedOut',
      });
    }
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const StoredList = z.array(z.string());
const StoredRoles = z.array(Role);

function toProfile(row: Selectable<StaffAccountTable> | StaffAccountTable): StaffProfile {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: StoredRoles.parse(JSON.parse(row.roles)),
    department: row.department,
    regions: StoredList.parse(JSON.parse(row.regions)),
    languages: StoredList.parse(JSON.parse(row.languages)),
  };
}

function toView(row: Selectable<StaffAccountTable> | StaffAccountTable): AccountView {
  return {
    ...toProfile(row),
    disabled: row.disabled === 1,
    mustChangePassword: row.must_change_password === 1,
  };
}

/** Nobody grants themselves anything: administration never acts on the actor's own account. */
export function refuseSelf(id: string, actor: { id: string | null }): void {
  if (actor.id === id) throw new AppError('SELF_GRANT');
}
