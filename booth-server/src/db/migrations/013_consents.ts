import type { Kysely } from 'kysely';

/**
 * Separate consents (PIPL): what the citizen agreed to, in which words, when, on which
 * terminal, for which case. No personal data: the case number links it to the applicant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('wording', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text')
    .addColumn('given_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consents_case').on('consents').column('case_number').execute();
}
