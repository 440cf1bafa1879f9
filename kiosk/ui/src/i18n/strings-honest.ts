import { CASE_STATUS_WORDS, SUB_CASE_STATUS_WORDS } from '@onething/contract/status-words';

/**
 * Honest results: statuses in the one glossary (contract/src/status-words.ts), refused
 * duplicates and items that do not apply.
 */
export const honestStrings = {
  'caseStatus.received': CASE_STATUS_WORDS.received,
  'caseStatus.in_progress': CASE_STATUS_WORDS.in_progress,
  'caseStatus.action_needed': CASE_STATUS_WORDS.action_needed,
  'caseStatus.done': CASE_STATUS_WORDS.done,
  'caseStatus.closed': CASE_STATUS_WORDS.closed,
  'subStatus.received': SUB_CASE_STATUS_WORDS.received,
  'subStatus.in_review': SUB_CASE_STATUS_WORDS.in_review,
  'subStatus.more_material': SUB_CASE_STATUS_WORDS.more_material,
  'subStatus.approved': SUB_CASE_STATUS_WORDS.approved,
  'subStatus.rejected': SUB_CASE_STATUS_WORDS.rejected,
  'subStatus.done': SUB_CASE_STATUS_WORDS.done,
} as const satisfies Record<string, { zh: string; en: string }>;
