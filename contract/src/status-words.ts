import type { CaseStatus, SubCaseStatus } from './case-status.ts';

/**
 * The one vocabulary for where a case stands, in zh-CN and English. The kiosk, the public status
 * page (served to it as /status-words.js) and the console all word statuses from here, so a
 * citizen reads the same word on the receipt, the status page and the terminal as staff see.
 * 已受理 means a department has accepted its part — never said on submission, which is 已提交
 * (the citizen's act) and 已收件 (the departments hold it).
 */
export interface StatusWord {
  zh: string;
  en: string;
}

/** The moment of filing, as the receipt and the agent's seat say it. */
export const SUBMISSION_WORDS = {
  submitted: { zh: '已提交', en: 'Submitted' },
  received: { zh: '已收件', en: 'Received' },
} as const satisfies Record<string, StatusWord>;

/** One department's part of a case. */
export const SUB_CASE_STATUS_WORDS = {
  received: { zh: '已收件', en: 'Received' },
  in_review: { zh: '已受理', en: 'Accepted' },
  more_material: { zh: '待补正', en: 'Documents needed' },
  approved: { zh: '已通过', en: 'Approved' },
  rejected: { zh: '未通过', en: 'Not approved' },
  done: { zh: '已办结', en: 'Completed' },
} as const satisfies Record<SubCaseStatus, StatusWord>;

/** The whole case, derived from its parts (booth-server/src/cases/case-status.ts). */
export const CASE_STATUS_WORDS = {
  received: { zh: '已收件', en: 'Received' },
  in_progress: { zh: '办理中', en: 'In progress' },
  action_needed: { zh: '待补正', en: 'Documents needed' },
  done: { zh: '已办结', en: 'Completed' },
  closed: { zh: '未通过', en: 'Not approved' },
} as const satisfies Record<CaseStatus, StatusWord>;

/** The glossary as one object, for clients that look words up by a name known at run time. */
export const STATUS_WORDS = {
  submission: SUBMISSION_WORDS,
  case: CASE_STATUS_WORDS,
  subCase: SUB_CASE_STATUS_WORDS,
} as const;
