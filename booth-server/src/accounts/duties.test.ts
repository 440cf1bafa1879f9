import { describe, expect, it } from 'vitest';
import { addedPersonalDataRoles, checkDuties, grantWaits } from './duties.ts';

describe('separation of duties', () => {
  it('refuses two administrator duties on one account, with a specific code', () => {
    expect(() => checkDuties(['sysadmin', 'auditor'])).toThrow(
      expect.objectContaining({ code: 'DUTIES_CONFLICT', path: ['roles'] }),
    );
    expect(() => checkDuties(['secadmin', 'sysadmin'])).toThrow(/cannot be held together/);
    expect(() => checkDuties(['sysadmin', 'maintenance'])).not.toThrow();
    expect(() => checkDuties(['agent', 'supervisor'])).not.toThrow();
  });

  it('names the personal-data roles a change adds', () => {
    expect(addedPersonalDataRoles(['maintenance'], ['maintenance', 'agent'])).toEqual(['agent']);
    expect(addedPersonalDataRoles(['agent'], ['agent'])).toEqual([]);
    expect(addedPersonalDataRoles(['supervisor'], ['maintenance'])).toEqual([]);
    expect(addedPersonalDataRoles([], ['auditor'])).toEqual(['auditor']);
  });

  it('a system administrator’s request always waits; a security administrator’s only for personal data', () => {
    expect(grantWaits(['sysadmin'], [], ['maintenance'])).toBe(true);
    expect(grantWaits(['secadmin'], [], ['maintenance'])).toBe(false);
    expect(grantWaits(['secadmin'], [], ['agent'])).toBe(true);
    expect(grantWaits(['secadmin'], ['agent'], ['maintenance'])).toBe(false);
  });
});
