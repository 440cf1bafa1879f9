import { AppError } from '@onething/contract/errors';
import { ADMIN_DUTIES, PERSONAL_DATA_ROLES, type Role } from '@onething/contract/rest/staff';

const duties: readonly Role[] = ADMIN_DUTIES;
const personal: readonly Role[] = PERSONAL_DATA_ROLES;

/** 三员分立: refuses a role set that holds two of the administrator duties. */
export function checkDuties(roles: readonly Role[]): void {
  const held = roles.filter((r) => duties.includes(r));
  if (held.length > 1) {
    throw new AppError('DUTIES_CONFLICT', `${held.join(' and ')} cannot be held together`, {
      path: ['roles'],
      details: { roles: held },
    });
  }
}

/** The personal-data roles `after` adds to `before` (removing one never waits). */
export function addedPersonalDataRoles(before: readonly Role[], after: readonly Role[]): Role[] {
  return after.filter((r) => personal.includes(r) && !before.includes(r));
}

/**
 * Whether a role change waits for a security administrator: every change a system
 * administrator asks for (roles go through security administrators), and a security
 * administrator's change that adds a personal-data role (a second one approves it).
 */
export function grantWaits(
  requester: readonly Role[],
  before: readonly Role[],
  after: readonly Role[],
): boolean {
  if (!requester.includes('secadmin')) return true;
  return addedPersonalDataRoles(before, after).length > 0;
}
