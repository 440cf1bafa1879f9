import { describe, expect, it } from 'vitest';
import { parseServiceHours, ServiceHours } from './service-hours.ts';

const at = (iso: string) => Date.parse(`${iso}+08:00`);

function hours(text: string): ServiceHours {
  const parsed = parseServiceHours(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return new ServiceHours(parsed);
}

describe('video help service hours (HELP_SERVICE_HOURS, China time)', () => {
  const office = hours('1-5 09:00-12:00; 1-5 13:30-17:30; 6 09:00-12:00');

  it('is open inside an opening and closed at lunch, at night and on Sunday', () => {
    // 2026-12-07 is a Monday
    expect(office.isOpen(at('2026-12-07T09:00:00'))).toBe(true);
    expect(office.isOpen(at('2026-12-07T12:00:00'))).toBe(false);
    expect(office.isOpen(at('2026-12-07T17:29:59'))).toBe(true);
    expect(office.isOpen(at('2026-12-07T17:30:00'))).toBe(false);
    expect(office.isOpen(at('2026-12-12T10:00:00'))).toBe(true);
    expect(office.isOpen(at('2026-12-13T10:00:00'))).toBe(false);
  });

  it('names the next opening: after lunch, the next morning, Monday after a Saturday', () => {
    expect(office.nextOpening(at('2026-12-07T12:10:00'))).toBe(at('2026-12-07T13:30:00'));
    expect(office.nextOpening(at('2026-12-07T20:00:00'))).toBe(at('2026-12-08T09:00:00'));
    expect(office.nextOpening(at('2026-12-08T02:00:00'))).toBe(at('2026-12-08T09:00:00'));
    expect(office.nextOpening(at('2026-12-12T12:00:00'))).toBe(at('2026-12-14T09:00:00'));
  });

  it('refuses what it cannot read, naming the part', () => {
    expect(parseServiceHours('Mon-Fri 9-5')).toContain('"Mon-Fri 9-5"');
    expect(parseServiceHours('5-1 09:00-17:00')).toContain('backwards');
    expect(parseServiceHours('1 17:00-09:00')).toContain('forwards');
    expect(parseServiceHours(' ; ')).toBe('name at least one opening');
    expect(parseServiceHours('1-7 00:00-24:00')).toEqual([
      { days: [1, 2, 3, 4, 5, 6, 7], from: 0, to: 1440 },
    ]);
  });
});
