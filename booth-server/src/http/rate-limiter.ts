import { AppError } from '@onething/contract/errors';
import type { NextFunction, Request, Response } from 'express';
import type { SharedHits } from '../cluster/shared-hits.ts';

export interface RateLimiterOptions {
  now?: () => number;
  /**
   * Cluster mode: the counters all processes share, and this limit's name among them. Without
   * them (one machine), or while Redis cannot answer, the process counts on its own.
   */
  shared?: { hits: SharedHits; name: string } | undefined;
}

/** Makes the limiters of a server, sharing its cluster's counters when it has them. */
export type RateLimits = (name: string, limit: number, windowMs: number) => RateLimiter;

/** Sliding-window counter per key (an IP, a terminal). */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #shared: RateLimiterOptions['shared'];
  readonly #hits = new Map<string, number[]>();

  constructor(limit: number, windowMs: number, opts: RateLimiterOptions = {}) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = opts.now ?? Date.now;
    this.#shared = opts.shared;
  }

  /** Counts a hit in this process; false when the key is over its limit (not counted then). */
  take(key: string): boolean {
    const now = this.#now();
    const from = now - this.#windowMs;
    const hits = (this.#hits.get(key) ?? []).filter((t) => t > from);
    if (hits.length >= this.#limit) {
      this.#hits.set(key, hits);
      return false;
    }
    hits.push(now);
    this.#hits.set(key, hits);
    if (this.#hits.size > 10_000) this.#sweep(from);
    return true;
  }

  /** Counts a hit cluster-wide when the cluster's counters answer, else in this process. */
  async takeShared(key: string): Promise<boolean> {
    if (this.#shared) {
      const { hits, name } = this.#shared;
      const shared = await hits.take(`${name}:${key}`, this.#limit, this.#windowMs, this.#now());
      if (shared !== null) return shared;
    }
    return this.take(key);
  }

  #sweep(from: number): void {
    for (const [k, v] of this.#hits) if (!v.some((t) => t > from)) this.#hits.delete(k);
  }

  middleware(keyOf: (req: Request) => string) {
    return (req: Request, _res: Response, next: NextFunction) => {
      void this.takeShared(keyOf(req)).then((ok) => {
        if (ok) return next();
        next(
          new AppError(
            'RATE_LIMITED',
            `more than ${this.#limit} requests in ${this.#windowMs / 1000} s`,
          ),
        );
      });
    };
  }
}
