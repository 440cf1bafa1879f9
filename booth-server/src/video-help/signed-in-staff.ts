import type { StaffProfile } from '@onething/contract/rest/staff';

/**
 * The profiles of staff who have connected or acted since this process started: an invitation
 * names a colleague by id, and the call shows their own display name.
 */
export class SignedInStaff {
  readonly #profiles = new Map<string, StaffProfile>();

  remember(staff: StaffProfile): void {
    this.#profiles.set(staff.id, staff);
  }

  get(staffId: string): StaffProfile | undefined {
    return this.#profiles.get(staffId);
  }
}
