import { addressFromText, parseAddress } from '@onething/contract/catalogue/address';
import { idNumberFacts } from '@onething/contract/identity/id-number';
import { divisionTable } from '@onething/contract/node/divisions';
import type { CallOptions, HouseholdRegistry, ResidentRecord } from './adapters.ts';
import type { DemoDataset, DemoPerson } from './demo-dataset.ts';
import { type SimulatorFaults, simulateCall } from './simulated-call.ts';

/** The population register over the seeded people who are registered locally. */
export class HouseholdRegistrySimulator implements HouseholdRegistry {
  faults: SimulatorFaults;
  #residents: Map<string, ResidentRecord>;

  constructor(dataset: DemoDataset, faults: SimulatorFaults = {}) {
    this.faults = faults;
    this.#residents = new Map(
      dataset.people.filter((p) => p.local).map((p) => [p.idNumber, toResident(p)]),
    );
  }

  resident(idNumber: string, opts: CallOptions): Promise<ResidentRecord | null> {
    return simulateCall(this.faults, opts.signal, () => this.#residents.get(idNumber) ?? null);
  }

  childrenOf(idNumber: string, opts: CallOptions): Promise<ResidentRecord[]> {
    return simulateCall(this.faults, opts.signal, () =>
      [...this.#residents.values()].filter(
        (r) => r.fatherIdNumber === idNumber || r.motherIdNumber === idNumber,
      ),
    );
  }
}

function toResident(p: DemoPerson): ResidentRecord {
  const facts = idNumberFacts(p.idNumber);
  const householdAddress = p.householdAddress ?? p.cardAddress;
  // where the hukou is now: the address's county; the ID number keeps where it was first issued
  const stored = addressFromText(householdAddress, divisionTable());
  const county = stored ? parseAddress(stored)?.code.slice(0, 6) : undefined;
  const r: ResidentRecord = {
    idNumber: p.idNumber,
    name: p.name,
    gender: facts.gender,
    birthDate: facts.birthDate,
    ethnicity: p.ethnicity,
    householdAddress,
    householdNo: p.householdNo ?? '',
    regionCode: county ?? p.idNumber.slice(0, 6),
  };
  if (p.fatherIdNumber) r.fatherIdNumber = p.fatherIdNumber;
  if (p.motherIdNumber) r.motherIdNumber = p.motherIdNumber;
  return r;
}
