import type { SharedDataSources } from './adapters.ts';
import type { DemoDataset } from './demo-dataset.ts';
import { HouseholdRegistrySimulator } from './household-registry-simulator.ts';
import { LicenceLibrarySimulator } from './licence-library-simulator.ts';
import { MarketRegulationSimulator } from './market-regulation-simulator.ts';
import { MarriageRegistrySimulator } from './marriage-registry-simulator.ts';
import { PropertyRegistrySimulator } from './property-registry-simulator.ts';
import type { SimulatorFaults } from './simulated-call.ts';
import { SocialSecuritySimulator } from './social-security-simulator.ts';

export interface SimulatedSources extends Required<SharedDataSources> {
  householdRegistry: HouseholdRegistrySimulator;
  marriageRegistry: MarriageRegistrySimulator;
  socialSecurity: SocialSecuritySimulator;
  propertyRegistry: PropertyRegistrySimulator;
  licenceLibrary: LicenceLibrarySimulator;
  marketRegulation: MarketRegulationSimulator;
}

/** All six simulators over one dataset; `faults` makes chosen sources slow or failing. */
export function createSimulatedSources(
  dataset: DemoDataset,
  faults: Partial<Record<keyof SharedDataSources, SimulatorFaults>> = {},
): SimulatedSources {
  return {
    householdRegistry: new HouseholdRegistrySimulator(dataset, faults.householdRegistry),
    marriageRegistry: new MarriageRegistrySimulator(dataset, faults.marriageRegistry),
    socialSecurity: new SocialSecuritySimulator(dataset, faults.socialSecurity),
    propertyRegistry: new PropertyRegistrySimulator(dataset, faults.propertyRegistry),
    licenceLibrary: new LicenceLibrarySimulator(dataset, faults.licenceLibrary),
    marketRegulation: new MarketRegulationSimulator(dataset, faults.marketRegulation),
  };
}
