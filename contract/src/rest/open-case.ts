import { z } from 'zod';
import { CaseStatus, Text } from './kiosk.ts';

/**
 * The details of a CASE_ALREADY_OPEN refusal. The applicant of the open case is shown its number
 * and status; anyone else (the other parent) only learns that an application is in progress and
 * whom to ask — a case number is the key to its status page, so it is never told to them.
 */
export const OpenCaseRefusal = z.discriminatedUnion('applicant', [
  z.object({ applicant: z.literal('same'), caseNumber: z.string(), status: CaseStatus }),
  z.object({
    applicant: z.literal('other'),
    /** The bundle's lead department, which answers questions about it. */
    department: Text,
    hotline: z.string().nullable(),
  }),
]);
export type OpenCaseRefusal = z.infer<typeof OpenCaseRefusal>;
