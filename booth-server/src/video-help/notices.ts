import type { Kysely } from 'kysely';
import { timeOrderedId } from '../db/ids.ts';
import type { DB } from '../db/schema.ts';

/** Who a notice waits for: a kiosk (`terminal:<id>`) or a staff member (`staff:<id>`). */
export type NoticeTarget = `terminal:${string}` | `staff:${string}`;

/**
 * Endings a kiosk or agent missed because it was gone when they happened (its ticket ended
 * `kioskLost`, its call was requeued `agentLost`): kept in the database, across restarts, and
 * handed to it once when it connects again, so it never goes on showing a ticket that is over.
 */
export class Notices {
  readonly #db: Kysely<DB>;
  readonly #now: () => number;
  readonly #retainMs: number;

  constructor(db: Kysely<DB>, opts: { now?: () => number; retainMs?: number } = {}) {
    this.#db = db;
    this.#now = opts.now ?? Date.now;
    // Beyond a day no screen still shows the ticket: the kiosk has wiped, the console reloaded.
    this.#retainMs = opts.retainMs ?? 86_400_000;
  }

  async leave(target: NoticeTarget, event: string, payload: unknown): Promise<void> {
    const at = this.#now();
    await this.#db
      .insertInto('booth_notices')
      .values({ id: timeOrderedId(at), target, event, payload: JSON.stringify(payload), at })
      .execute();
    await this.#db
      .deleteFrom('booth_notices')
      .where('at', '<', at - this.#retainMs)
      .execute();
  }

  /** The notices waiting for `target`, oldest first; each is handed out once. */
  async take(target: NoticeTarget): Promise<{ event: string; payload: unknown }[]> {
    const rows = await this.#db
      .selectFrom('booth_notices')
      .selectAll()
      .where('target', '=', target)
      .orderBy('id')
      .execute();
    if (rows.length === 0) return [];
    const taken = await this.#db
      .deleteFrom('booth_notices')
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .executeTakeFirst();
    // Two sockets of the same kiosk connecting at once: only the one that deleted them tells.
    if (Number(taken.numDeletedRows) !== rows.length) return [];
    return rows.map((r) => ({ event: r.event, payload: JSON.parse(r.payload) as unknown }));
  }
}
