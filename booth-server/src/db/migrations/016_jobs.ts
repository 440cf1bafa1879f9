import { type Kysely, sql } from 'kysely';

/**
 * One table of deadlines and periodic work shared by every booth-server process (jobs/): a job
 * is keyed by (kind, key) so scheduling the same deadline from many processes is one row;
 * `locked_until` is the claim's lease and `token` the fencing token of the latest claim. The
 * reconnect deadlines of booth_grace move into it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('every_ms', 'bigint')
    .addColumn('locked_until', 'bigint')
    .addColumn('token', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('jobs_pk', ['kind', 'key'])
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').column('due_at').execute();
  await sql`insert into jobs (kind, key, due_at, payload)
            select 'booth.grace', key, until, '{}' from booth_grace`.execute(db);
  await db.schema.dropTable('booth_grace').execute();
}
