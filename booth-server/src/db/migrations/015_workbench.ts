import type { Kysely } from 'kysely';

/**
 * The department workbench: an optimistic version per sub-case (two reviewers acting at once:
 * one wins), the open 补正 request, due dates counted without next year's holiday calendar
 * (provisional), the reason code of each move, the shared-data evidence a case was filed with,
 * and the licences a finished sub-case issued to the licence library.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sub_cases')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('sub_cases')
    .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('sub_cases').addColumn('correction', 'text').execute();
  await db.schema.alterTable('case_events').addColumn('reason_code', 'text').execute();
  await db.schema.alterTable('cases').addColumn('evidence', 'text').execute();
  await db.schema
    .createTable('issued_licences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('sub_case_id', 'text', (c) => c.notNull())
    .addColumn('licence_code', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('holder_id_hash', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('issued_licences_holder')
    .on('issued_licences')
    .column('holder_id_hash')
    .execute();
}
