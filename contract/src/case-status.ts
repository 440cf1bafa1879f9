import { z } from 'zod';

/**
 * Where a department's part of a case stands, and where the whole case stands (derived from its
 * parts). A module of their own: the catalogue (which statuses count as open) and the REST
 * bodies both name them.
 */
export const SubCaseStatus = z.enum([
  'received',
  'in_review',
  'more_material',
  'approved',
  'rejected',
  'done',
]);
export type SubCaseStatus = z.infer<typeof SubCaseStatus>;

export const CaseStatus = z.enum(['received', 'in_progress', 'action_needed', 'done', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatus>;
