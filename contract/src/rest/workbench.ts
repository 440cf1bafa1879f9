import { z } from 'zod';
import { plainText } from '../text.ts';
import { CorrectionView, SubCaseStatus, Text } from './kiosk.ts';
import { RegionCode, StaffCaseDetail } from './staff.ts';

/**
 * The department workbench (agents of a department): the worklist of their sub-cases in the
 * regions they serve, one sub-case's screen, and the actions on it.
 */

/** What a reviewer does to their department's sub-case. */
export const WorkbenchAction = z.enum(['accept', 'requestMaterial', 'complete', 'reject']);
export type WorkbenchAction = z.infer<typeof WorkbenchAction>;

/** `true`/`false` in a query string. */
const QueryFlag = z.enum(['true', 'false']);

export const WorklistQuery = z.object({
  status: SubCaseStatus.optional(),
  bundle: z.string().min(1).max(64).optional(),
  /** Due within this many working days' worth of calendar days from now (0: today). */
  dueWithinDays: z.coerce.number().int().min(0).max(60).optional(),
  overdue: QueryFlag.optional(),
  region: RegionCode.optional(),
});
export type WorklistQuery = z.infer<typeof WorklistQuery>;

/** One sub-case in the worklist, the applicant masked. */
export const WorklistEntry = z.object({
  subCaseId: z.string(),
  caseNumber: z.string(),
  bundleCode: z.string(),
  bundleName: Text,
  items: z.array(z.object({ code: z.string(), name: Text })),
  region: z.string().nullable(),
  status: SubCaseStatus,
  dueAt: z.number().nullable(),
  dueProvisional: z.boolean(),
  overdue: z.boolean(),
  submittedAt: z.number(),
  updatedAt: z.number(),
  version: z.number().int(),
  applicant: z.object({ name: z.string(), idNumber: z.string() }),
});
export type WorklistEntry = z.infer<typeof WorklistEntry>;

export const Worklist = z.object({
  /** Sorted by due date, soonest first; sub-cases without one last. */
  entries: z.array(WorklistEntry),
  /** Per state, over the whole worklist (the filters other than status applied). */
  counts: z.record(SubCaseStatus, z.number().int()),
  overdue: z.number().int(),
});
export type Worklist = z.infer<typeof Worklist>;

/** A reason from the item's list (catalogue `reasons`). */
export const ReasonOption = z.object({ code: z.string(), text: Text });
export type ReasonOption = z.infer<typeof ReasonOption>;

/** One material of the department's items and what the case holds for it. */
export const WorkbenchMaterial = z.object({
  code: z.string(),
  name: Text,
  /** upload: a file to preview; licence: 免提交, fetched from the licence library; missing. */
  held: z.enum(['upload', 'licence', 'missing']),
  uploadId: z.string().nullable(),
  mediaType: z.enum(['image/jpeg', 'image/png', 'application/pdf']).nullable(),
  /** The 免提交 licence, verified by the library when the case was filed (number masked). */
  licence: z.object({ code: z.string(), name: Text, number: z.string() }).nullable(),
  /** Supplied later in answer to a 补正 request. */
  supplied: z.boolean(),
});
export type WorkbenchMaterial = z.infer<typeof WorkbenchMaterial>;

/** Where a prefilled answer came from (shared data), recorded when the case was filed. */
export const EvidenceEntry = z.object({ field: z.string(), label: Text, source: z.string() });
export type EvidenceEntry = z.infer<typeof EvidenceEntry>;

/** The reviewer's sub-case, with what the actions need. */
export const SubCaseScreen = z.object({
  detail: StaffCaseDetail,
  /** Labels of the answers' fields. */
  fieldLabels: z.record(z.string(), Text),
  /** For answers that are options of a list: the option's label. */
  valueLabels: z.record(z.string(), Text),
  /** Every reason code of the case's items (all departments), for the timeline. */
  reasonTexts: z.record(z.string(), Text),
  /** Names of the departments that appear in the timeline, by code. */
  departments: z.record(z.string(), Text),
  subCase: z.object({
    id: z.string(),
    status: SubCaseStatus,
    version: z.number().int(),
    dueAt: z.number().nullable(),
    dueProvisional: z.boolean(),
    overdue: z.boolean(),
    items: z.array(z.object({ code: z.string(), name: Text })),
    correction: CorrectionView.nullable(),
    /** The result a 办结 gives, and the licence issued to the library with it, if any. */
    result: z.array(z.object({ item: z.string(), name: Text, licence: z.string().nullable() })),
  }),
  /** Actions open in the sub-case's state. */
  allowed: z.array(WorkbenchAction),
  reasons: z.record(WorkbenchAction, z.array(ReasonOption)),
  materials: z.array(WorkbenchMaterial),
  evidence: z.array(EvidenceEntry),
});
export type SubCaseScreen = z.infer<typeof SubCaseScreen>;

export const SubCaseActionRequest = z.object({
  action: WorkbenchAction,
  /** The version the reviewer saw; another reviewer's action in between refuses this one. */
  version: z.number().int().min(0),
  /** From the item's list for this action; `other` needs the free text. */
  reasonCode: z.string().min(1).max(64),
  note: plainText(z.string().trim().max(500), { multiline: true }).nullable().default(null),
  /** requestMaterial: which materials (of the department's items). */
  materials: z.array(z.string().min(1).max(100)).max(30).default([]),
  /** requestMaterial: the deadline, in working days. */
  deadlineDays: z.number().int().min(1).max(60).default(5),
});
export type SubCaseActionRequest = z.input<typeof SubCaseActionRequest>;

/** A sub-case changed: the workbench of the department reloads what it shows. */
export const SubCaseChanged = z.object({
  caseNumber: z.string(),
  department: z.string(),
  status: SubCaseStatus,
  version: z.number().int(),
});
export type SubCaseChanged = z.infer<typeof SubCaseChanged>;

/** The applicant supplies the materials of a 补正 request at a kiosk (attested identity). */
export const SupplyCorrectionRequest = z.object({
  caseNumber: z.string().min(6).max(40),
  idLast4: z.string().regex(/^\d{3}[\dX]$/, '4 characters: digits, the last may be X'),
  /** Material code → upload id. */
  uploads: z.record(z.string().max(100), z.string().max(80)),
});
export type SupplyCorrectionRequest = z.infer<typeof SupplyCorrectionRequest>;
