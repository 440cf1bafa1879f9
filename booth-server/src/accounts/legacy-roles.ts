import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { createLogger } from '../logging/logger.ts';

const log = createLogger('accounts');

/**
 * Databases from before 三员分立 hold the single `admin` role: it becomes the system
 * administrator (the duties it had: accounts, terminals, catalogue), with a log line and an
 * audit entry per account. Runs at start-up, before anything reads an account.
 */
export async function migrateLegacyAdminRoles(
  db: Kysely<DB>,
  audit: AuditLog,
  now: () => number = Date.now,
): Promise<number> {
  const rows = await db
    .selectFrom('staff_accounts')
    .select(['id', 'username', 'roles'])
    .where('roles', 'like', '%"admin"%')
    .execute();
  for (const row of rows) {
    const old = z.array(z.string()).parse(JSON.parse(row.roles));
    if (!old.includes('admin')) continue;
    const roles = [...new Set(old.map((r) => (r === 'admin' ? 'sysadmin' : r)))];
    await db
      .updateTable('staff_accounts')
      .set({ roles: JSON.stringify(roles), updated_at: now() })
      .where('id', '=', row.id)
      .execute();
    await audit.record({
      actorType: 'system',
      actorId: null,
      action: 'account.roles.migrated',
      targetType: 'staff_account',
      targetId: row.id,
      details: { from: old, to: roles },
    });
    log.warn(
      { account: row.id, username: row.username, from: old, to: roles },
      'legacy admin role migrated to sysadmin (system administrator)',
    );
  }
  return rows.length;
}
