import type { Kysely } from 'kysely';

/**
 * Identity at the kiosk comes only from the device bridge: each kiosk session gets a public id
 * the bridge names when it attests a card read or an electronic-ID check; the attested actor
 * lives per visit (card read → wipe) beside the cases filed in it (who may rate them), the
 * certificates issued (serial + keyed digest for /verify).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('kiosk_sessions').addColumn('session_id', 'text').execute();
  await db.schema
    .createIndex('kiosk_sessions_session_id')
    .on('kiosk_sessions')
    .column('session_id')
    .unique()
    .execute();
  await db.schema
    .createTable('kiosk_attestations')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('visit_id', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.id'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('attested_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('kiosk_visit_cases')
    .addColumn('visit_id', 'text', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('kiosk_visit_cases_pk', ['visit_id', 'case_number'])
    .execute();
  await db.schema
    .createTable('certificates')
    .addColumn('serial', 'text', (c) => c.primaryKey())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text', (c) => c.notNull())
    .addColumn('holder_masked', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('valid_until', 'bigint', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .execute();
}
