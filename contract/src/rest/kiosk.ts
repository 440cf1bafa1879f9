import { z } from 'zod';
import { ConditionNodeSchema } from '../catalogue/condition.ts';
import { FieldRules, FieldType } from '../catalogue/schema.ts';
import { AnswerValue, plainText } from '../text.ts';
import { GivenConsent } from '../privacy/consent.ts';
import { CaseStatus, SubCaseStatus } from '../case-status.ts';

/**
 * REST views for the citizen's kiosk. They are presentation shapes, separate from the catalogue
 * file format, so the catalogue can evolve without breaking terminals in the field.
 *
 * Every /api/kiosk/* call carries `Authorization: Bearer <kiosk session token>`; the UI gets
 * that token from its device bridge, which holds the terminal's credential.
 */
export const Text = z.object({ zh: z.string(), en: z.string() });
export type Text = z.infer<typeof Text>;

export const BundleSummary = z.object({
  code: z.string(),
  name: Text,
  subject: z.enum(['personal', 'business']),
  lifeEvent: z.string(),
  lifeEventName: Text,
  leadDepartment: Text,
  itemCount: z.number().int(),
  departmentCount: z.number().int(),
  promisedDays: z.number().nullable(),
  /** The application carries a minor's personal data: the guardian consents before filing. */
  minorData: z.boolean(),
  /** Everyday words the search also finds it by (both languages). */
  synonyms: z.array(z.string()).default([]),
});
export type BundleSummary = z.infer<typeof BundleSummary>;

export const CatalogueIndex = z.object({
  version: z.string(),
  bundles: z.array(BundleSummary),
  /** Items a terminal completes on the spot (e.g. 无犯罪记录证明). */
  instantItems: z.array(
    z.object({ code: z.string(), name: Text, department: Text, description: Text }),
  ),
  /** The places the catalogue serves, named: the on-screen keyboard offers them first. */
  regions: z.array(z.object({ code: z.string(), name: Text })).default([]),
});
export type CatalogueIndex = z.infer<typeof CatalogueIndex>;

export const MaterialNotice = z.object({
  id: z.string(),
  name: Text,
  form: z.enum(['original', 'copy', 'originalAndCopy', 'electronic']),
  count: z.number().int(),
  /** Electronic licence that replaces it (免提交 when the library holds it for this person). */
  licence: Text.nullable(),
  requiredBy: z.array(z.string()),
});
export type MaterialNotice = z.infer<typeof MaterialNotice>;

export const ItemNotice = z.object({
  code: z.string(),
  name: Text,
  department: Text,
  conditions: z.array(Text),
  /** Applies only when this is true, in words (e.g. 父母已登记结婚). */
  appliesWhen: Text.nullable(),
  promisedDays: z.number().nullable(),
  statutoryDays: z.number().nullable(),
  fee: Text,
  result: Text,
  delivery: z.array(Text),
  mandatory: z.boolean(),
  /** Codes that must be chosen together with this one. */
  requires: z.array(z.string()),
});
export type ItemNotice = z.infer<typeof ItemNotice>;

/** 一次告知: everything the citizen needs to know for one bundle, on one screen. */
export const BundleNotice = z.object({
  version: z.string(),
  bundle: BundleSummary,
  items: z.array(ItemNotice),
  materials: z.array(MaterialNotice),
  process: z.array(Text),
});
export type BundleNotice = z.infer<typeof BundleNotice>;

export const FieldSource = z.enum([
  'citizen',
  'idCard',
  'householdRegistry',
  'marriageRegistry',
  'socialSecurity',
  'propertyRegistry',
  'licenceLibrary',
  'marketRegulation',
]);
export type FieldSource = z.infer<typeof FieldSource>;

export const FormFieldView = z.object({
  key: z.string(),
  label: Text,
  type: FieldType,
  required: z.boolean(),
  options: z.array(z.object({ value: z.string(), label: Text })).optional(),
  value: z.union([z.string(), z.number(), z.boolean()]).nullable(),
  source: FieldSource,
  /** Prefilled values from authoritative sources are locked; the citizen can still see them. */
  editable: z.boolean(),
  hint: Text.nullable(),
  /** Set when a source was asked but could not answer ("please type it"). */
  fallbackReason: Text.nullable(),
  requiredBy: z.array(z.string()),
  /** The catalogue's input rules, so the kiosk keeps to them while the citizen types or picks. */
  rules: FieldRules.optional(),
  /** Shown masked (bank accounts; ID numbers always are): revealed briefly by press-and-hold. */
  masked: z.boolean().optional(),
  /** Asked only while this holds: the kiosk hides the field until it does. */
  when: ConditionNodeSchema.optional(),
});
export type FormFieldView = z.infer<typeof FormFieldView>;

export const MergedFormView = z.object({
  bundleCode: z.string(),
  itemCodes: z.array(z.string()),
  catalogueVersion: z.string(),
  sections: z.array(z.object({ id: z.string(), title: Text, fields: z.array(FormFieldView) })),
  materials: z.array(
    MaterialNotice.extend({
      /** 免提交: attached from the electronic licence library, nothing to capture. */
      attached: z.boolean(),
    }),
  ),
  /**
   * Chosen items whose catalogue condition does not hold, or is not known to, for these answers
   * (消防 for small premises): not filed, shown before submission with the condition in words.
   */
  notApplicable: z.array(z.object({ code: z.string(), name: Text, reason: Text })).default([]),
  stats: z.object({
    separateFields: z.number().int(),
    mergedFields: z.number().int(),
    toType: z.number().int(),
  }),
});
export type MergedFormView = z.infer<typeof MergedFormView>;

/**
 * Prefilled for the kiosk session's attested person (none before the citizen identified). The
 * request carries no identity: the server refuses one (IDENTITY_FROM_DEVICE_ONLY).
 */
export const MergeFormRequest = z.object({
  bundleCode: z.string().min(1).max(64),
  itemCodes: z.array(z.string().min(1).max(64)).min(1).max(30),
  answers: z.record(z.string(), AnswerValue).default({}),
});
export type MergeFormRequest = z.input<typeof MergeFormRequest>;

export const FieldError = z.object({ key: z.string(), rule: z.string(), message: Text });
export type FieldError = z.infer<typeof FieldError>;

/** The prefilled (locked) fields are derived again from the session's attested person. */
export const ValidateFormRequest = MergeFormRequest.pick({
  bundleCode: true,
  itemCodes: true,
  answers: true,
});
export type ValidateFormRequest = z.input<typeof ValidateFormRequest>;

export const ValidateFormResponse = z.object({ errors: z.array(FieldError) });
export type ValidateFormResponse = z.infer<typeof ValidateFormResponse>;

/** What a POST that records something and has nothing else to say answers. */
export const Accepted = z.object({ ok: z.literal(true) });

/** Filed for the kiosk session's attested person (the applicant equals the actor today). */
export const SubmitCaseRequest = z.object({
  idempotencyKey: z.string().min(16).max(64),
  bundleCode: z.string().min(1).max(64),
  itemCodes: z.array(z.string().min(1).max(64)).min(1).max(30),
  answers: z.record(z.string(), AnswerValue),
  /** Material id → upload id of the captured image/PDF; absent materials are skipped. */
  uploads: z.record(z.string(), z.string().max(80)).default({}),
  channel: z.enum(['terminal', 'booth']).default('terminal'),
  /** Separate consents the citizen gave on screen (a guardian's for a minor's data). */
  consents: z.array(GivenConsent).max(4).default([]),
});
export type SubmitCaseRequest = z.input<typeof SubmitCaseRequest>;

export { CaseStatus, SubCaseStatus } from '../case-status.ts';

/** A 补正 request as the applicant sees it. */
export const CorrectionView = z.object({
  materials: z.array(z.object({ code: z.string(), name: Text })),
  deadlineAt: z.number(),
  requestedAt: z.number(),
  /** When the applicant supplied the materials; null while still open. */
  suppliedAt: z.number().nullable(),
});
export type CorrectionView = z.infer<typeof CorrectionView>;

export const CaseView = z.object({
  caseNumber: z.string(),
  bundleCode: z.string(),
  bundleName: Text,
  status: CaseStatus,
  submittedAt: z.number(),
  dueAt: z.number().nullable(),
  subCases: z.array(
    z.object({
      department: Text,
      items: z.array(z.object({ code: z.string(), name: Text })),
      status: SubCaseStatus,
      dueAt: z.number().nullable(),
      note: z.string().nullable(),
      updatedAt: z.number(),
      /** The due date was counted without next year's holiday calendar and may move. */
      dueProvisional: z.boolean().optional(),
      /** The open 补正 request: what to supply, by when (the citizen supplies it at a kiosk). */
      correction: CorrectionView.optional(),
    }),
  ),
});
export type CaseView = z.infer<typeof CaseView>;

export const SubmitCaseResponse = z.object({ case: CaseView, duplicate: z.boolean() });
export type SubmitCaseResponse = z.infer<typeof SubmitCaseResponse>;

export const CaseLookupRequest = z.object({
  caseNumber: z.string().min(6).max(40),
  /** Second factor: the last 4 characters of the applicant's ID number. */
  idLast4: z.string().regex(/^\d{3}[\dX]$/, '4 characters: digits, the last may be X'),
});
export type CaseLookupRequest = z.infer<typeof CaseLookupRequest>;

export const RatingLevel = z.enum([
  'very_satisfied',
  'satisfied',
  'basic',
  'unsatisfied',
  'very_unsatisfied',
]);
export type RatingLevel = z.infer<typeof RatingLevel>;

export const RatingRequest = z.object({
  caseNumber: z.string().min(6).max(40),
  channel: z.enum(['onsite', 'online']),
  level: RatingLevel,
  /** On-site: efficiency, competence, attitude; online: efficiency, guideAccuracy, convenience, ease. */
  dimensions: z.record(z.string(), RatingLevel).default({}),
  comment: plainText(z.string().max(500), { multiline: true }).optional(),
  /** For a rating of a video-booth call: the call it rates. */
  callId: z.string().max(64).optional(),
});
export type RatingRequest = z.input<typeof RatingRequest>;

/** The public status page's answer: the case's status, and whether it can still be rated. */
export const PublicCaseStatus = CaseView.extend({ rated: z.boolean() });
export type PublicCaseStatus = z.infer<typeof PublicCaseStatus>;

/** A rating from the citizen proving the case on the status page (number + ID last four). */
export const PublicRatingRequest = CaseLookupRequest.extend({
  rating: RatingRequest.pick({ level: true, dimensions: true, comment: true }),
});
export type PublicRatingRequest = z.input<typeof PublicRatingRequest>;

export const UploadResponse = z.object({
  uploadId: z.string(),
  sha256: z.string(),
  mediaType: z.string(),
  bytes: z.number().int(),
});
export type UploadResponse = z.infer<typeof UploadResponse>;

/** For the kiosk session's attested person: the page never names who. */
export const InstantCertificateRequest = z.object({
  itemCode: z.string().min(1).max(64),
  /** The citizen confirmed the purpose and the details on screen. */
  confirmed: z.literal(true),
});
export type InstantCertificateRequest = z.input<typeof InstantCertificateRequest>;

export const InstantCertificateResponse = z.object({
  serial: z.string(),
  verifyUrl: z.string(),
  /** Ready for the bridge's `print:a4`. */
  document: z.object({
    kind: z.literal('certificate'),
    title: z.string(),
    paragraphs: z.array(z.string()),
    serial: z.string(),
    qr: z.string(),
    issuer: z.string(),
  }),
});
export type InstantCertificateResponse = z.infer<typeof InstantCertificateResponse>;

/** What the bridge obtains for its UI with the terminal credential. */
export const KioskSessionToken = z.object({
  token: z.string(),
  expiresAt: z.number(),
  terminalId: z.string(),
  /** Public id of the session: the bridge names it when it attests who is at the terminal. */
  sessionId: z.string(),
});
export type KioskSessionToken = z.infer<typeof KioskSessionToken>;
