import type { CallOptions, CompanyRecord, MarketRegulation } from './adapters.ts';
import type { DemoDataset } from './demo-dataset.ts';
import { type SimulatorFaults, simulateCall } from './simulated-call.ts';

/** The market entity register over the seeded companies. */
export class MarketRegulationSimulator implements MarketRegulation {
  faults: SimulatorFaults;
  #companies: CompanyRecord[];

  constructor(dataset: DemoDataset, faults: SimulatorFaults = {}) {
    this.faults = faults;
    this.#companies = dataset.companies;
  }

  company(uscc: string, opts: CallOptions): Promise<CompanyRecord | null> {
    return simulateCall(
      this.faults,
      opts.signal,
      () => this.#companies.find((c) => c.uscc === uscc) ?? null,
    );
  }

  companiesRepresentedBy(idNumber: string, opts: CallOptions): Promise<CompanyRecord[]> {
    return simulateCall(this.faults, opts.signal, () =>
      this.#companies.filter((c) => c.legalRepIdNumber === idNumber),
    );
  }
}
