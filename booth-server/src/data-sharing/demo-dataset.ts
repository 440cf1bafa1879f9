import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkUscc } from '@onething/contract/catalogue/uscc';
import { checkIdNumber, idNumberFacts } from '@onething/contract/identity/id-number';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import { parse } from 'yaml';
import { z } from 'zod';
import { type CatalogueIssue, formatIssue, type IssuePath } from '../catalogue/catalogue-issue.ts';

/**
 * The seeded dataset behind the simulators: fictitious residents, marriages, insurance records,
 * titles, companies and electronic licences, plus the demo scenarios the one-thing report runs.
 * Every ID number and credit code carries a valid check character.
 */
export const DEFAULT_DEMO_DIR = fileURLToPath(
  new URL('../../catalogue/demo-data/', import.meta.url),
);

const IdNumber = z
  .string()
  .refine((v) => checkIdNumber(v) === null, 'not a valid GB 11643 ID number');
const Uscc = z.string().refine((v) => checkUscc(v) === null, 'not a valid GB 32100 credit code');
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const Value = z.union([z.string(), z.number(), z.boolean()]);

export const DemoPerson = z.strictObject({
  idNumber: IdNumber,
  name: z.string().min(2),
  ethnicity: z.string().min(1),
  /** The address printed on the ID card. */
  cardAddress: z.string().min(6),
  /** Registered in this province's population register (false for visitors from elsewhere). */
  local: z.boolean().default(true),
  householdNo: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  /** Defaults to the card address. */
  householdAddress: z.string().min(6).optional(),
  fatherIdNumber: IdNumber.optional(),
  motherIdNumber: IdNumber.optional(),
});
export type DemoPerson = z.infer<typeof DemoPerson>;

export const DemoMarriage = z.strictObject({
  partners: z.tuple([IdNumber, IdNumber]),
  certNo: z.string(),
  registeredOn: IsoDay,
  ended: z
    .strictObject({ by: z.enum(['divorce', 'death']), on: IsoDay, deceased: IdNumber.optional() })
    .optional(),
});
export type DemoMarriage = z.infer<typeof DemoMarriage>;

export const DemoInsurance = z.strictObject({
  idNumber: IdNumber,
  insuranceType: z.enum(['employee', 'resident', 'none']),
  employerName: z.string().optional(),
  employerUscc: Uscc.optional(),
  firstInsuredOn: IsoDay.optional(),
  contributionMonths: z.number().int().min(0).optional(),
  bankName: z.string().optional(),
  bankAccount: z
    .string()
    .regex(/^\d{12,19}$/)
    .optional(),
  retired: z.boolean(),
});
export type DemoInsurance = z.infer<typeof DemoInsurance>;

export const DemoProperty = z.strictObject({
  certNo: z.string(),
  address: z.string().min(6),
  area: z.number().positive(),
  usage: z.enum(['residential', 'commercial', 'office', 'other']),
  owners: z.array(IdNumber).min(1),
  registeredOn: IsoDay,
  waterAccountNo: z.string().optional(),
  powerAccountNo: z.string().optional(),
  gasAccountNo: z.string().optional(),
  broadbandAccountNo: z.string().optional(),
});
export type DemoProperty = z.infer<typeof DemoProperty>;

export const DemoCompany = z.strictObject({
  uscc: Uscc,
  name: z.string().min(4),
  type: z.enum(['llc', 'soleProprietorship', 'partnership']),
  address: z.string().min(6),
  legalRepName: z.string().min(2),
  legalRepIdNumber: IdNumber,
  registeredCapital: z.number().positive(),
  businessScope: z.string(),
  establishedOn: IsoDay,
  status: z.enum(['active', 'cancelled']),
});
export type DemoCompany = z.infer<typeof DemoCompany>;

export const DemoLicence = z.strictObject({
  type: z.string(),
  number: z.string(),
  holderIds: z.array(z.string()).min(1),
  issuedOn: IsoDay,
  issuer: z.string(),
  data: z.record(z.string(), Value).default({}),
});
export type DemoLicence = z.infer<typeof DemoLicence>;

export const DemoScenario = z.strictObject({
  bundle: z.string(),
  /** The applicant, whose ID card starts the session. */
  person: IdNumber,
  /** The day the scenario happens (ages and "recent" licences are judged on it). */
  asOf: IsoDay,
  /** Chosen items; all of the bundle's when absent. */
  items: z.array(z.string()).optional(),
  /** What the citizen types: exactly the fields the sources cannot supply for this person. */
  typed: z.record(z.string(), Value),
  story: z.string().optional(),
});
export type DemoScenario = z.infer<typeof DemoScenario>;

const FILES = {
  'people.yaml': z.strictObject({
    people: z.array(DemoPerson).min(1),
    marriages: z.array(DemoMarriage).default([]),
    insurance: z.array(DemoInsurance).default([]),
  }),
  'properties.yaml': z.strictObject({ properties: z.array(DemoProperty) }),
  'companies.yaml': z.strictObject({ companies: z.array(DemoCompany) }),
  'licences.yaml': z.strictObject({ licences: z.array(DemoLicence) }),
  'scenarios.yaml': z.strictObject({ scenarios: z.array(DemoScenario) }),
} as const;

export interface DemoDataset {
  people: DemoPerson[];
  marriages: DemoMarriage[];
  insurance: DemoInsurance[];
  properties: DemoProperty[];
  companies: DemoCompany[];
  licences: DemoLicence[];
  scenarios: DemoScenario[];
}

/** Thrown when the demo data is inconsistent; lists every problem with file and path. */
export class DemoDataError extends Error {
  readonly issues: readonly CatalogueIssue[];
  constructor(issues: CatalogueIssue[]) {
    super(`The demo dataset has problems:\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    this.name = 'DemoDataError';
    this.issues = issues;
  }
}

function crossCheck(d: DemoDataset): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  const people = new Set(d.people.map((p) => p.idNumber));
  const need = (file: string, path: IssuePath, id: string | undefined): void => {
    if (id !== undefined && !people.has(id))
      issues.push({ file, path, problem: `unknown person ${id}` });
  };
  const seen = new Set<string>();
  d.people.forEach((p, i) => {
    if (seen.has(p.idNumber))
      issues.push({ file: 'people.yaml', path: ['people', i], problem: 'duplicate person' });
    seen.add(p.idNumber);
    need('people.yaml', ['people', i, 'fatherIdNumber'], p.fatherIdNumber);
    need('people.yaml', ['people', i, 'motherIdNumber'], p.motherIdNumber);
    if (p.local && !p.householdNo) {
      issues.push({
        file: 'people.yaml',
        path: ['people', i, 'householdNo'],
        problem: 'a local resident needs a household number',
      });
    }
  });
  for (const [i, m] of d.marriages.entries()) {
    for (const [j, id] of m.partners.entries())
      need('people.yaml', ['marriages', i, 'partners', j], id);
  }
  for (const [i, r] of d.insurance.entries())
    need('people.yaml', ['insurance', i, 'idNumber'], r.idNumber);
  for (const [i, p] of d.properties.entries()) {
    for (const [j, id] of p.owners.entries())
      need('properties.yaml', ['properties', i, 'owners', j], id);
  }
  for (const [i, s] of d.scenarios.entries())
    need('scenarios.yaml', ['scenarios', i, 'person'], s.person);
  return issues;
}

/** Reads and checks the demo dataset (YAML files in `dir`). */
export async function loadDemoDataset(dir: string = DEFAULT_DEMO_DIR): Promise<DemoDataset> {
  const issues: CatalogueIssue[] = [];
  const parsed: Partial<Record<keyof typeof FILES, unknown>> = {};
  for (const [file, schema] of Object.entries(FILES) as [keyof typeof FILES, z.ZodType][]) {
    let value: unknown;
    try {
      value = parse(await readFile(join(dir, file), 'utf8'));
    } catch (err) {
      issues.push({
        file,
        path: [],
        problem: `cannot read: ${(err as Error).message.split('\n')[0]}`,
      });
      continue;
    }
    const r = schema.safeParse(value);
    if (!r.success) {
      for (const i of r.error.issues) {
        issues.push({
          file,
          path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          problem: i.message,
        });
      }
      continue;
    }
    parsed[file] = r.data;
  }
  if (issues.length > 0) throw new DemoDataError(issues);
  const people = parsed['people.yaml'] as z.infer<(typeof FILES)['people.yaml']>;
  const dataset: DemoDataset = {
    people: people.people,
    marriages: people.marriages,
    insurance: people.insurance,
    properties: (parsed['properties.yaml'] as z.infer<(typeof FILES)['properties.yaml']>)
      .properties,
    companies: (parsed['companies.yaml'] as z.infer<(typeof FILES)['companies.yaml']>).companies,
    licences: (parsed['licences.yaml'] as z.infer<(typeof FILES)['licences.yaml']>).licences,
    scenarios: (parsed['scenarios.yaml'] as z.infer<(typeof FILES)['scenarios.yaml']>).scenarios,
  };
  const cross = crossCheck(dataset);
  if (cross.length > 0) throw new DemoDataError(cross);
  return dataset;
}

/** GB 3304 codes of the ethnic groups the seed uses. */
const NATION_CODES: Record<string, string> = { 汉: '01', 回: '03', 满: '11' };

/** What the ID card reader would report for a seeded person. */
export function identityCardOf(person: DemoPerson): IdentityCardData {
  const facts = idNumberFacts(person.idNumber);
  return {
    cardType: 'resident',
    name: person.name,
    gender: facts.gender,
    nation: { code: NATION_CODES[person.ethnicity] ?? '', name: person.ethnicity },
    birthDate: facts.birthDate,
    address: person.cardAddress,
    idNumber: person.idNumber,
    issuer: '公安局',
    validFrom: '2020-01-01',
    validTo: '长期',
  };
}
