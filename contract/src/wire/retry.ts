/**
 * When to try again, as one injectable policy (LiveKit's `ReconnectPolicy` shape): given what
 * happened so far, the delay before the next attempt, or null to stop trying.
 */
export interface RetryContext {
  /** The attempt about to be made after this delay, counted from 1 for the first retry. */
  readonly attempt: number;
  /** Time since the first failure of this streak, ms. */
  readonly elapsedMs: number;
  /** Why the last attempt failed, when known. */
  readonly error?: unknown;
}

/** Injected as `nextRetryDelayMs` wherever something is retried. */
export type RetryPolicy = (context: RetryContext) => number | null;

export interface ExponentialBackoffOptions {
  /** Delay before the first retry, ms. */
  initialMs: number;
  /** Longest delay, ms: the policy settles there. */
  maxMs: number;
  /** Growth per attempt (2: doubling). */
  factor?: number;
  /** Stop (return null) after this many attempts; unlimited when absent. */
  maxAttempts?: number;
}

/** initialMs, initialMs·factor, … capped at maxMs: every client's back-off is one of these. */
export function exponentialBackoff(options: ExponentialBackoffOptions): RetryPolicy {
  const factor = options.factor ?? 2;
  return ({ attempt }) => {
    if (options.maxAttempts !== undefined && attempt > options.maxAttempts) return null;
    // the exponent is capped so a long outage cannot overflow to Infinity/NaN
    const raw = options.initialMs * factor ** Math.min(Math.max(0, attempt - 1), 32);
    return Math.min(options.maxMs, Math.max(0, raw));
  };
}
