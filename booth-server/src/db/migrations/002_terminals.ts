import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('terminals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('site', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('enrolment_code_hash', 'text')
    .addColumn('enrolment_expires_at', 'bigint')
    .addColumn('credential_hash', 'text')
    .addColumn('enrolled_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('maintenance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('kiosk_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}
