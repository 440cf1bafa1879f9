import { setTimeout as delay } from 'node:timers/promises';

/**
 * Faults a simulator can be told to show, so tests and demos exercise the prefill's degrade
 * path: a slow source (latency beyond the prefill timeout) or a failing one.
 */
export interface SimulatorFaults {
  latencyMs?: number;
  failure?: Error;
}

/** Runs a simulated lookup with the configured latency and failure, honouring the abort signal. */
export async function simulateCall<T>(
  faults: SimulatorFaults,
  signal: AbortSignal,
  work: () => T,
): Promise<T> {
  signal.throwIfAborted();
  if (faults.latencyMs) await delay(faults.latencyMs, undefined, { signal });
  if (faults.failure) throw faults.failure;
  // Callers get copies so nothing they do can change the seeded data.
  return structuredClone(work());
}
