import { z } from 'zod';
import { ConditionNodeSchema } from './condition.ts';
import { FIELD_RULES } from './field-check.ts';
import {
  EnumOption,
  FieldRules,
  FieldType,
  Localized,
  MaterialForm,
  SOURCE_KINDS,
} from './schema.ts';

/**
 * Results of the 一件事 domain core: the merged form (一表申请), the merged materials (一套材料)
 * and the prefill outcome. The booth server produces them; REST, cases, the kiosk and the agent
 * console read them.
 */

export const FieldValueSchema = z.union([z.string().max(2000), z.number(), z.boolean()]);
export const Answers = z.record(z.string(), FieldValueSchema);
export type Answers = z.infer<typeof Answers>;

/** Who supplies a value: the citizen, the ID card, or a shared-data source. */
export const FieldSource = z.enum(['citizen', ...SOURCE_KINDS]);
export type FieldSource = z.infer<typeof FieldSource>;

export const ItemState = z.enum(['applies', 'excluded', 'pending']);
/** applies: will be handled; excluded: its condition is false; pending: the answer is missing. */
export type ItemState = z.infer<typeof ItemState>;

export const MergedFormItem = z.object({
  code: z.string(),
  name: Localized,
  department: z.object({ code: z.string(), name: Localized }),
  state: ItemState,
  /** The bundle's condition for this item, when it has one. */
  when: ConditionNodeSchema.optional(),
  /** The condition in words. */
  reason: Localized.optional(),
  instant: z.boolean(),
  promisedDays: z.number().int(),
});
export type MergedFormItem = z.infer<typeof MergedFormItem>;

export const MergedField = z.object({
  key: z.string(),
  label: Localized,
  type: FieldType,
  section: z.string(),
  options: z.array(EnumOption).optional(),
  rules: FieldRules.optional(),
  hint: Localized.optional(),
  /** Shown masked on public screens (see FieldDefinition.masked). */
  masked: z.boolean().optional(),
  /** Who is expected to supply it: the first able source, or the citizen for 个性信息. */
  source: FieldSource,
  /** Every shared-data source able to supply it, best first. */
  sources: z.array(z.enum(SOURCE_KINDS)),
  personal: z.boolean(),
  required: z.boolean(),
  /** Items whose own forms ask this field. */
  requiredBy: z.array(z.string()),
  /** Items whose applicability or content depends on the answer. */
  decides: z.array(z.string()),
  /** Asked only while this holds (its inputs are not all answered yet). */
  when: ConditionNodeSchema.optional(),
});
export type MergedField = z.infer<typeof MergedField>;

export const OmissionReason = z.enum(['itemExcluded', 'conditionFalse', 'producedByItem']);
export type OmissionReason = z.infer<typeof OmissionReason>;

/** A field an item's own form asks that the merged form does not, and why. */
export const OmittedField = z.object({
  item: z.string(),
  field: z.string(),
  reason: OmissionReason,
  /** For producedByItem: the item whose result supplies it. */
  by: z.string().optional(),
});
export type OmittedField = z.infer<typeof OmittedField>;

export const MergedForm = z.object({
  catalogueVersion: z.string(),
  bundle: z.object({
    code: z.string(),
    name: Localized,
    leadDepartment: z.object({ code: z.string(), name: Localized }),
    promisedDays: z.number().int(),
  }),
  /** The chosen items in bundle order. */
  items: z.array(MergedFormItem),
  sections: z.array(z.object({ key: z.string(), label: Localized, fields: z.array(MergedField) })),
  omitted: z.array(OmittedField),
  /** Fields the separate forms of the applicable items would have asked, added up. */
  separateFieldCount: z.number().int(),
  fieldCount: z.number().int(),
});
export type MergedForm = z.infer<typeof MergedForm>;

export const MergedMaterial = z.object({
  key: z.string(),
  name: Localized,
  /** The strictest form any requiring item asks (original and copy > original > copy). */
  form: MaterialForm,
  count: z.number().int(),
  requiredBy: z.array(z.string()),
  when: ConditionNodeSchema.optional(),
  licence: z.object({ code: z.string(), name: Localized }).optional(),
  /** submit: the citizen hands it in; exempt: 免提交, fetched from the licence library. */
  status: z.enum(['submit', 'exempt']),
  /** For exempt materials: the licence found, its number masked. */
  exemptBy: z.object({ licence: z.string(), number: z.string() }).optional(),
  notes: z.array(Localized),
});
export type MergedMaterial = z.infer<typeof MergedMaterial>;

export const OmittedMaterial = z.object({
  item: z.string(),
  material: z.string(),
  reason: OmissionReason,
  by: z.string().optional(),
});
export type OmittedMaterial = z.infer<typeof OmittedMaterial>;

export const MaterialList = z.object({
  materials: z.array(MergedMaterial),
  omitted: z.array(OmittedMaterial),
  counts: z.object({
    /** Material entries of the applicable items' separate guides, added up. */
    separate: z.number().int(),
    /** After merging: each material once. */
    merged: z.number().int(),
    /** 免提交 among the merged. */
    exempt: z.number().int(),
    /** What the citizen still hands in. */
    toSubmit: z.number().int(),
  }),
});
export type MaterialList = z.infer<typeof MaterialList>;

export const PrefillReason = z.enum([
  /** 个性信息: only the citizen can say. */
  'personal',
  /** The sources were asked and hold no record. */
  'notFound',
  /** A source failed or timed out. */
  'sourceUnavailable',
  /** A source holds several candidates (e.g. two school-age children). */
  'ambiguous',
  /** The lookup needs another answer first (e.g. the certificate number of the house). */
  'needsInput',
  /** The source answered with a value that fails the field's rules. */
  'invalidFromSource',
  /** No adapter for the source is configured. */
  'noAdapter',
]);
export type PrefillReason = z.infer<typeof PrefillReason>;

export const PrefillFieldOutcome = z.object({
  key: z.string(),
  /** prefilled: from a source; answered: the citizen already gave it; typeIt: please type it. */
  status: z.enum(['prefilled', 'answered', 'typeIt']),
  source: FieldSource,
  reason: PrefillReason.optional(),
  message: Localized.optional(),
});
export type PrefillFieldOutcome = z.infer<typeof PrefillFieldOutcome>;

export const SourceProblem = z.object({
  source: z.enum(SOURCE_KINDS),
  operation: z.string(),
  problem: z.enum(['timeout', 'failed']),
  message: z.string(),
});
export type SourceProblem = z.infer<typeof SourceProblem>;

export const PrefillResult = z.object({
  /** Prefilled values of form fields only, each with its source. */
  values: z.record(z.string(), z.object({ value: FieldValueSchema, source: FieldSource })),
  fields: z.array(PrefillFieldOutcome),
  sourceProblems: z.array(SourceProblem),
});
export type PrefillResult = z.infer<typeof PrefillResult>;

export const FieldError = z.object({
  key: z.string(),
  rule: z.enum(FIELD_RULES),
  message: Localized,
});
export type FieldError = z.infer<typeof FieldError>;

export const SelectionProblem = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unknownBundle'), bundle: z.string() }),
  z.object({ kind: z.literal('emptySelection') }),
  z.object({ kind: z.literal('unknownItem'), item: z.string() }),
  z.object({ kind: z.literal('notInBundle'), item: z.string() }),
  z.object({
    kind: z.literal('mustGoTogether'),
    group: z.array(z.string()),
    missing: z.array(z.string()),
  }),
]);
export type SelectionProblem = z.infer<typeof SelectionProblem>;
