import type { CallOptions, MarriageRecord, MarriageRegistry } from './adapters.ts';
import type { DemoDataset, DemoMarriage } from './demo-dataset.ts';
import { type SimulatorFaults, simulateCall } from './simulated-call.ts';

/** The marriage register over the seeded marriages. */
export class MarriageRegistrySimulator implements MarriageRegistry {
  faults: SimulatorFaults;
  #marriages: DemoMarriage[];
  #names: Map<string, string>;

  constructor(dataset: DemoDataset, faults: SimulatorFaults = {}) {
    this.faults = faults;
    this.#marriages = dataset.marriages;
    this.#names = new Map(dataset.people.map((p) => [p.idNumber, p.name]));
  }

  marriageOf(idNumber: string, opts: CallOptions): Promise<MarriageRecord> {
    return simulateCall(this.faults, opts.signal, () => {
      const latest = this.#marriages
        .filter((m) => m.partners.includes(idNumber))
        .sort((a, b) => b.registeredOn.localeCompare(a.registeredOn))[0];
      if (!latest) return { status: 'unmarried' } satisfies MarriageRecord;
      if (latest.ended) {
        return {
          status: latest.ended.by === 'divorce' ? 'divorced' : 'widowed',
        } satisfies MarriageRecord;
      }
      const spouse = latest.partners.find((p) => p !== idNumber) as string;
      const record: MarriageRecord = {
        status: 'married',
        certNo: latest.certNo,
        registeredOn: latest.registeredOn,
        spouseIdNumber: spouse,
      };
      const name = this.#names.get(spouse);
      if (name) record.spouseName = name;
      return record;
    });
  }
}
