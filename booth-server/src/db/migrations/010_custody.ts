import { type Kysely, sql } from 'kysely';

/**
 * Custody of a citizen across a restart (booth_calls, booth_grace) and least privilege for case
 * data (cases.region, case_grants).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // What serving a ticket needs beyond the routing engine's own rows: the booth, the draft
  // without identity, chat, guests, pending remote actions; kept after the call for the rating.
  await db.schema
    .createTable('booth_calls')
    .addColumn('ticket_id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .execute();
  await db.schema.createIndex('booth_calls_ended').on('booth_calls').column('ended_at').execute();
  // Endings a kiosk or agent missed while it was gone, told when it is back.
  await db.schema
    .createTable('booth_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('booth_notices_target')
    .on('booth_notices')
    .column('target')
    .execute();
  // Reconnect deadlines, so a restart re-arms them instead of starting the wait over.
  await db.schema
    .createTable('booth_grace')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('until', 'bigint', (c) => c.notNull())
    .execute();
  // The region a case was filed in (the terminal's, at filing): staff see cases of the regions
  // they serve.
  await db.schema.alterTable('cases').addColumn('region', 'text').execute();
  await sql`update cases set region = (select t.region from terminals t where t.id = cases.terminal_id)`.execute(
    db,
  );
  // Cross-region access, only through a ticket the staff member was assigned and served.
  await db.schema
    .createTable('case_grants')
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('ticket_id', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_grants_pk', ['case_number', 'staff_id'])
    .execute();
}
