import type { CallOptions, InsuranceRecord, SocialSecurity } from './adapters.ts';
import type { DemoDataset } from './demo-dataset.ts';
import { type SimulatorFaults, simulateCall } from './simulated-call.ts';

/** Social insurance records over the seeded dataset. */
export class SocialSecuritySimulator implements SocialSecurity {
  faults: SimulatorFaults;
  #records: Map<string, InsuranceRecord>;

  constructor(dataset: DemoDataset, faults: SimulatorFaults = {}) {
    this.faults = faults;
    this.#records = new Map(dataset.insurance.map(({ idNumber, ...record }) => [idNumber, record]));
  }

  insuranceOf(idNumber: string, opts: CallOptions): Promise<InsuranceRecord | null> {
    return simulateCall(this.faults, opts.signal, () => this.#records.get(idNumber) ?? null);
  }
}
