/** Where the engine reads the time: injectable so tests and benchmarks run on fake time. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/**
 * Where the engine schedules its deadlines (offer timeouts, escalation, wrap-up). A callback may
 * return a promise: a fake scheduler awaits it so a test sees the engine settled after each step.
 */
export interface TimerScheduler {
  setTimeout(callback: () => unknown, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemTimers: TimerScheduler = {
  setTimeout(callback, delayMs) {
    const handle = setTimeout(() => void callback(), delayMs);
    // The engine's deadlines must never be what keeps a process alive.
    handle.unref();
    return handle;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
