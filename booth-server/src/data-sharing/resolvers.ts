import type { FieldValue } from '@onething/contract/catalogue/field-check';
import type { SourceKind } from '@onething/contract/catalogue/schema';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import type { CallOptions, LicenceRecord, PropertyRecord, SharedDataSources } from './adapters.ts';

/**
 * How shared data becomes canonical field values. Each resolver reads some known keys (its
 * inputs, e.g. `spouse.idNumber`), asks one source, and supplies other keys (its outputs). The
 * prefill chains them: the marriage register yields the spouse's ID number, which the household
 * register turns into the spouse's name. A resolver's output is used only where fields.yaml lists
 * its source for that key, so the catalogue stays the authority on who may supply what.
 */
export type Values = Readonly<Record<string, FieldValue>>;

export interface ResolverContext {
  identity: IdentityCardData | null;
  now: Date;
  /** Leading digits of the catalogue region: a household registered here is local. */
  localRegionPrefix: string;
  source<K extends keyof SharedDataSources>(kind: K): NonNullable<SharedDataSources[K]>;
  /** One source call: memoised per operation and argument, bounded by the prefill timeout. */
  call<T>(
    source: SourceKind,
    operation: string,
    arg: string,
    fn: (opts: CallOptions) => Promise<T>,
  ): Promise<T>;
}

export interface ResolverOutcome {
  values: Record<string, FieldValue>;
  /** Outputs with several candidates, which the citizen must settle. */
  ambiguous?: string[];
}

export interface Resolver {
  id: string;
  source: SourceKind;
  inputs: readonly string[];
  outputs: readonly string[];
  /** False when the inputs leave nothing to ask (e.g. the couple rule for someone unmarried). */
  applies?(inputs: Values): boolean;
  run(ctx: ResolverContext, inputs: Values): Promise<ResolverOutcome>;
}

const str = (v: FieldValue | undefined): string => (v === undefined ? '' : String(v));

function pick(role: string, record: object, attrs: readonly string[]): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  const r = record as Record<string, unknown>;
  for (const a of attrs) {
    const v = r[a];
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
      out[`${role}.${a}`] = v;
  }
  return out;
}

function ageOn(birthDate: string, now: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = now.getUTCFullYear() - y;
  if (now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d)) age--;
  return age;
}

function daysBetween(from: string, to: Date): number {
  return (to.getTime() - new Date(`${from}T00:00:00Z`).getTime()) / 86_400_000;
}

/** One candidate → its values; several → ambiguous; none → nothing. */
function single<T>(
  candidates: T[],
  outputs: readonly string[],
  values: (c: T) => Record<string, FieldValue>,
): ResolverOutcome {
  if (candidates.length === 1) return { values: values(candidates[0] as T) };
  if (candidates.length > 1) return { values: {}, ambiguous: [...outputs] };
  return { values: {} };
}

const PERSON_ATTRS = ['name', 'gender', 'birthDate', 'ethnicity', 'householdAddress'] as const;
const INSURANCE_ATTRS = [
  'insuranceType',
  'employerName',
  'employerUscc',
  'firstInsuredOn',
  'contributionMonths',
  'bankName',
  'bankAccount',
  'retired',
] as const;

const idCard: Resolver = {
  id: 'idCard',
  source: 'idCard',
  inputs: [],
  outputs: PERSON_ATTRS.map((a) => `applicant.${a}`).concat('applicant.idNumber'),
  async run(ctx) {
    const card = ctx.identity;
    if (!card) return { values: {} };
    const values: Record<string, FieldValue> = {
      'applicant.idNumber': card.idNumber,
      'applicant.name': card.name,
      'applicant.birthDate': card.birthDate,
      'applicant.householdAddress': card.address,
    };
    if (card.gender === 'male' || card.gender === 'female')
      values['applicant.gender'] = card.gender;
    if (card.nation?.name) values['applicant.ethnicity'] = card.nation.name;
    return { values };
  },
};

function resident(role: string): Resolver {
  const outputs = PERSON_ATTRS.map((a) => `${role}.${a}`);
  if (role === 'student') outputs.push('student.hukouLocal');
  return {
    id: `householdRegistry.resident:${role}`,
    source: 'householdRegistry',
    inputs: [`${role}.idNumber`],
    outputs,
    async run(ctx, inputs) {
      const id = str(inputs[`${role}.idNumber`]);
      const r = await ctx.call('householdRegistry', 'resident', id, (o) =>
        ctx.source('householdRegistry').resident(id, o),
      );
      if (!r) return { values: {} };
      const values = pick(role, r, PERSON_ATTRS);
      if (role === 'student')
        values['student.hukouLocal'] = r.regionCode.startsWith(ctx.localRegionPrefix);
      return { values };
    },
  };
}

/** The applicant's one school-age child (5 to 15 years old on the day). */
const schoolChild: Resolver = {
  id: 'householdRegistry.childrenOf:student',
  source: 'householdRegistry',
  inputs: ['applicant.idNumber'],
  outputs: ['student.idNumber'],
  async run(ctx, inputs) {
    const id = str(inputs['applicant.idNumber']);
    const children = await ctx.call('householdRegistry', 'childrenOf', id, (o) =>
      ctx.source('householdRegistry').childrenOf(id, o),
    );
    const schoolAge = children.filter((c) => {
      const age = ageOn(c.birthDate, ctx.now);
      return age >= 5 && age <= 15;
    });
    return single(schoolAge, this.outputs, (c) => ({ 'student.idNumber': c.idNumber }));
  },
};

const marriage: Resolver = {
  id: 'marriageRegistry.marriageOf',
  source: 'marriageRegistry',
  inputs: ['applicant.idNumber'],
  outputs: [
    'marriage.status',
    'marriage.certNo',
    'marriage.registeredOn',
    'spouse.idNumber',
    'spouse.name',
  ],
  async run(ctx, inputs) {
    const id = str(inputs['applicant.idNumber']);
    const m = await ctx.call('marriageRegistry', 'marriageOf', id, (o) =>
      ctx.source('marriageRegistry').marriageOf(id, o),
    );
    const values: Record<string, FieldValue> = { 'marriage.status': m.status };
    if (m.certNo) values['marriage.certNo'] = m.certNo;
    if (m.registeredOn) values['marriage.registeredOn'] = m.registeredOn;
    if (m.spouseIdNumber) values['spouse.idNumber'] = m.spouseIdNumber;
    if (m.spouseName) values['spouse.name'] = m.spouseName;
    return { values };
  },
};

function insurance(role: string): Resolver {
  return {
    id: `socialSecurity.insuranceOf:${role}`,
    source: 'socialSecurity',
    inputs: [`${role}.idNumber`],
    outputs: INSURANCE_ATTRS.map((a) => `${role}.${a}`),
    async run(ctx, inputs) {
      const id = str(inputs[`${role}.idNumber`]);
      const r = await ctx.call('socialSecurity', 'insuranceOf', id, (o) =>
        ctx.source('socialSecurity').insuranceOf(id, o),
      );
      return { values: r ? pick(role, r, INSURANCE_ATTRS) : {} };
    },
  };
}

function title(role: string, attrs: readonly string[], withSeller: boolean): Resolver {
  const outputs = attrs.map((a) => `${role}.${a}`);
  if (withSeller) outputs.push('seller.name', 'seller.idNumber');
  return {
    id: `propertyRegistry.byCertNo:${role}`,
    source: 'propertyRegistry',
    inputs: [`${role}.certNo`],
    outputs,
    async run(ctx, inputs) {
      const certNo = str(inputs[`${role}.certNo`]);
      const t = await ctx.call('propertyRegistry', 'byCertNo', certNo, (o) =>
        ctx.source('propertyRegistry').byCertNo(certNo, o),
      );
      if (!t) return { values: {} };
      const values = pick(role, t, attrs);
      if (!withSeller) return { values };
      // One seller field pair: a title with several owners needs the citizen to say who sells.
      const owner = t.owners.length === 1 ? t.owners[0] : undefined;
      if (!owner) return { values, ambiguous: ['seller.name', 'seller.idNumber'] };
      values['seller.name'] = owner.name;
      values['seller.idNumber'] = owner.idNumber;
      return { values };
    },
  };
}

const residential = (titles: PropertyRecord[]): PropertyRecord[] =>
  titles.filter((t) => t.usage === 'residential');

/** The applicant's own home, when exactly one residential title is registered to them. */
const ownHome: Resolver = {
  id: 'propertyRegistry.ownedBy:property',
  source: 'propertyRegistry',
  inputs: ['applicant.idNumber'],
  outputs: ['property.certNo', 'property.address'],
  async run(ctx, inputs) {
    const id = str(inputs['applicant.idNumber']);
    const titles = await ctx.call('propertyRegistry', 'ownedBy', id, (o) =>
      ctx.source('propertyRegistry').ownedBy(id, o),
    );
    return single(residential(titles), this.outputs, (t) => ({
      'property.certNo': t.certNo,
      'property.address': t.address,
    }));
  },
};

/** 家庭唯一住房: no residential title in the name of the applicant (or the spouse when married). */
function firstHome(couple: boolean): Resolver {
  const inputs = ['applicant.idNumber', 'marriage.status'];
  if (couple) inputs.push('spouse.idNumber');
  return {
    id: `propertyRegistry.ownedBy:firstHome:${couple ? 'couple' : 'single'}`,
    source: 'propertyRegistry',
    inputs,
    outputs: ['applicant.firstHome'],
    applies: (v) => (v['marriage.status'] === 'married') === couple,
    async run(ctx, v) {
      const ids = [str(v['applicant.idNumber'])];
      if (couple) ids.push(str(v['spouse.idNumber']));
      let homes = 0;
      for (const id of ids) {
        const titles = await ctx.call('propertyRegistry', 'ownedBy', id, (o) =>
          ctx.source('propertyRegistry').ownedBy(id, o),
        );
        homes += residential(titles).length;
      }
      return { values: { 'applicant.firstHome': homes === 0 } };
    },
  };
}

interface LicenceRule {
  id: string;
  type: string;
  outputs: string[];
  /** Only licences issued within this many days count (a birth certificate of this year). */
  recentDays?: number;
  /** several: ambiguous when more than one counts; latest: the newest supersedes the others. */
  several: 'ambiguous' | 'latest';
  accept?: (l: LicenceRecord, applicantId: string) => boolean;
}

function licence(rule: LicenceRule): Resolver {
  return {
    id: `licenceLibrary.licencesOf:${rule.id}`,
    source: 'licenceLibrary',
    inputs: ['applicant.idNumber'],
    outputs: rule.outputs,
    async run(ctx, inputs) {
      const id = str(inputs['applicant.idNumber']);
      const all = await ctx.call('licenceLibrary', 'licencesOf', id, (o) =>
        ctx.source('licenceLibrary').licencesOf(id, o),
      );
      const found = all
        .filter((l) => l.type === rule.type)
        .filter((l) => {
          if (rule.recentDays === undefined) return true;
          const age = daysBetween(l.issuedOn, ctx.now);
          return age >= 0 && age <= rule.recentDays;
        })
        .filter((l) => rule.accept?.(l, id) ?? true)
        .sort((a, b) => b.issuedOn.localeCompare(a.issuedOn));
      const chosen = rule.several === 'latest' ? found.slice(0, 1) : found;
      return single(chosen, rule.outputs, (l) => {
        const values: Record<string, FieldValue> = {};
        for (const key of rule.outputs) {
          const v = l.data[key];
          if (v !== undefined) values[key] = v;
        }
        return values;
      });
    },
  };
}

const companyOfRep: Resolver = {
  id: 'marketRegulation.companiesRepresentedBy',
  source: 'marketRegulation',
  inputs: ['applicant.idNumber'],
  outputs: ['company.uscc'],
  async run(ctx, inputs) {
    const id = str(inputs['applicant.idNumber']);
    const companies = await ctx.call('marketRegulation', 'companiesRepresentedBy', id, (o) =>
      ctx.source('marketRegulation').companiesRepresentedBy(id, o),
    );
    return single(
      companies.filter((c) => c.status === 'active'),
      this.outputs,
      (c) => ({ 'company.uscc': c.uscc }),
    );
  },
};

const COMPANY_ATTRS = ['name', 'type', 'address', 'legalRepName'] as const;
const company: Resolver = {
  id: 'marketRegulation.company',
  source: 'marketRegulation',
  inputs: ['company.uscc'],
  outputs: COMPANY_ATTRS.map((a) => `company.${a}`),
  async run(ctx, inputs) {
    const uscc = str(inputs['company.uscc']);
    const c = await ctx.call('marketRegulation', 'company', uscc, (o) =>
      ctx.source('marketRegulation').company(uscc, o),
    );
    return { values: c ? pick('company', c, COMPANY_ATTRS) : {} };
  },
};

/** The resolvers of the seeded catalogue, in the order the prefill tries them. */
export function defaultResolvers(): Resolver[] {
  return [
    idCard,
    marriage,
    licence({
      id: 'birth',
      type: 'birthMedicalCertificate',
      recentDays: 365,
      several: 'ambiguous',
      outputs: [
        'child.name',
        'child.gender',
        'child.birthDate',
        'child.birthPlace',
        'child.birthCertNo',
        'mother.idNumber',
        'mother.name',
        'father.idNumber',
        'father.name',
      ],
    }),
    licence({
      id: 'death',
      type: 'deathMedicalCertificate',
      recentDays: 365,
      several: 'ambiguous',
      accept: (l, applicant) => l.data['deceased.idNumber'] !== applicant,
      outputs: [
        'deceased.idNumber',
        'deceased.name',
        'deceased.deathDate',
        'deceased.deathPlace',
        'deceased.deathCertNo',
      ],
    }),
    licence({
      id: 'disabilityAssessment',
      type: 'disabilityAssessment',
      several: 'latest',
      outputs: [
        'disability.category',
        'disability.level',
        'disability.assessedOn',
        'disability.assessmentHospital',
      ],
    }),
    licence({
      id: 'disabilityCertificate',
      type: 'disabilityCertificate',
      several: 'latest',
      outputs: ['disability.certNo'],
    }),
    licence({
      id: 'lowIncome',
      type: 'subsistenceAllowanceCertificate',
      several: 'latest',
      outputs: ['applicant.lowIncomeStatus'],
    }),
    licence({
      id: 'onlyChild',
      type: 'onlyChildParentCertificate',
      several: 'latest',
      outputs: ['applicant.onlyChildParent', 'applicant.onlyChildCertNo'],
    }),
    licence({
      id: 'discharge',
      type: 'dischargeCertificate',
      several: 'latest',
      outputs: [
        'veteran.dischargeCertNo',
        'veteran.enlistedOn',
        'veteran.dischargedOn',
        'veteran.rank',
        'veteran.placement',
        'veteran.serviceMonths',
      ],
    }),
    schoolChild,
    ...['applicant', 'spouse', 'mother', 'father', 'student', 'deceased', 'seller'].map(resident),
    ...['applicant', 'mother', 'deceased'].map(insurance),
    title(
      'house',
      [
        'address',
        'area',
        'usage',
        'waterAccountNo',
        'powerAccountNo',
        'gasAccountNo',
        'broadbandAccountNo',
      ],
      true,
    ),
    title('premises', ['address', 'area'], false),
    title('property', ['address'], false),
    ownHome,
    firstHome(false),
    firstHome(true),
    companyOfRep,
    company,
  ];
}
