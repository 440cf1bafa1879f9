import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('terminal_status')
    .addColumn('terminal_id', 'text', (c) => c.primaryKey().references('terminals.id'))
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('heartbeat', 'text', (c) => c.notNull())
    .addColumn('clock_skew_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('terminal_heartbeats')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('heartbeat', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('terminal_heartbeats_t_at')
    .on('terminal_heartbeats')
    .columns(['terminal_id', 'at'])
    .execute();
  await db.schema
    .createTable('terminal_presence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('from_at', 'bigint', (c) => c.notNull())
    .addColumn('to_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('terminal_presence_t')
    .on('terminal_presence')
    .columns(['terminal_id', 'to_at'])
    .execute();
  await db.schema
    .createTable('terminal_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('terminal_events_t_at')
    .on('terminal_events')
    .columns(['terminal_id', 'at'])
    .execute();
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_by', 'text')
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('resolved_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('alerts_terminal')
    .on('alerts')
    .columns(['terminal_id', 'resolved_at'])
    .execute();
}
