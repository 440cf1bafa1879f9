import { AppError } from '@onething/contract/errors';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';

/**
 * Electronic ID (网证, CTID) verification: the citizen shows a QR code from the national app and
 * the platform returns the verified identity. A real deployment implements this against the
 * provincial CTID gateway; the simulator verifies codes `CTID:<ID number>` of seeded people.
 */
export interface ElectronicIdVerifier {
  verify(code: string): Promise<IdentityCardData>;
}

export class SimulatedElectronicIdVerifier implements ElectronicIdVerifier {
  readonly #people: Map<string, IdentityCardData>;

  constructor(people: IdentityCardData[]) {
    this.#people = new Map(people.map((p) => [p.idNumber, p]));
  }

  async verify(code: string): Promise<IdentityCardData> {
    const m = /^CTID:(\d{17}[\dX])$/.exec(code.trim());
    if (!m) throw AppError.validation('this QR code is not an electronic ID code', ['code']);
    const person = this.#people.get(m[1] as string);
    if (!person) throw new AppError('NOT_FOUND', 'the electronic ID could not be verified');
    return person;
  }
}
