import { randomUUID } from 'node:crypto';
import { AppError } from '@onething/contract/errors';
import {
  Role,
  type RoleChangeResponse,
  type RoleGrant,
  SetRolesRequest,
} from '@onething/contract/rest/staff';
import { parseOrThrow } from '@onething/contract/validation';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import type { DB, RoleGrantTable } from '../db/schema.ts';
import { type AccountActor, type AccountService, refuseSelf } from './account-service.ts';
import { addedPersonalDataRoles, checkDuties, grantWaits } from './duties.ts';

/** Who asks for or decides a grant: their roles decide whether it waits. */
export interface GrantActor extends AccountActor {
  roles: readonly Role[];
}

const StoredRoles = z.array(Role);

/**
 * Role changes (三员分立): they go through security administrators. A change a system
 * administrator asks for (the roles of an account they created) waits for a security
 * administrator; a security administrator's change that adds a role reading personal data
 * waits for a second one. Nobody asks for or approves anything on their own account, and the
 * one who asked cannot approve.
 */
export class RoleGrants {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #accounts: AccountService;
  readonly #now: () => number;

  constructor(
    db: Kysely<DB>,
    audit: AuditLog,
    accounts: AccountService,
    now: () => number = Date.now,
  ) {
    this.#db = db;
    this.#audit = audit;
    this.#accounts = accounts;
    this.#now = now;
  }

  /** Asks for `input` (roles and department) on the account: applied now, or a pending grant. */
  async request(accountId: string, input: unknown, actor: GrantActor): Promise<RoleChangeResponse> {
    const change = parseOrThrow(SetRolesRequest, input);
    refuseSelf(accountId, actor);
    checkDuties(change.roles);
    if (change.roles.includes('agent') && !change.department) {
      throw AppError.validation('an agent needs a department', ['department']);
    }
    const account = await this.#accounts.get(accountId);
    if (!account) throw AppError.notFound('account');
    if (!grantWaits(actor.roles, account.roles, change.roles)) {
      return {
        profile: await this.#accounts.applyRoles(accountId, change, actor, null),
        pending: null,
      };
    }
    const waiting = await this.#db
      .selectFrom('role_grants')
      .select('id')
      .where('account_id', '=', accountId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (waiting)
      throw AppError.conflict('a role change for this account is already waiting for approval');
    const row: RoleGrantTable = {
      id: randomUUID(),
      account_id: accountId,
      roles: JSON.stringify(change.roles),
      department: change.department,
      requested_by: actor.id,
      requested_at: this.#now(),
      status: 'pending',
      decided_by: null,
      decided_at: null,
    };
    await this.#db.insertInto('role_grants').values(row).execute();
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: 'role.grant.request',
      targetType: 'staff_account',
      targetId: accountId,
      ip: actor.ip,
      details: {
        grant: row.id,
        roles: change.roles,
        department: change.department,
        personalData: addedPersonalDataRoles(account.roles, change.roles),
      },
    });
    return { profile: account, pending: (await this.#views([row]))[0] ?? null };
  }

  /** Pending grants first (oldest first), then the 50 latest decided ones. */
  async list(): Promise<RoleGrant[]> {
    const pending = await this.#db
      .selectFrom('role_grants')
      .selectAll()
      .where('status', '=', 'pending')
      .orderBy('requested_at')
      .execute();
    const decided = await this.#db
      .selectFrom('role_grants')
      .selectAll()
      .where('status', '!=', 'pending')
      .orderBy('decided_at', 'desc')
      .limit(50)
      .execute();
    return this.#views([...pending, ...decided]);
  }

  async approve(id: string, actor: GrantActor): Promise<RoleChangeResponse> {
    const grant = await this.#decide(id, actor, 'approved');
    const profile = await this.#accounts.applyRoles(
      grant.account_id,
      { roles: StoredRoles.parse(JSON.parse(grant.roles)), department: grant.department },
      actor,
      { id: grant.id, requestedBy: grant.requested_by },
    );
    return { profile, pending: null };
  }

  async reject(id: string, actor: GrantActor): Promise<void> {
    await this.#decide(id, actor, 'rejected');
  }

  async #decide(
    id: string,
    actor: GrantActor,
    status: 'approved' | 'rejected',
  ): Promise<Selectable<RoleGrantTable>> {
    const grant = await this.#db
      .selectFrom('role_grants')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!grant) throw AppError.notFound('grant');
    if (grant.status !== 'pending')
      throw AppError.conflict(`the grant was already ${grant.status}`);
    refuseSelf(grant.account_id, actor);
    if (grant.requested_by === actor.id) throw new AppError('SECOND_APPROVER_REQUIRED');
    // Decided once: the update only matches while the grant is still pending.
    const res = await this.#db
      .updateTable('role_grants')
      .set({ status, decided_by: actor.id, decided_at: this.#now() })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw AppError.conflict('the grant was already decided');
    await this.#audit.record({
      actorType: 'staff',
      actorId: actor.id,
      action: status === 'approved' ? 'role.grant.approve' : 'role.grant.reject',
      targetType: 'staff_account',
      targetId: grant.account_id,
      ip: actor.ip,
      details: { grant: id, requestedBy: grant.requested_by, roles: JSON.parse(grant.roles) },
    });
    return grant;
  }

  async #views(rows: Selectable<RoleGrantTable>[]): Promise<RoleGrant[]> {
    const names = await this.#accounts.names(
      rows.flatMap((r) => [r.account_id, r.requested_by, ...(r.decided_by ? [r.decided_by] : [])]),
    );
    return rows.map((r) => ({
      id: r.id,
      accountId: r.account_id,
      accountName: names.get(r.account_id) ?? r.account_id,
      roles: StoredRoles.parse(JSON.parse(r.roles)),
      department: r.department,
      requestedBy: r.requested_by,
      requestedByName: names.get(r.requested_by) ?? r.requested_by,
      requestedAt: Number(r.requested_at),
      status: z.enum(['pending', 'approved', 'rejected']).parse(r.status),
      decidedBy: r.decided_by,
      decidedAt: r.decided_at === null ? null : Number(r.decided_at),
    }));
  }
}
