import type { Clock, TimerScheduler } from './clock.ts';

interface PendingTimer {
  at: number;
  seq: number;
  callback: () => unknown;
}

/**
 * A clock and timer scheduler that only move when told to, for deterministic tests and
 * benchmarks. `advance` fires due timers in deadline order (ties in scheduling order), setting
 * the time to each deadline and awaiting the callback before looking for the next one, so timers
 * scheduled by a callback fire within the same advance if they fall due.
 */
export class ManualClock implements Clock, TimerScheduler {
  #now: number;
  #seq = 0;
  readonly #timers = new Map<number, PendingTimer>();

  constructor(startAt = Date.UTC(2025, 0, 6, 1, 0, 0)) {
    this.#now = startAt;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => unknown, delayMs: number): number {
    const seq = ++this.#seq;
    this.#timers.set(seq, { at: this.#now + Math.max(0, delayMs), seq, callback });
    return seq;
  }

  clearTimeout(handle: unknown): void {
    if (typeof handle === 'number') this.#timers.delete(handle);
  }

  /** Deadline of the earliest pending timer, if any. */
  nextTimerAt(): number | undefined {
    return this.#earliest()?.at;
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new RangeError(`cannot advance by ${ms} ms`);
    await this.advanceTo(this.#now + ms);
  }

  async advanceTo(target: number): Promise<void> {
    if (target < this.#now) throw new RangeError('time cannot go backwards');
    for (;;) {
      const next = this.#earliest();
      if (!next || next.at > target) break;
      this.#timers.delete(next.seq);
      this.#now = next.at;
      await next.callback();
    }
    this.#now = target;
  }

  #earliest(): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.#timers.values()) {
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }
}
