import type { Kysely } from 'kysely';

/**
 * Time-stamped anchors of the audit chain's head (a copy of what is also appended to a file
 * outside the database): a chain cut short or rewritten behind an anchor no longer matches it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_anchors')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('gen_time', 'bigint', (c) => c.notNull())
    .addColumn('serial', 'text', (c) => c.notNull())
    .execute();
}
