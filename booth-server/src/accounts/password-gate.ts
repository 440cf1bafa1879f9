import { AppError } from '@onething/contract/errors';

/**
 * Bounds how many password hashes run at once. scrypt takes 32 MiB and tens of milliseconds of
 * a libuv thread each: unbounded, 20 concurrent sign-ins starve every other request for
 * seconds. The bound is per process on purpose — it protects this process's threads and
 * memory; several processes each bound their own.
 */
export class PasswordGate {
  readonly #concurrency: number;
  readonly #queueLimit: number;
  readonly #retryAfterMs: number;
  readonly #waiting: (() => void)[] = [];
  #running = 0;

  constructor(opts: { concurrency: number; queue: number; retryAfterMs: number }) {
    this.#concurrency = opts.concurrency;
    this.#queueLimit = opts.queue;
    this.#retryAfterMs = opts.retryAfterMs;
  }

  /** Runs `check` when a slot is free; refuses with LOGIN_BUSY (429) when the queue is full. */
  async run<T>(check: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#concurrency) {
      if (this.#waiting.length >= this.#queueLimit) {
        throw new AppError('LOGIN_BUSY', 'too many sign-ins at once', {
          details: { retryAfterMs: this.#retryAfterMs },
        });
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }
    try {
      return await check();
    } finally {
      // Hand the slot straight to the next waiter, so a newcomer cannot overtake the queue.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#running--;
    }
  }
}
