import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, key] of [
    ['routing_tickets', 'id'],
    ['routing_agents', 'id'],
    ['routing_offers', 'id'],
    ['routing_queue_stats', 'queue_id'],
  ] as const) {
    let t = db.schema.createTable(table).addColumn(key, 'text', (c) => c.primaryKey());
    if (table === 'routing_tickets' || table === 'routing_offers')
      t = t.addColumn('state', 'text', (c) => c.notNull());
    await t.addColumn('data', 'text', (c) => c.notNull()).execute();
  }
  await db.schema
    .createIndex('routing_tickets_state')
    .on('routing_tickets')
    .column('state')
    .execute();
  await db.schema
    .createIndex('routing_offers_state')
    .on('routing_offers')
    .column('state')
    .execute();
  await db.schema
    .createTable('routing_maintenance')
    .addColumn('terminal_id', 'text', (c) => c.primaryKey())
    .execute();
  await db.schema
    .createTable('routing_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('routing_records_at').on('routing_records').column('at').execute();
  await db.schema
    .createTable('routing_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('revision', 'bigint', (c) => c.notNull())
    .execute();
  await db
    .withTables<{ routing_revision: { id: number; revision: number } }>()
    .insertInto('routing_revision')
    .values({ id: 1, revision: 0 })
    .execute();
}
