import type { Kysely } from 'kysely';

/**
 * Attempt counters shared by every booth-server process: sign-in limits per address, account
 * and (address, account), and the status lookup's per-case limit. They replace the per-username
 * lockout of `login_throttle`, which let anyone lock any account.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attempt_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('blocked_until', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.dropTable('login_throttle').execute();
}
