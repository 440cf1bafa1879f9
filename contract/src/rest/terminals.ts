import { z } from 'zod';
import { RegionCode } from './staff.ts';

export const TerminalKind = z.enum(['terminal', 'booth']);
export type TerminalKind = z.infer<typeof TerminalKind>;

export const TerminalId = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, '3–32 upper-case letters, digits and -');

export const RegisterTerminalRequest = z.object({
  id: TerminalId,
  name: z.string().trim().min(1).max(64),
  site: z.string().trim().min(1).max(64),
  region: RegionCode,
  kind: TerminalKind,
});
export type RegisterTerminalRequest = z.infer<typeof RegisterTerminalRequest>;

/**
 * Where a terminal is in its enrolment: registered without a live code, a code issued and
 * waiting for the bridge, the code expired unused, enrolled (the bridge holds a credential), or
 * revoked.
 */
export const EnrolmentState = z.enum([
  'notEnrolled',
  'codeIssued',
  'codeExpired',
  'enrolled',
  'revoked',
]);
export type EnrolmentState = z.infer<typeof EnrolmentState>;

/** A system administrator renames a terminal or moves it to another site or region. */
export const EditTerminalRequest = z
  .object({
    name: z.string().trim().min(1).max(64),
    site: z.string().trim().min(1).max(64),
    region: RegionCode,
  })
  .strict();
export type EditTerminalRequest = z.infer<typeof EditTerminalRequest>;

export const TerminalView = z.object({
  id: z.string(),
  name: z.string(),
  site: z.string(),
  region: z.string(),
  kind: TerminalKind,
  enrolled: z.boolean(),
  revoked: z.boolean(),
  maintenance: z.boolean(),
  enrolment: EnrolmentState,
  enrolledAt: z.number().nullable(),
  /** When the live enrolment code stops working; null without one. */
  codeExpiresAt: z.number().nullable(),
});
export type TerminalView = z.infer<typeof TerminalView>;

export const EnrolmentCodeResponse = z.object({
  terminal: TerminalView,
  /** Shown once; the bridge exchanges it for its own credential. */
  enrolmentCode: z.string(),
  expiresAt: z.number(),
});
export type EnrolmentCodeResponse = z.infer<typeof EnrolmentCodeResponse>;

export const EnrolRequest = z.object({
  terminalId: TerminalId,
  code: z.string().min(8).max(64),
});
export const EnrolResponse = z.object({ terminalId: z.string(), credential: z.string() });
export type EnrolResponse = z.infer<typeof EnrolResponse>;
