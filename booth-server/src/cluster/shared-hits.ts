import { randomBytes } from 'node:crypto';
import type { ClusterLink } from './cluster-link.ts';

/**
 * One sliding window in a Redis sorted set, checked and counted in one script so that two
 * processes counting the same key at once cannot both pass the last free hit.
 */
const SLIDING_WINDOW = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

/** How long a limit waits for Redis before it decides on this process's own count. */
const ANSWER_WITHIN_MS = 500;

/**
 * Hit counters every process of a cluster shares (Redis), for the limits a client could
 * otherwise multiply by the number of servers behind nginx's round robin.
 */
export class SharedHits {
  readonly #link: ClusterLink;

  constructor(link: ClusterLink) {
    this.#link = link;
  }

  /**
   * Counts a hit on `key` in the window ending now; false when the key is over `limit`, null
   * when Redis cannot answer (the caller falls back to its own count: degraded, not open).
   */
  async take(key: string, limit: number, windowMs: number, now: number): Promise<boolean | null> {
    if (!this.#link.up) return null;
    const member = `${now}-${randomBytes(4).toString('hex')}`;
    const answer = this.#link.client
      .eval(SLIDING_WINDOW, {
        keys: [`${this.#link.prefix}limit:${key}`],
        arguments: [String(now - windowMs), String(now), String(limit), member, String(windowMs)],
      })
      .then(
        (r) => r === 1,
        () => null,
      );
    const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), ANSWER_WITHIN_MS));
    return Promise.race([answer, late]);
  }
}
