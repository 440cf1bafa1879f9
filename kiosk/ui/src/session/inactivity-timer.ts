export interface TimerHost {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): number;
}

const globalHost: TimerHost = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
  now: () => Date.now(),
};

export interface InactivityTimerOptions {
  idleMs: number;
  warningMs: number;
  /** At the start of the warning and each second after: whole seconds left before the wipe. */
  onWarning: (secondsLeft: number) => void;
  /** Activity came during the warning: the countdown is gone. */
  onResume: () => void;
  /** Nobody answered the warning. */
  onExpire: () => void;
  timers?: TimerHost;
}

/**
 * Idle → warning (visible countdown) → expire. Any activity while idle re-arms; activity during
 * the warning cancels it. The countdown is computed from a deadline, not by counting ticks,
 * so a busy main thread cannot stretch it.
 */
export class InactivityTimer {
  readonly #opts: InactivityTimerOptions;
  readonly #t: TimerHost;
  #idleMs: number;
  #idleHandle: unknown = null;
  #expireHandle: unknown = null;
  #tickHandle: unknown = null;
  #deadline: number | null = null;
  #running = false;

  constructor(opts: InactivityTimerOptions) {
    this.#opts = opts;
    this.#t = opts.timers ?? globalHost;
    this.#idleMs = opts.idleMs;
  }

  get running(): boolean {
    return this.#running;
  }

  get warning(): boolean {
    return this.#deadline !== null;
  }

  start(): void {
    this.#running = true;
    this.#arm();
  }

  stop(): void {
    this.#running = false;
    this.#clear();
  }

  /** A tap, key or typed character. */
  activity(): void {
    if (!this.#running) return;
    const wasWarning = this.warning;
    this.#arm();
    if (wasWarning) this.#opts.onResume();
  }

  /** Elder mode changes the allowance; takes effect from now. */
  setIdleMs(ms: number): void {
    this.#idleMs = ms;
    if (this.#running && !this.warning) this.#arm();
  }

  #clear(): void {
    if (this.#idleHandle !== null) this.#t.clearTimeout(this.#idleHandle);
    if (this.#expireHandle !== null) this.#t.clearTimeout(this.#expireHandle);
    if (this.#tickHandle !== null) this.#t.clearInterval(this.#tickHandle);
    this.#idleHandle = this.#expireHandle = this.#tickHandle = null;
    this.#deadline = null;
  }

  #arm(): void {
    this.#clear();
    this.#idleHandle = this.#t.setTimeout(() => this.#warn(), this.#idleMs);
  }

  #warn(): void {
    this.#idleHandle = null;
    const deadline = this.#t.now() + this.#opts.warningMs;
    this.#deadline = deadline;
    this.#opts.onWarning(Math.ceil(this.#opts.warningMs / 1000));
    this.#tickHandle = this.#t.setInterval(() => {
      const left = Math.max(0, Math.ceil((deadline - this.#t.now()) / 1000));
      if (left > 0) this.#opts.onWarning(left);
    }, 1000);
    this.#expireHandle = this.#t.setTimeout(() => {
      this.#clear();
      this.#running = false;
      this.#opts.onExpire();
    }, this.#opts.warningMs);
  }
}
