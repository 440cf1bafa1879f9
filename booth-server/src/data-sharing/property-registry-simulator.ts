import type { CallOptions, PropertyRecord, PropertyRegistry } from './adapters.ts';
import type { DemoDataset } from './demo-dataset.ts';
import { type SimulatorFaults, simulateCall } from './simulated-call.ts';

/** The real estate register over the seeded titles. */
export class PropertyRegistrySimulator implements PropertyRegistry {
  faults: SimulatorFaults;
  #titles: PropertyRecord[];

  constructor(dataset: DemoDataset, faults: SimulatorFaults = {}) {
    this.faults = faults;
    const names = new Map(dataset.people.map((p) => [p.idNumber, p.name]));
    this.#titles = dataset.properties.map((p) => ({
      ...p,
      owners: p.owners.map((idNumber) => ({ idNumber, name: names.get(idNumber) ?? '' })),
    }));
  }

  byCertNo(certNo: string, opts: CallOptions): Promise<PropertyRecord | null> {
    return simulateCall(
      this.faults,
      opts.signal,
      () => this.#titles.find((t) => t.certNo === certNo) ?? null,
    );
  }

  ownedBy(idNumber: string, opts: CallOptions): Promise<PropertyRecord[]> {
    return simulateCall(this.faults, opts.signal, () =>
      this.#titles.filter((t) => t.owners.some((o) => o.idNumber === idNumber)),
    );
  }
}
