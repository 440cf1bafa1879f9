import { z } from 'zod';
import { CaseStatus } from '../case-status.ts';
import { FIELD_KEY_RE } from './condition.ts';

/**
 * The catalogue file format (booth-server/catalogue/v<N>/): what administrators edit and what the
 * booth server validates at start-up. Objects are strict so a misspelt key (`mustGoTogther`) is
 * an error, not a silently ignored line. Cross-references (departments, field keys, item codes)
 * are checked by the loader, which knows every file at once.
 */

export const Localized = z.strictObject({
  zh: z.string().trim().min(1),
  en: z.string().trim().min(1),
});
export type Localized = z.infer<typeof Localized>;

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
export const IsoDate = z
  .string()
  .regex(DATE_RE, 'expected a date as YYYY-MM-DD')
  .refine(isRealDate, 'not a real calendar date');

export const FieldKey = z
  .string()
  .regex(FIELD_KEY_RE, 'expected a canonical field key such as applicant.idNumber');
export const MaterialKey = z
  .string()
  .regex(FIELD_KEY_RE, 'expected a material key such as applicant.idCard');
export const DepartmentCode = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{1,11}$/, 'expected an upper-case department code such as PSB');
export const LicenceCode = z
  .string()
  .regex(
    /^[a-z][a-zA-Z0-9]{2,47}$/,
    'expected a lower-camel licence type such as marriageCertificate',
  );
export const RegionCode = z.string().regex(/^\d{6}$/, 'expected a 6-digit region code');

/**
 * Item codes follow the shape of the basic code of GB/T 39554.1-2020 (fictitious values):
 * 2-digit item type (see ITEM_KINDS), 4-digit department segment, 3-digit main item, 3-digit
 * sub-item. The implementation code (实施编码) is the department's USCC followed by this code.
 */
export const ItemCode = z
  .string()
  .regex(/^\d{12}$/, 'expected a 12-digit item code: type(2) department(4) main(3) sub(3)');
/** 一件事 codes: YJS, P (personal) or E (business), 3 digits. */
export const BundleCode = z
  .string()
  .regex(/^YJS[PE]\d{3}$/, 'expected a bundle code such as YJSP001 or YJSE001');

/** 事项类型 and the 2-digit type prefix of the item code. */
export const ITEM_KINDS = {
  permit: { code: '01', zh: '行政许可', en: 'Administrative permit' },
  penalty: { code: '02', zh: '行政处罚', en: 'Administrative penalty' },
  enforcement: { code: '03', zh: '行政强制', en: 'Administrative enforcement' },
  levy: { code: '04', zh: '行政征收', en: 'Administrative levy' },
  benefit: { code: '05', zh: '行政给付', en: 'Administrative benefit' },
  inspection: { code: '06', zh: '行政检查', en: 'Administrative inspection' },
  confirmation: { code: '07', zh: '行政确认', en: 'Administrative confirmation' },
  award: { code: '08', zh: '行政奖励', en: 'Administrative award' },
  adjudication: { code: '09', zh: '行政裁决', en: 'Administrative adjudication' },
  otherPower: { code: '10', zh: '其他行政权力', en: 'Other administrative power' },
  publicService: { code: '11', zh: '公共服务', en: 'Public service' },
} as const;
export type ItemKind = keyof typeof ITEM_KINDS;
export const ItemKind = z.enum(Object.keys(ITEM_KINDS) as [ItemKind, ...ItemKind[]]);

/** Life events of the person (出生 … 身后) and of the business (开办 … 注销). */
export const LIFE_EVENTS = {
  birth: { subject: 'personal', zh: '出生', en: 'Birth' },
  education: { subject: 'personal', zh: '入学', en: 'Schooling' },
  employment: { subject: 'personal', zh: '就业', en: 'Employment' },
  socialSecurity: { subject: 'personal', zh: '社保', en: 'Social security' },
  marriage: { subject: 'personal', zh: '婚育', en: 'Marriage and family' },
  housing: { subject: 'personal', zh: '置业', en: 'Housing' },
  assistance: { subject: 'personal', zh: '扶残助困', en: 'Disability and hardship' },
  retirement: { subject: 'personal', zh: '退休', en: 'Retirement' },
  veterans: { subject: 'personal', zh: '退役', en: 'Leaving the forces' },
  afterDeath: { subject: 'personal', zh: '身后', en: 'After a death' },
  opening: { subject: 'business', zh: '开办', en: 'Opening a business' },
  change: { subject: 'business', zh: '变更', en: 'Changing registration' },
  operation: { subject: 'business', zh: '经营', en: 'Operating' },
  closing: { subject: 'business', zh: '注销', en: 'Closing' },
} as const;
export type LifeEvent = keyof typeof LIFE_EVENTS;
export const LifeEvent = z.enum(Object.keys(LIFE_EVENTS) as [LifeEvent, ...LifeEvent[]]);
export const BundleSubject = z.enum(['personal', 'business']);
export type BundleSubject = z.infer<typeof BundleSubject>;

/** Where a canonical field's value can come from besides the citizen. */
export const SOURCE_KINDS = [
  'idCard',
  'householdRegistry',
  'marriageRegistry',
  'socialSecurity',
  'propertyRegistry',
  'licenceLibrary',
  'marketRegulation',
] as const;
export const SourceKind = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof SourceKind>;

export const FIELD_TYPES = [
  'text',
  'address',
  'idNumber',
  'date',
  'phone',
  'amount',
  'number',
  'enum',
  'boolean',
  'uscc',
  /** 民族: one of the 56 groups of GB/T 3304 (ethnic-groups.ts), picked, never typed. */
  'ethnicity',
] as const;
export const FieldType = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldType>;

export const FieldRules = z.strictObject({
  minLength: z.number().int().min(0).optional(),
  maxLength: z.number().int().min(1).optional(),
  /** A regular expression the whole value must match, with the message shown when it does not. */
  pattern: z.strictObject({ regex: z.string().min(1), message: Localized }).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** For `number` fields: whole numbers only. */
  integer: z.boolean().optional(),
  /** For `date` fields: not after today. */
  notFuture: z.boolean().optional(),
  /** For `date` fields: not before this date. */
  notBefore: IsoDate.optional(),
  /** For `date` fields: at most this many days before today (a requested date, not history). */
  maxDaysPast: z.number().int().min(0).optional(),
  /** For `date` fields: at most this many days after today. */
  maxDaysAhead: z.number().int().min(0).optional(),
  /**
   * The characters a text value may contain, as the body of a regular-expression class (e.g.
   * `0-9` or `A-Z0-9`): the kiosk drops any other character as it is typed, the server refuses it.
   */
  allowedChars: z.string().min(1).optional(),
});
export type FieldRules = z.infer<typeof FieldRules>;

export const EnumOption = z.strictObject({
  value: z.string().min(1).max(40),
  label: Localized,
});
export type EnumOption = z.infer<typeof EnumOption>;

export const FieldDefinition = z.strictObject({
  key: FieldKey,
  label: Localized,
  type: FieldType,
  section: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'expected a section key'),
  /**
   * Shared-data sources able to supply the value, best first. Empty means 个性信息: only the
   * citizen can say (and `personal` must then be true).
   */
  sources: z.array(SourceKind).default([]),
  personal: z.boolean(),
  options: z.array(EnumOption).min(1).optional(),
  rules: FieldRules.optional(),
  hint: Localized.optional(),
  /**
   * Shown masked on public screens (a bank account); the citizen reveals it briefly by holding
   * it. ID numbers are always masked and need no flag.
   */
  masked: z.boolean().optional(),
});
export type FieldDefinition = z.infer<typeof FieldDefinition>;

export const SectionDefinition = z.strictObject({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'expected a section key'),
  label: Localized,
});
export type SectionDefinition = z.infer<typeof SectionDefinition>;

/** fields.yaml: the canonical field dictionary, in display order. */
export const FieldsFile = z.strictObject({
  sections: z.array(SectionDefinition).min(1),
  fields: z.array(FieldDefinition).min(1),
});
export type FieldsFile = z.infer<typeof FieldsFile>;

/** catalogue.yaml: what this catalogue is. */
export const CatalogueManifest = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a version such as 1.0.0'),
  name: Localized,
  region: RegionCode,
  publishedOn: IsoDate,
});
export type CatalogueManifest = z.infer<typeof CatalogueManifest>;

export const RegionDefinition = z.strictObject({ code: RegionCode, name: Localized });
export type RegionDefinition = z.infer<typeof RegionDefinition>;

export const DepartmentDefinition = z.strictObject({
  code: DepartmentCode,
  name: Localized,
  /** Agencies are government departments; utilities are public-service companies (水电气网). */
  kind: z.enum(['agency', 'utility']),
  /** GB 32100 code of the body, checked by the loader. */
  uscc: z.string(),
  /** 4-digit segment that item codes of this department carry. */
  segment: z.string().regex(/^\d{4}$/, 'expected a 4-digit segment'),
  region: RegionCode,
  hotline: z
    .string()
    .regex(/^[\d-]{3,20}$/, 'expected a telephone number')
    .optional(),
});
export type DepartmentDefinition = z.infer<typeof DepartmentDefinition>;

/** departments.yaml */
export const DepartmentsFile = z.strictObject({
  regions: z.array(RegionDefinition).min(1),
  departments: z.array(DepartmentDefinition).min(1),
});
export type DepartmentsFile = z.infer<typeof DepartmentsFile>;

export const LicenceDefinition = z.strictObject({
  code: LicenceCode,
  name: Localized,
  issuer: DepartmentCode,
});
export type LicenceDefinition = z.infer<typeof LicenceDefinition>;

/** licences.yaml: electronic licence (电子证照) types of the licence library. */
export const LicencesFile = z.strictObject({ licences: z.array(LicenceDefinition).min(1) });
export type LicencesFile = z.infer<typeof LicencesFile>;

export const MaterialDefinition = z.strictObject({
  key: MaterialKey,
  name: Localized,
  /** The electronic licence that replaces the paper (免提交 when the library holds it). */
  licence: LicenceCode.optional(),
  /** The field whose value identifies the holder in the licence library. */
  holderField: FieldKey.optional(),
  note: Localized.optional(),
});
export type MaterialDefinition = z.infer<typeof MaterialDefinition>;

/** materials.yaml: the canonical material dictionary, so one paper asked by five items is one. */
export const MaterialsFile = z.strictObject({ materials: z.array(MaterialDefinition).min(1) });
export type MaterialsFile = z.infer<typeof MaterialsFile>;

export const MaterialForm = z.enum(['original', 'copy', 'originalAndCopy', 'electronic']);
export type MaterialForm = z.infer<typeof MaterialForm>;

export const ItemMaterial = z.strictObject({
  material: MaterialKey,
  form: MaterialForm,
  count: z.number().int().min(1).max(20),
  /** Condition text; the material is needed only when it holds. */
  when: z.string().min(1).optional(),
  note: Localized.optional(),
});
export type ItemMaterial = z.infer<typeof ItemMaterial>;

export const ItemFormField = z.strictObject({
  field: FieldKey,
  required: z.boolean().default(true),
  /** Condition text; the field is asked only when it holds. */
  when: z.string().min(1).optional(),
});
export type ItemFormField = z.infer<typeof ItemFormField>;

export const DeliveryMode = z.enum(['window', 'post', 'electronic', 'selfPrint']);
export type DeliveryMode = z.infer<typeof DeliveryMode>;

/** A reason a reviewer gives for an action on the item's sub-case (受理/补正/办结/不予受理). */
export const ItemReason = z.strictObject({
  code: z.string().regex(/^[a-z][a-zA-Z0-9]{1,40}$/, 'camelCase code'),
  text: Localized,
});
export type ItemReason = z.infer<typeof ItemReason>;

/**
 * The item's reason lists for the department workbench, per action; a reject reason names its
 * legal basis in its text. Every action also takes `other` with free text.
 */
export const ItemReasons = z.strictObject({
  accept: z.array(ItemReason).default([]),
  requestMaterial: z.array(ItemReason).default([]),
  complete: z.array(ItemReason).default([]),
  reject: z.array(ItemReason).default([]),
});
export type ItemReasons = z.infer<typeof ItemReasons>;

export const ItemDefinition = z.strictObject({
  code: ItemCode,
  kind: ItemKind,
  name: Localized,
  description: Localized.optional(),
  /** 实施主体 */
  department: DepartmentCode,
  /** 设定依据 */
  legalBasis: z.array(Localized).min(1),
  /** 受理条件 */
  acceptanceConditions: z.array(Localized).min(1),
  /** 申请材料 */
  materials: z.array(ItemMaterial).default([]),
  /** 办理流程 */
  process: z.array(Localized).min(1),
  /** 法定/承诺办结时限, in working days. */
  timeLimit: z.strictObject({
    statutoryDays: z.number().int().min(0).max(365),
    promisedDays: z.number().int().min(0).max(365),
  }),
  /** 收费标准 and its basis. */
  fee: z.strictObject({ amount: z.number().min(0), basis: Localized }),
  /** 办理结果 and how it reaches the applicant. */
  result: z.strictObject({
    name: Localized,
    licence: LicenceCode.optional(),
    delivery: z.array(DeliveryMode).min(1),
  }),
  /** Completes on the spot at a self-service terminal (即时办结). */
  instant: z.boolean().default(false),
  /** The item's own application form, by canonical field keys. */
  form: z.array(ItemFormField).min(1),
  /** Reasons offered in the department workbench, per action. */
  reasons: ItemReasons.optional(),
  /**
   * What this item's result supplies to other items of the same bundle (e.g. 出生登记 yields the
   * child's ID number): those items then neither ask the field nor want the paper.
   */
  produces: z
    .strictObject({
      fields: z.array(FieldKey).default([]),
      materials: z.array(MaterialKey).default([]),
    })
    .optional(),
});
export type ItemDefinition = z.infer<typeof ItemDefinition>;

/** items/*.yaml: any number of items per file (the seed groups them by department). */
export const ItemsFile = z.strictObject({ items: z.array(ItemDefinition).min(1) });
export type ItemsFile = z.infer<typeof ItemsFile>;

export const BundleConditional = z.strictObject({
  item: ItemCode,
  /** Condition text, e.g. `mother.insuranceType == employee`. */
  when: z.string().min(1),
  /** The condition in words, for 一次告知 (e.g. 母亲参加职工生育保险). */
  reason: Localized,
});
export type BundleConditional = z.infer<typeof BundleConditional>;

/**
 * What a bundle's case is about (the newborn, the house, the company): while a case for a subject
 * is open, a second filing for it is refused, so two parents do not register one child twice.
 */
export const BundleSubjectKey = z.strictObject({
  /** The form field whose value names the subject, e.g. child.birthCertNo. */
  field: FieldKey,
  /** Case statuses during which the subject counts as taken. */
  openStatuses: z.array(CaseStatus).min(1),
});
export type BundleSubjectKey = z.infer<typeof BundleSubjectKey>;

/** bundles/*.yaml: one 一件事 per file. */
export const BundleDefinition = z.strictObject({
  code: BundleCode,
  name: Localized,
  subject: BundleSubject,
  lifeEvent: LifeEvent,
  /** 牵头单位 */
  leadDepartment: DepartmentCode,
  description: Localized,
  items: z.array(ItemCode).min(1),
  subjectKey: BundleSubjectKey,
  /** Groups the law requires together: choosing one member means choosing all. */
  mustGoTogether: z.array(z.array(ItemCode).min(2)).default([]),
  /** Items that apply only under a condition. */
  conditional: z.array(BundleConditional).default([]),
  /** The merged process as the citizen experiences it. */
  process: z.array(Localized).min(1),
  /** 承诺办结时限 of the whole bundle, in working days. */
  promisedDays: z.number().int().min(0).max(365),
  /** The application carries a minor's personal data (a newborn, a child starting school). */
  minorData: z.boolean().default(false),
  /**
   * Everyday words citizens search with ("生孩子", "买房", "开饭店"): the kiosk's search finds the
   * bundle by these as well as by its name.
   */
  synonyms: z
    .strictObject({
      zh: z.array(z.string().trim().min(1).max(20)).max(30).default([]),
      en: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
    })
    .default({ zh: [], en: [] }),
});
export type BundleDefinition = z.infer<typeof BundleDefinition>;
