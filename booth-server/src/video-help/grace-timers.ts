import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createLogger } from '../logging/logger.ts';

const log = createLogger('booth');

/**
 * Reconnect grace periods (a kiosk or agent that vanished has this long to come back) whose
 * deadlines are stored, so that a restarted server re-arms each one for what was left of it
 * instead of waiting forever or starting the wait over.
 */
export class GraceTimers {
  readonly #db: Kysely<DB>;
  readonly #graceMs: number;
  readonly #now: () => number;
  readonly #timers = new Map<string, NodeJS.Timeout>();
  #closed = false;

  constructor(db: Kysely<DB>, opts: { graceMs: number; now?: () => number }) {
    this.#db = db;
    this.#graceMs = opts.graceMs;
    this.#now = opts.now ?? Date.now;
  }

  /** The stored deadlines, by key (read once at start). */
  async stored(): Promise<Map<string, number>> {
    const rows = await this.#db.selectFrom('booth_grace').selectAll().execute();
    return new Map(rows.map((r) => [r.key, Number(r.until)]));
  }

  /** Starts (or restarts) the grace for `key`; `until` defaults to now + the grace period. */
  start(key: string, fn: () => Promise<unknown>, until = this.#now() + this.#graceMs): void {
    if (this.#closed) return;
    this.#clear(key);
    const timer = setTimeout(
      () => {
        this.#timers.delete(key);
        void this.#forget(key);
        fn().catch((e) => log.warn({ err: e, key }, 'grace handler failed'));
      },
      Math.max(0, until - this.#now()),
    );
    timer.unref();
    this.#timers.set(key, timer);
    void this.#db
      .insertInto('booth_grace')
      .values({ key, until })
      .onConflict((oc) => oc.column('key').doUpdateSet({ until }))
      .execute()
      .catch((e: unknown) => log.error({ err: e, key }, 'grace deadline not stored'));
  }

  cancel(key: string): void {
    if (this.#closed) return;
    const had = this.#timers.has(key);
    this.#clear(key);
    if (had) void this.#forget(key);
  }

  /** Drops stored deadlines that no longer belong to anyone (their ticket or agent is gone). */
  async prune(keep: ReadonlySet<string>): Promise<void> {
    for (const key of (await this.stored()).keys()) if (!keep.has(key)) await this.#forget(key);
  }

  /** Stops the timers; stored deadlines stay for the next start. */
  close(): void {
    this.#closed = true;
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
  }

  #clear(key: string): void {
    const t = this.#timers.get(key);
    if (t) clearTimeout(t);
    this.#timers.delete(key);
  }

  async #forget(key: string): Promise<void> {
    await this.#db
      .deleteFrom('booth_grace')
      .where('key', '=', key)
      .execute()
      .catch((e: unknown) => log.error({ err: e, key }, 'grace deadline not removed'));
  }
}
