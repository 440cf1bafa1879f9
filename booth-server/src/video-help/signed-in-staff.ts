import type { StaffProfile } from '@onething/contract/rest/staff';

/** Finds a colleague signed in on another process (cluster mode), or nothing. */
export type StaffElsewhere = (staffId: string) => Promise<StaffProfile | undefined>;

/**
 * The profiles of staff who have connected or acted since this process started: an invitation
 * names a colleague by id, and the call shows their own display name. In cluster mode a
 * colleague may be connected to another process; `find` asks there too.
 */
export class SignedInStaff {
  readonly #profiles = new Map<string, StaffProfile>();
  readonly #elsewhere: StaffElsewhere;

  constructor(elsewhere: StaffElsewhere = () => Promise.resolve(undefined)) {
    this.#elsewhere = elsewhere;
  }

  remember(staff: StaffProfile): void {
    this.#profiles.set(staff.id, staff);
  }

  get(staffId: string): StaffProfile | undefined {
    return this.#profiles.get(staffId);
  }

  /** Signed in here, or (cluster mode) on another process. */
  async find(staffId: string): Promise<StaffProfile | undefined> {
    return this.#profiles.get(staffId) ?? (await this.#elsewhere(staffId));
  }
}
