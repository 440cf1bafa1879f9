import type { Kysely } from 'kysely';

/**
 * 好差评 follow-up in two steps (call back, then fix) with the citizen's one re-rating, and the
 * queue of reports to the national 好差评 platform.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Existing columns keep their meaning: due_at is the fix deadline, resolution/resolved_* the fix.
  const columns: [string, 'text' | 'bigint'][] = [
    ['call_back_due_at', 'bigint'],
    ['called_back_at', 'bigint'],
    ['called_back_by', 'text'],
    ['call_back_note', 'text'],
    ['re_rating_level', 'text'],
    ['re_rating_comment', 'text'],
    ['re_rated_at', 'bigint'],
    // Which overdue steps supervisors have been told about, so each is told once.
    ['alerted', 'text'],
  ];
  for (const [name, type] of columns) {
    await db.schema.alterTable('follow_ups').addColumn(name, type).execute();
  }
  await db.schema.createIndex('follow_ups_rating').on('follow_ups').column('rating_id').execute();
  await db.schema
    .createTable('rating_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('rating_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_at', 'bigint', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('rating_reports_due')
    .on('rating_reports')
    .columns(['sent_at', 'next_at'])
    .execute();
}
