import type { Kysely } from 'kysely';

/**
 * Media nodes: each announces itself (region, addresses, load) and refreshes a heartbeat; each
 * call's peers are recorded with the node their media lives on, so any signalling process can
 * forward a peer's media requests and a dead node's calls can be found and moved.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('media_nodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('announced_address', 'text')
    .addColumn('control_url', 'text', (c) => c.notNull())
    .addColumn('load', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('available', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('heartbeat_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('media_call_legs')
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('peer_id', 'text', (c) => c.notNull())
    .addColumn('node_id', 'text', (c) => c.notNull())
    // The node's incarnation: a node restarted under the same id has lost the room.
    .addColumn('node_started_at', 'bigint', (c) => c.notNull())
    .addColumn('peer', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_call_legs_pk', ['call_id', 'peer_id'])
    .execute();
  await db.schema
    .createIndex('media_call_legs_node')
    .on('media_call_legs')
    .column('node_id')
    .execute();
}
