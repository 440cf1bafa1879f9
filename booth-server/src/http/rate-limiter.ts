import { AppError } from '@onething/contract/errors';
import type { NextFunction, Request, Response } from 'express';

/**
 * Sliding-window counter per key (an IP, a terminal). In-process: with several booth servers
 * each enforces its own share, which is what a limit against floods needs.
 */
export class RateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #hits = new Map<string, number[]>();

  constructor(limit: number, windowMs: number, now: () => number = Date.now) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Counts a hit; false when the key is over its limit (the hit is not counted then). */
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

  #sweep(from: number): void {
    for (const [k, v] of this.#hits) if (!v.some((t) => t > from)) this.#hits.delete(k);
  }

  middleware(keyOf: (req: Request) => string) {
    return (req: Request, _res: Response, next: NextFunction) => {
      if (this.take(keyOf(req))) return next();
      next(
        new AppError(
          'RATE_LIMITED',
          `more than ${this.#limit} requests in ${this.#windowMs / 1000} s`,
        ),
      );
    };
  }
}
