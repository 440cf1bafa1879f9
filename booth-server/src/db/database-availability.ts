import { AppError } from '@onething/contract/errors';
import { createLogger } from '../logging/logger.ts';

const log = createLogger('database');

/**
 * Whether the database answers, as the last connection attempt or query found it. A lost
 * database is logged once when it goes and once when it returns (never per request), and every
 * request in between is refused with DATABASE_UNAVAILABLE instead of whatever the driver threw.
 */
export class DatabaseAvailability {
  #downSince: number | null = null;
  #reason: string | null = null;
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get available(): boolean {
    return this.#downSince === null;
  }

  /** When the database was found unreachable (epoch ms), or null while it answers. */
  get downSince(): number | null {
    return this.#downSince;
  }

  /** Records the loss and returns the refusal the caller throws instead of the driver's error. */
  lost(cause: unknown): AppError {
    const reason = describe(cause);
    if (this.#downSince === null) {
      this.#downSince = this.#now();
      this.#reason = reason;
      log.error({ reason }, 'database unreachable: refusing new work until it answers again');
    }
    const refusal = DatabaseAvailability.refusal();
    // The driver's error stays with the refusal for logs and debuggers, never for the client.
    refusal.cause = cause;
    return refusal;
  }

  answered(): void {
    if (this.#downSince === null) return;
    log.warn(
      { downMs: this.#now() - this.#downSince, reason: this.#reason },
      'database answers again: accepting work',
    );
    this.#downSince = null;
    this.#reason = null;
  }

  static refusal(): AppError {
    return new AppError(
      'DATABASE_UNAVAILABLE',
      'the database cannot be reached; new work is refused until it answers again',
    );
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${e.message}` : e.message;
  }
  return String(e);
}
