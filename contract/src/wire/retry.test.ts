import { describe, expect, it } from 'vitest';
import { exponentialBackoff } from './retry.ts';

describe('exponentialBackoff', () => {
  it('doubles from the first delay and settles at the cap', () => {
    const policy = exponentialBackoff({ initialMs: 500, maxMs: 5_000 });
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) => policy({ attempt, elapsedMs: 0 }));
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('gives up after maxAttempts', () => {
    const policy = exponentialBackoff({ initialMs: 100, maxMs: 1_000, maxAttempts: 2 });
    expect(policy({ attempt: 2, elapsedMs: 0 })).toBe(200);
    expect(policy({ attempt: 3, elapsedMs: 0 })).toBeNull();
  });

  it('stays finite after a very long outage', () => {
    const policy = exponentialBackoff({ initialMs: 1_000, maxMs: 60_000 });
    expect(policy({ attempt: 10_000, elapsedMs: 0 })).toBe(60_000);
  });
});
