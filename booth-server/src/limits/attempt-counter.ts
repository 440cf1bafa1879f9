import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** How one kind of key is limited. */
export interface AttemptRule {
  /** Attempts allowed in a window before the key is held back. */
  free: number;
  /** How long a window lasts from its first attempt; the count then starts over. */
  windowMs: number;
  /**
   * Until when the key is held back after its `attempts`-th attempt (which exceeded `free` or
   * reached it): e.g. a doubling delay, or the end of the window.
   */
  holdUntil(attempts: number, windowStart: number, now: number): number;
}

export type TakeResult =
  { ok: true } | { ok: false; key: string; retryAfterMs: number; blockedUntil: number };

// Lost compare-and-set races before giving up; each loss means another request counted.
const MAX_RACES = 50;

/**
 * Atomic attempt counters in the database, so every booth-server process sees the same counts
 * and parallel requests cannot all slip through before the first one is counted. Each take is a
 * compare-and-set on (attempts, window_start): SQLite serialises the writes, PostgreSQL
 * re-checks the WHERE clause on the row it waited for, so a lost race reads again.
 */
export class AttemptCounter {
  readonly #db: Kysely<DB>;
  readonly #now: () => number;

  constructor(db: Kysely<DB>, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /**
   * Counts one attempt against every key, in order; refuses without counting the keys still
   * to come when one is held back, and gives back what it had already counted.
   */
  async take(keys: { key: string; rule: AttemptRule }[]): Promise<TakeResult> {
    const taken: { key: string; rule: AttemptRule }[] = [];
    for (const k of keys) {
      const r = await this.#takeOne(k.key, k.rule);
      if (!r.ok) {
        for (const t of taken) await this.refund(t.key, t.rule);
        return r;
      }
      taken.push(k);
    }
    return { ok: true };
  }

  /**
   * The attempt turned out not to count (a right answer, a refusal that checked nothing): one
   * attempt is given back, and a hold it caused is lifted once the key is back within `free`.
   */
  async refund(key: string, rule: AttemptRule): Promise<void> {
    await this.#db
      .updateTable('attempt_counters')
      .set({
        attempts: sql`attempts - 1`,
        blocked_until: sql`case when attempts - 1 < ${rule.free} then 0 else blocked_until end`,
      })
      .where('key', '=', key)
      .where('attempts', '>', 0)
      .execute();
  }

  /** Forgets a key (e.g. the (address, account) pair after a successful sign-in). */
  async clear(key: string): Promise<void> {
    await this.#db.deleteFrom('attempt_counters').where('key', '=', key).execute();
  }

  /**
   * Forgets keys whose window began before `before` and that hold nothing back: they would
   * start over at their next attempt anyway. Keeps the table to the keys in use.
   */
  async sweep(before: number): Promise<number> {
    const res = await this.#db
      .deleteFrom('attempt_counters')
      .where('window_start', '<', before)
      .where('blocked_until', '<=', this.#now())
      .executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  async #takeOne(key: string, rule: AttemptRule): Promise<TakeResult> {
    for (let race = 0; race < MAX_RACES; race++) {
      const now = this.#now();
      const row = await this.#db
        .selectFrom('attempt_counters')
        .selectAll()
        .where('key', '=', key)
        .executeTakeFirst();
      if (!row) {
        const inserted = await this.#db
          .insertInto('attempt_counters')
          .values({
            key,
            attempts: 1,
            window_start: now,
            blocked_until: rule.free <= 1 ? rule.holdUntil(1, now, now) : 0,
          })
          .onConflict((oc) => oc.column('key').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { ok: true };
        continue;
      }
      const blockedUntil = Number(row.blocked_until);
      if (blockedUntil > now) {
        return { ok: false, key, retryAfterMs: blockedUntil - now, blockedUntil };
      }
      const stale = now - Number(row.window_start) >= rule.windowMs;
      const windowStart = stale ? now : Number(row.window_start);
      const attempts = stale ? 1 : row.attempts + 1;
      const res = await this.#db
        .updateTable('attempt_counters')
        .set({
          attempts,
          window_start: windowStart,
          blocked_until: attempts >= rule.free ? rule.holdUntil(attempts, windowStart, now) : 0,
        })
        .where('key', '=', key)
        .where('attempts', '=', row.attempts)
        .where('window_start', '=', row.window_start)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 1) return { ok: true };
    }
    // Dozens of simultaneous attempts on one key: that itself is the abuse being limited.
    const now = this.#now();
    return { ok: false, key, retryAfterMs: 1000, blockedUntil: now + 1000 };
  }
}

/**
 * A doubling delay once `free` attempts are used: the attempt after them waits `baseMs`, the
 * next twice that, up to `maxMs`. Nobody is locked out for good, and a guesser slows down fast.
 */
export function doublingDelay(free: number, windowMs: number, baseMs: number, maxMs: number) {
  return {
    free,
    windowMs,
    holdUntil: (attempts: number, _windowStart: number, now: number) =>
      now + Math.min(maxMs, baseMs * 2 ** Math.min(30, attempts - free)),
  } satisfies AttemptRule;
}

/** `free` attempts per window, then held back until the window ends. */
export function perWindow(free: number, windowMs: number) {
  return {
    free,
    windowMs,
    holdUntil: (_attempts: number, windowStart: number) => windowStart + windowMs,
  } satisfies AttemptRule;
}
