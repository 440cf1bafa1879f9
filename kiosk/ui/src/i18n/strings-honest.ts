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
  'honest.openCase.same': {
    zh: '您已为这件事提交过申请，正在办理中（办件编号 {caseNumber}，当前状态：{status}），无需重复提交。可凭办件编号查询进度。',
    en: 'You have already applied for this and it is in progress (case {caseNumber}, status: {status}), so there is no need to apply again. You can check its progress with the case number.',
  },
  'honest.openCase.other': {
    zh: '这件事已有人申请，正在办理中，不能重复提交。如有疑问，请咨询{department}（电话 {hotline}）。',
    en: 'Someone has already applied for this and it is in progress, so it cannot be filed again. If you have questions, ask {department} (phone {hotline}).',
  },
  'honest.openCase.otherNoPhone': {
    zh: '这件事已有人申请，正在办理中，不能重复提交。如有疑问，请咨询{department}。',
    en: 'Someone has already applied for this and it is in progress, so it cannot be filed again. If you have questions, ask {department}.',
  },
  'honest.notApplicable.title': { zh: '本次不办理的事项', en: 'Not filed this time' },
  'honest.notApplicable.intro': {
    zh: '根据您填写的内容，以下事项不符合办理条件，不会提交：',
    en: 'From your answers, these items do not apply and will not be filed:',
  },
  'honest.notApplicable.item': {
    zh: '{name}（仅当{reason}时办理）',
    en: '{name} (only when: {reason})',
  },
} as const satisfies Record<string, { zh: string; en: string }>;
