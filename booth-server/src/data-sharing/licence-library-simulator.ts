import type { CallOptions, LicenceLibrary, LicenceRecord } from './adapters.ts';
import type { DemoDataset } from './demo-dataset.ts';
import { type SimulatorFaults, simulateCall } from './simulated-call.ts';

/** The electronic licence library over the seeded licences. */
export class LicenceLibrarySimulator implements LicenceLibrary {
  faults: SimulatorFaults;
  #licences: LicenceRecord[];

  constructor(dataset: DemoDataset, faults: SimulatorFaults = {}) {
    this.faults = faults;
    this.#licences = dataset.licences;
  }

  licencesOf(holderId: string, opts: CallOptions): Promise<LicenceRecord[]> {
    return simulateCall(this.faults, opts.signal, () =>
      this.#licences.filter((l) => l.holderIds.includes(holderId)),
    );
  }
}
