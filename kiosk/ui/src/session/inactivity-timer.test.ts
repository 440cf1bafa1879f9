import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InactivityTimer } from './inactivity-timer.ts';

function setup(idleMs = 60_000, warningMs = 25_000) {
  const events: string[] = [];
  const timer = new InactivityTimer({
    idleMs,
    warningMs,
    onWarning: (s) => events.push(`warn:${s}`),
    onResume: () => events.push('resume'),
    onExpire: () => events.push('expire'),
  });
  return { timer, events };
}

describe('InactivityTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('warns after the idle time, counts down each second, then expires', () => {
    const { timer, events } = setup();
    timer.start();
    vi.advanceTimersByTime(59_999);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['warn:25']);
    vi.advanceTimersByTime(3_000);
    expect(events).toEqual(['warn:25', 'warn:24', 'warn:23', 'warn:22']);
    vi.advanceTimersByTime(22_000);
    expect(events.at(-1)).toBe('expire');
    expect(events.filter((e) => e === 'expire')).toHaveLength(1);
    expect(timer.running).toBe(false);
  });

  it('activity before the warning re-arms the full idle time', () => {
    const { timer, events } = setup();
    timer.start();
    vi.advanceTimersByTime(50_000);
    timer.activity();
    vi.advanceTimersByTime(50_000);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(10_000);
    expect(events).toEqual(['warn:25']);
  });

  it('one activity during the warning cancels it and nothing is wiped', () => {
    const { timer, events } = setup();
    timer.start();
    vi.advanceTimersByTime(65_000);
    expect(timer.warning).toBe(true);
    timer.activity();
    expect(timer.warning).toBe(false);
    vi.advanceTimersByTime(30_000);
    expect(events).not.toContain('expire');
    expect(events.at(-1)).toBe('resume');
  });

  it('does nothing once stopped', () => {
    const { timer, events } = setup();
    timer.start();
    timer.stop();
    timer.activity();
    vi.advanceTimersByTime(600_000);
    expect(events).toEqual([]);
  });

  it('a longer allowance (elder mode) applies from the moment it is set', () => {
    const { timer, events } = setup(60_000);
    timer.start();
    vi.advanceTimersByTime(30_000);
    timer.setIdleMs(180_000);
    vi.advanceTimersByTime(179_999);
    expect(events).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(events).toEqual(['warn:25']);
  });

  it('counts from the deadline, so a late tick shows the true time left', () => {
    const { timer, events } = setup(1_000, 25_000);
    timer.start();
    vi.advanceTimersByTime(1_000);
    // the clock jumps (busy main thread) without ticks firing in between
    vi.setSystemTime(Date.now() + 10_000);
    vi.advanceTimersByTime(1_000);
    expect(events.at(-1)).toBe('warn:14');
  });
});
