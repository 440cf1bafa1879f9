import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { MediaNodeView } from './placement.ts';

/**
 * The `media_nodes` table: each node writes its announcement at start and refreshes its load
 * and heartbeat; signalling processes read it to place calls and to notice a node that died.
 */
export class MediaNodeRegistry {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async announce(node: MediaNodeView): Promise<void> {
    const row = {
      id: node.id,
      region: node.region,
      announced_address: node.announcedAddress,
      control_url: node.controlUrl,
      load: node.load,
      available: node.available ? 1 : 0,
      started_at: node.startedAt,
      heartbeat_at: node.heartbeatAt,
    };
    await this.#db
      .insertInto('media_nodes')
      .values(row)
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }

  async heartbeat(id: string, at: number, load: number, available: boolean): Promise<void> {
    await this.#db
      .updateTable('media_nodes')
      .set({ heartbeat_at: at, load, available: available ? 1 : 0 })
      .where('id', '=', id)
      .execute();
  }

  async list(): Promise<MediaNodeView[]> {
    const rows = await this.#db.selectFrom('media_nodes').selectAll().orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      region: r.region,
      announcedAddress: r.announced_address,
      controlUrl: r.control_url,
      load: Number(r.load),
      available: Number(r.available) === 1,
      startedAt: Number(r.started_at),
      heartbeatAt: Number(r.heartbeat_at),
    }));
  }

  /** A node that stops on purpose leaves: nothing waits for its heartbeat to go stale. */
  async leave(id: string, startedAt: number): Promise<void> {
    await this.#db
      .updateTable('media_nodes')
      .set({ available: 0, heartbeat_at: 0 })
      .where('id', '=', id)
      .where('started_at', '=', startedAt)
      .execute();
  }
}
