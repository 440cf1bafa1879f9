import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canMove, deriveCaseStatus } from './case-status.ts';

describe('status derivation', () => {
  const status = fc.constantFrom(
    'received',
    'in_review',
    'more_material',
    'approved',
    'rejected',
    'done' as const,
  );
  it('is done exactly when every part is finished, and never done while one needs material', () => {
    fc.assert(
      fc.property(fc.array(status, { minLength: 1, maxLength: 6 }), (subs) => {
        const s = deriveCaseStatus(subs);
        const finished = subs.every((x) => x === 'done' || x === 'rejected');
        expect(s === 'done' || s === 'closed').toBe(finished);
        if (subs.includes('more_material')) expect(s).toBe('action_needed');
      }),
    );
  });
});

describe('sub-case moves', () => {
  it('goes through review to done, and nowhere from a finished part', () => {
    expect(canMove('received', 'in_review')).toBe(true);
    expect(canMove('in_review', 'more_material')).toBe(true);
    expect(canMove('more_material', 'done')).toBe(false);
    expect(canMove('approved', 'done')).toBe(true);
    expect(canMove('done', 'in_review')).toBe(false);
    expect(canMove('rejected', 'in_review')).toBe(false);
  });
});
