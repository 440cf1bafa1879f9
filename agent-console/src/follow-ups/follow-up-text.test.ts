import type { FollowUp } from '@onething/contract/rest/follow-up';
import { describe, expect, it } from 'vitest';
import { byUrgency, formatDueDay, fromLocalInput, toLocalInput } from './follow-up-text.ts';

const base: FollowUp = {
  id: 'a',
  caseNumber: 'YJ1',
  bundleCode: null,
  bundleName: null,
  rating: { level: 'unsatisfied', channel: 'onsite', comment: null, at: 0 },
  agent: null,
  department: null,
  departmentName: null,
  stage: 'callBack',
  callBackDueAt: 10,
  fixDueAt: 100,
  calledBack: null,
  fixed: null,
  reRating: null,
  overdue: null,
};

describe('follow-up text', () => {
  it('names a deadline by the CST day it ends, in both languages', () => {
    // Due 24:00 CST on Tuesday 8 December 2026 = 16:00 UTC.
    const due = Date.parse('2026-12-08T16:00:00Z');
    expect(formatDueDay(due, 'zh-CN')).toBe('12月8日周二');
    expect(formatDueDay(due, 'en')).toBe('Tue 8 Dec');
  });

  it('reads and writes datetime-local values as China Standard Time', () => {
    const at = Date.parse('2026-12-07T14:30:00+08:00');
    expect(toLocalInput(at)).toBe('2026-12-07T14:30');
    expect(fromLocalInput('2026-12-07T14:30')).toBe(at);
    expect(fromLocalInput('soon')).toBeNull();
  });

  it('puts overdue follow-ups first, then the nearest deadline, closed ones last', () => {
    const late = { ...base, id: 'late', callBackDueAt: 50, overdue: 'callBack' as const };
    const soon = { ...base, id: 'soon', callBackDueAt: 20 };
    const fix = { ...base, id: 'fix', stage: 'fix' as const, fixDueAt: 30 };
    const closed = { ...base, id: 'closed', stage: 'closed' as const };
    const sorted = [closed, fix, soon, late].sort(byUrgency).map((f) => f.id);
    expect(sorted).toEqual(['late', 'soon', 'fix', 'closed']);
  });
});
