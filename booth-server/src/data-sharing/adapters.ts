/**
 * What a provincial data-sharing platform (共享数据平台) offers the booth server. A real
 * deployment implements these interfaces over the platform's API; the simulators in this folder
 * implement them over a seeded dataset of fictitious people and companies.
 *
 * Records name their attributes like the tail of the canonical field keys (`name`, `birthDate`,
 * `householdAddress`, `insuranceType`, …), so `spouse.birthDate` is the `birthDate` of the
 * spouse's resident record. Licence data is keyed by full canonical keys as seen by a holder
 * (a birth certificate read by a parent carries `child.name`, `mother.idNumber`, …).
 *
 * Every call takes an AbortSignal: the prefill gives up after its timeout and the adapter should
 * stop work. "No record" is a normal answer (null or an empty list), not an error; errors mean
 * the source could not answer.
 */
export interface CallOptions {
  signal: AbortSignal;
}

export type Gender = 'male' | 'female';

/** A person in the population register (户籍). */
export interface ResidentRecord {
  idNumber: string;
  name: string;
  gender: Gender;
  birthDate: string;
  ethnicity: string;
  householdAddress: string;
  /** 户号 */
  householdNo: string;
  /** Region code of the household registration, e.g. 339902. */
  regionCode: string;
  fatherIdNumber?: string;
  motherIdNumber?: string;
}

export interface HouseholdRegistry {
  resident(idNumber: string, opts: CallOptions): Promise<ResidentRecord | null>;
  /** Registered residents whose father or mother has this ID number. */
  childrenOf(idNumber: string, opts: CallOptions): Promise<ResidentRecord[]>;
}

export type MaritalStatus = 'unmarried' | 'married' | 'divorced' | 'widowed';

/** The person's current marital status; `unmarried` when the register holds no marriage. */
export interface MarriageRecord {
  status: MaritalStatus;
  certNo?: string;
  registeredOn?: string;
  spouseIdNumber?: string;
  spouseName?: string;
}

export interface MarriageRegistry {
  marriageOf(idNumber: string, opts: CallOptions): Promise<MarriageRecord>;
}

export type InsuranceType = 'employee' | 'resident' | 'none';

/** Pension and medical insurance status (社会保险). */
export interface InsuranceRecord {
  insuranceType: InsuranceType;
  employerName?: string;
  employerUscc?: string;
  firstInsuredOn?: string;
  contributionMonths?: number;
  /** Bank and account of the social security card, where benefits are paid. */
  bankName?: string;
  bankAccount?: string;
  /** Draws a pension. */
  retired: boolean;
}

export interface SocialSecurity {
  insuranceOf(idNumber: string, opts: CallOptions): Promise<InsuranceRecord | null>;
}

export type PropertyUsage = 'residential' | 'commercial' | 'office' | 'other';

/** A registered title (不动产权). */
export interface PropertyRecord {
  certNo: string;
  address: string;
  /** Floor area in m². */
  area: number;
  usage: PropertyUsage;
  owners: { idNumber: string; name: string }[];
  registeredOn: string;
  /** Utility accounts bound to the unit (水电气网联动过户). */
  waterAccountNo?: string;
  powerAccountNo?: string;
  gasAccountNo?: string;
  broadbandAccountNo?: string;
}

export interface PropertyRegistry {
  byCertNo(certNo: string, opts: CallOptions): Promise<PropertyRecord | null>;
  ownedBy(idNumber: string, opts: CallOptions): Promise<PropertyRecord[]>;
}

export type LicenceValue = string | number | boolean;

/** An electronic licence (电子证照). */
export interface LicenceRecord {
  /** Licence type code of the catalogue (licences.yaml). */
  type: string;
  number: string;
  /** Every identifier it is filed under: the holder's, co-holders', the licence's own number. */
  holderIds: string[];
  issuedOn: string;
  /** Department code of the issuer. */
  issuer: string;
  data: Record<string, LicenceValue>;
}

export interface LicenceLibrary {
  licencesOf(holderId: string, opts: CallOptions): Promise<LicenceRecord[]>;
}

export type CompanyType = 'llc' | 'soleProprietorship' | 'partnership';

/** A registered market entity (市场主体登记). */
export interface CompanyRecord {
  uscc: string;
  name: string;
  type: CompanyType;
  address: string;
  legalRepName: string;
  legalRepIdNumber: string;
  registeredCapital: number;
  businessScope: string;
  establishedOn: string;
  status: 'active' | 'cancelled';
}

export interface MarketRegulation {
  company(uscc: string, opts: CallOptions): Promise<CompanyRecord | null>;
  /** Companies whose legal representative has this ID number. */
  companiesRepresentedBy(idNumber: string, opts: CallOptions): Promise<CompanyRecord[]>;
}

/** The shared-data sources a prefill may use; any of them may be absent. */
export interface SharedDataSources {
  householdRegistry?: HouseholdRegistry;
  marriageRegistry?: MarriageRegistry;
  socialSecurity?: SocialSecurity;
  propertyRegistry?: PropertyRegistry;
  licenceLibrary?: LicenceLibrary;
  marketRegulation?: MarketRegulation;
}
