import type { Kysely } from 'kysely';

/**
 * One open case per subject (the newborn, the house, the company): the field that names a case's
 * subject and a keyed blind index of its value, never the value itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('subject_field', 'text').execute();
  await db.schema.alterTable('cases').addColumn('subject_index', 'text').execute();
  await db.schema.createIndex('cases_subject').on('cases').column('subject_index').execute();
}
