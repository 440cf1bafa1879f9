import { describe, expect, it } from 'vitest';
import { ManualClock } from './manual-clock.ts';

describe('ManualClock', () => {
  it('fires due timers in deadline order, ties in scheduling order, at their own time', async () => {
    const clock = new ManualClock(1_000);
    const fired: string[] = [];
    const note = (name: string) => () => {
      fired.push(`${name}@${clock.now()}`);
    };
    clock.setTimeout(note('b'), 20);
    clock.setTimeout(note('a'), 10);
    clock.setTimeout(note('c'), 20);
    const cancelled = clock.setTimeout(note('x'), 5);
    clock.clearTimeout(cancelled);
    await clock.advance(15);
    expect(fired).toEqual(['a@1010']);
    expect(clock.now()).toBe(1_015);
    await clock.advance(100);
    expect(fired).toEqual(['a@1010', 'b@1020', 'c@1020']);
    expect(clock.now()).toBe(1_115);
  });

  it('awaits each callback and fires timers it schedules within the same advance', async () => {
    const clock = new ManualClock(0);
    const fired: number[] = [];
    clock.setTimeout(async () => {
      await Promise.resolve();
      fired.push(clock.now());
      clock.setTimeout(() => fired.push(clock.now()), 5);
    }, 10);
    await clock.advance(20);
    expect(fired).toEqual([10, 15]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('refuses to go backwards', async () => {
    const clock = new ManualClock(100);
    await expect(clock.advanceTo(50)).rejects.toThrow(RangeError);
    await expect(clock.advance(-1)).rejects.toThrow(RangeError);
  });
});
