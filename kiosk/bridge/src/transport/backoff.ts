/** Exponential back-off for reopening a device; the cap doubles as the slow hot-plug rescan. */
export interface BackoffPolicy {
  initialMs: number;
  factor: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, factor: 2, maxMs: 5000 };

/** Delay before reconnect attempt number `attempt` (0-based). */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  const raw = policy.initialMs * policy.factor ** Math.min(attempt, 32);
  return Math.min(policy.maxMs, Math.max(0, raw));
}
