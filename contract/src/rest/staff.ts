import { z } from 'zod';
import { plainText } from '../text.ts';
import { SubCaseStatus } from './kiosk.ts';

export const Role = z.enum(['agent', 'supervisor', 'maintenance', 'admin']);
export type Role = z.infer<typeof Role>;

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

export const LoginResponse = z.object({ profile: StaffProfile, expiresAt: z.number() });
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

/** An administrator changes what an account may do; its open sessions end (sign in again). */
export const SetRolesRequest = z
  .object({
    roles: z.array(Role).min(1),
    department: z.string().trim().min(1).max(32).nullable().default(null),
  })
  .strict();
export type SetRolesRequest = z.input<typeof SetRolesRequest>;

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
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  action: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  targetType: z.string().max(64).optional(),
  targetId: z.string().max(128).optional(),
  since: z.coerce.number().int().nonnegative().optional(),
  until: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

// ——— case work (staff REST /api/cases) ———

export const CaseListQuery = z.object({ status: SubCaseStatus.optional() });
export type CaseListQuery = z.infer<typeof CaseListQuery>;

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
