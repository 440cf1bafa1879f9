/** Where the engine reads the time: injectable so tests and benchmarks run on fake time. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

/**
 * Process-local timers (the engine's store-failure retry, and the in-memory deadlines below).
 * A callback may return a promise: a fake scheduler awaits it so a test sees the engine settled
 * after each step.
 */
export interface TimerScheduler {
  setTimeout(callback: () => unknown, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * The engine's deadlines (offer time-outs, ticket wake-ups, wrap-up ends), keyed so that arming
 * one again moves it instead of doubling it. Durable implementations (jobs/job-deadlines.ts)
 * run each deadline once across every process on the database, whichever armed it.
 */
export interface Deadlines {
  /** Arms (or moves) deadline `key` to epoch ms `at`; resolves once it is stored. */
  set(key: string, at: number): Promise<void>;
  clear(key: string): Promise<void>;
  /** This engine stops handling deadlines (durable ones stay for other processes). */
  close(): void;
}

/**
 * Connects the engine's handler to where deadlines live. The handler resolves once the deadline
 * is dealt with and rejects when it could not be (a durable scheduler then tries it again).
 */
export type DeadlineScheduler = (fire: (key: string) => Promise<void>) => Deadlines;

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

/**
 * Deadlines on process-local timers: for one engine alone (tests on ManualClock, benchmarks).
 * They die with the process; booth servers use the job table instead.
 */
export function timerDeadlines(timers: TimerScheduler, clock: Clock): DeadlineScheduler {
  return (fire) => {
    const handles = new Map<string, unknown>();
    const drop = (key: string) => {
      const handle = handles.get(key);
      if (handle === undefined) return;
      timers.clearTimeout(handle);
      handles.delete(key);
    };
    return {
      set(key, at) {
        drop(key);
        const handle = timers.setTimeout(
          () => {
            handles.delete(key);
            // The engine reports and retries its own failures; nobody else awaits this one.
            return fire(key).catch(() => undefined);
          },
          Math.max(0, at - clock.now()),
        );
        handles.set(key, handle);
        return Promise.resolve();
      },
      clear(key) {
        drop(key);
        return Promise.resolve();
      },
      close() {
        for (const key of [...handles.keys()]) drop(key);
      },
    };
  };
}
