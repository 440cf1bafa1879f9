import { z } from 'zod';
import { plainText } from '../text.ts';
import { RatingLevel, Text } from './kiosk.ts';

/**
 * 好差评 follow-up (国办发〔2019〕51号: 差评 are called back and put right, then the citizen
 * may rate again): what a supervisor reads and records, under /api/ratings/follow-ups.
 */

/** The step a follow-up waits for. */
export const FollowUpStage = z.enum(['callBack', 'fix', 'closed']);
export type FollowUpStage = z.infer<typeof FollowUpStage>;

export const FollowUp = z.object({
  id: z.string(),
  caseNumber: z.string(),
  bundleCode: z.string().nullable(),
  bundleName: Text.nullable(),
  rating: z.object({
    level: RatingLevel,
    channel: z.string(),
    /** The citizen's words, decrypted for supervisors only. */
    comment: z.string().nullable(),
    at: z.number(),
  }),
  /** Who served (a video call's agent); null when nobody was named. */
  agent: z.object({ id: z.string(), name: z.string() }).nullable(),
  department: z.string().nullable(),
  departmentName: Text.nullable(),
  stage: FollowUpStage,
  callBackDueAt: z.number(),
  fixDueAt: z.number(),
  calledBack: z.object({ at: z.number(), note: z.string(), by: z.string() }).nullable(),
  fixed: z.object({ at: z.number(), action: z.string(), by: z.string() }).nullable(),
  /** The citizen's second rating after the fix (once). */
  reRating: z
    .object({ level: RatingLevel, comment: z.string().nullable(), at: z.number() })
    .nullable(),
  /** The step whose deadline has passed, if any. */
  overdue: z.enum(['callBack', 'fix']).nullable(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const FollowUpListQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
});
export type FollowUpListQuery = z.input<typeof FollowUpListQuery>;

export const FollowUpList = z.object({
  /** The configured deadlines, in working days. */
  policy: z.object({
    callBackWorkingDays: z.number().int().positive(),
    fixWorkingDays: z.number().int().positive(),
  }),
  followUps: z.array(FollowUp),
});
export type FollowUpList = z.infer<typeof FollowUpList>;

/** The call-back to the citizen: when it happened and what came of it. */
export const RecordCallBackRequest = z.object({
  at: z.number().int().positive(),
  note: plainText(z.string().trim().min(2).max(500), { multiline: true }),
});
export type RecordCallBackRequest = z.infer<typeof RecordCallBackRequest>;

/** What was done to put the matter right; recording it closes the follow-up. */
export const RecordFixRequest = z.object({
  resolution: plainText(z.string().trim().min(2).max(1000), { multiline: true }),
});
export type RecordFixRequest = z.infer<typeof RecordFixRequest>;

/** Told live to supervisors when a follow-up's step passes its deadline. */
export const FollowUpOverdue = z.object({
  id: z.string(),
  caseNumber: z.string(),
  stage: z.enum(['callBack', 'fix']),
  dueAt: z.number(),
});
export type FollowUpOverdue = z.infer<typeof FollowUpOverdue>;
