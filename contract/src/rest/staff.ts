import { z } from 'zod';
import { plainText } from '../text.ts';
import { IdentityCardSchema } from '../identity/identity-card.ts';
import { CaseView, RatingLevel, SubCaseStatus } from './kiosk.ts';

/**
 * Staff roles. Administration is split three ways (三员分立): `sysadmin` runs accounts,
 * terminals and the catalogue; `secadmin` grants roles (and owns policies and keys); `auditor`
 * reads the audit log. No account holds two of these (see ADMIN_DUTIES).
 */
export const Role = z.enum([
  'agent',
  'supervisor',
  'maintenance',
  'sysadmin',
  'secadmin',
  'auditor',
]);
export type Role = z.infer<typeof Role>;

/** The three administrator duties; an account holds at most one of them. */
export const ADMIN_DUTIES = ['sysadmin', 'secadmin', 'auditor'] as const satisfies readonly Role[];

/**
 * Roles that read citizens' personal data (cases, calls, the audit log's people): granting one
 * needs a second security administrator's approval.
 */
export const PERSONAL_DATA_ROLES = [
  'agent',
  'supervisor',
  'auditor',
] as const satisfies readonly Role[];

/** Region codes are GB/T 2260 administrative division codes (6 digits), e.g. 440113 番禺区. */
export const RegionCode = z.string().regex(/^\d{6}$/, 'a 6-digit GB/T 2260 region code');

export const StaffProfile = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(Role),
  department: z.string().nullable(),
  regions: z.array(RegionCode),
  languages: z.array(z.string()),
});
export type StaffProfile = z.infer<typeof StaffProfile>;

export const LoginRequest = z.object({
  username: z.string().trim().min(1, 'required').max(64),
  password: z.string().min(1, 'required').max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({
  profile: StaffProfile,
  expiresAt: z.number(),
  /** Set after an administrator set the password: only the change-password call is open. */
  mustChangePassword: z.boolean(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const CreateStaffRequest = z.object({
  username: z
    .string()
    .trim()
    .regex(
      /^[a-z][a-z0-9._-]{2,31}$/,
      '3–32 lowercase letters, digits, . _ -, starting with a letter',
    ),
  displayName: plainText(z.string().trim().min(1).max(64)),
  password: z.string().min(10, 'at least 10 characters').max(256),
  roles: z.array(Role).min(1),
  department: z.string().trim().min(1).max(32).nullable().default(null),
  regions: z.array(RegionCode).default([]),
  languages: z.array(z.string().min(2).max(10)).default(['zh-CN']),
});
export type CreateStaffRequest = z.input<typeof CreateStaffRequest>;

/** The signed-in person replaces their password (required after an administrator set it). */
export const ChangePasswordRequest = z.object({
  current: z.string().min(1, 'required').max(256),
  next: z.string().min(10, 'at least 10 characters').max(256),
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

/** An account as administrators see it. */
export const AccountView = StaffProfile.extend({
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
});
export type AccountView = z.infer<typeof AccountView>;

/** A system administrator edits who the person is and where they serve (not their roles). */
export const EditAccountRequest = z
  .object({
    displayName: plainText(z.string().trim().min(1).max(64)),
    regions: z.array(RegionCode),
    languages: z.array(z.string().min(2).max(10)).min(1),
  })
  .strict();
export type EditAccountRequest = z.infer<typeof EditAccountRequest>;

/** A system administrator sets a temporary password; the person must change it at sign-in. */
export const ResetPasswordRequest = z.object({
  password: z.string().min(10, 'at least 10 characters').max(256),
});
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

/** A role change waiting for (or decided by) a security administrator. */
export const RoleGrant = z.object({
  id: z.string(),
  accountId: z.string(),
  accountName: z.string(),
  roles: z.array(Role),
  department: z.string().nullable(),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requestedAt: z.number(),
  status: z.enum(['pending', 'approved', 'rejected']),
  decidedBy: z.string().nullable(),
  decidedAt: z.number().nullable(),
});
export type RoleGrant = z.infer<typeof RoleGrant>;

/**
 * The answer to a role change: the account as it is now, and the grant when the change waits
 * for another security administrator's approval (null when it took effect).
 */
export const RoleChangeResponse = z.object({ profile: AccountView, pending: RoleGrant.nullable() });
export type RoleChangeResponse = z.infer<typeof RoleChangeResponse>;

/** A security administrator changes what an account may do; its open sessions end (sign in again). */
export const SetRolesRequest = z
  .object({
    roles: z.array(Role).min(1),
    department: z.string().trim().min(1).max(32).nullable().default(null),
  })
  .strict();
export type SetRolesRequest = z.input<typeof SetRolesRequest>;

/** Disables (or enables again) an account; a disabled account's sessions end. */
export const SetDisabledRequest = z.object({ disabled: z.boolean() });
export type SetDisabledRequest = z.infer<typeof SetDisabledRequest>;

export const AuditEntry = z.object({
  id: z.string(),
  at: z.number(),
  actorType: z.enum(['staff', 'terminal', 'citizen', 'system', 'anonymous']),
  actorId: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  /** Who the actor and target are in words (account name, terminal name), when known. */
  actorName: z.string().nullable(),
  targetName: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  action: z.string().max(64).optional(),
  /** Every action starting with this, e.g. `account.` for everything done to accounts. */
  actionPrefix: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  targetType: z.string().max(64).optional(),
  targetId: z.string().max(128).optional(),
  since: z.coerce.number().int().nonnegative().optional(),
  until: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The hash chain's state as an auditor sees it; the console words each problem's kind. */
export const AuditChainStatus = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** Time-stamped anchors of the head the chain was checked against. */
  anchors: z.number().int(),
  firstSeq: z.number().int(),
  lastSeq: z.number().int(),
  problems: z.array(
    z.object({
      kind: z.enum([
        'changed',
        'deleted',
        'chain-broken',
        'unchained',
        'truncated',
        'rewritten',
        'anchor-invalid',
        'anchor-missing',
      ]),
      id: z.string().nullable(),
      seq: z.number().int().nullable(),
    }),
  ),
});
export type AuditChainStatus = z.infer<typeof AuditChainStatus>;

// ——— case work (staff REST /api/cases) ———

export const CaseListQuery = z.object({ status: SubCaseStatus.optional() });
export type CaseListQuery = z.infer<typeof CaseListQuery>;

/** A sub-case of the staff member's department in a list: the applicant masked. */
export const StaffSubCase = z.object({
  subCaseId: z.string(),
  caseNumber: z.string(),
  bundleCode: z.string(),
  itemCodes: z.array(z.string()),
  status: SubCaseStatus,
  dueAt: z.number().nullable(),
  submittedAt: z.number(),
  applicant: z.object({ name: z.string(), idNumber: z.string() }),
});
export type StaffSubCase = z.infer<typeof StaffSubCase>;

export const CaseTimelineEntry = z.object({
  at: z.number(),
  department: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string(),
  note: z.string().nullable(),
  actorType: z.string(),
  /** The reason code of a workbench action, from the item's list (or `other`). */
  reasonCode: z.string().nullable().optional(),
});

/** What a staff member reads of a case: only the fields and materials of their department's items. */
export const StaffCaseDetail = z.object({
  view: CaseView,
  applicant: IdentityCardSchema,
  answers: z.record(z.string(), z.unknown()),
  /** Fields of the department's items whose values are masked; `POST …/reveal` shows one. */
  masked: z.array(z.string()),
  /** Material id → upload id. */
  materials: z.record(z.string(), z.string()),
  timeline: z.array(CaseTimelineEntry),
  /** How the reader reached the case: a region they serve, or a call assigned to them. */
  access: z.enum(['region', 'ticket']),
});
export type StaffCaseDetail = z.infer<typeof StaffCaseDetail>;

export const RevealedField = z.object({ field: z.string(), value: z.unknown() });
export type RevealedField = z.infer<typeof RevealedField>;

/** Shows one masked field in full; the reason goes to the audit log. */
export const RevealFieldRequest = z.object({
  field: z.string().min(1).max(100),
  reason: plainText(z.string().trim().min(2).max(200)),
});
export type RevealFieldRequest = z.infer<typeof RevealFieldRequest>;

/** Moves the staff member's department's sub-case. */
export const SubCaseTransitionRequest = z.object({
  to: SubCaseStatus,
  note: plainText(z.string().max(500), { multiline: true }).nullable().default(null),
});
export type SubCaseTransitionRequest = z.infer<typeof SubCaseTransitionRequest>;

// ——— ratings (staff REST /api/ratings) ———

/** The rated staff member's own levels in aggregate: nothing that could identify who rated. */
export const OwnRatingSummary = z.object({
  count: z.number().int(),
  counts: z.record(RatingLevel, z.number().int()),
});
export type OwnRatingSummary = z.infer<typeof OwnRatingSummary>;

export const RatingsQuery = z.object({
  since: z.coerce.number().int().optional(),
  department: z.string().max(16).optional(),
});
export type RatingsQuery = z.infer<typeof RatingsQuery>;

export const SupervisorRatings = z.object({
  count: z.number().int(),
  /** Share of 满意 and 非常满意 among all ratings; null without ratings. */
  csat: z.number().nullable(),
  poor: z.number().int(),
  ratings: z.array(
    z.object({
      id: z.string(),
      caseNumber: z.string(),
      channel: z.string(),
      level: RatingLevel,
      dimensions: z.record(z.string(), RatingLevel),
      comment: z.string().nullable(),
      staffId: z.string().nullable(),
      department: z.string().nullable(),
      at: z.number(),
    }),
  ),
  followUps: z.array(
    z.object({
      id: z.string(),
      caseNumber: z.string(),
      dueAt: z.number(),
      status: z.enum(['open', 'done']),
      resolution: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
});
export type SupervisorRatings = z.infer<typeof SupervisorRatings>;
