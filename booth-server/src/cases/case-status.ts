import type { CaseStatus, SubCaseStatus } from '@onething/contract/rest/kiosk';

/** Allowed sub-case moves: parallel review per department, 并联 not 串联. */
const TRANSITIONS: Record<SubCaseStatus, SubCaseStatus[]> = {
  // 补正 may be asked before 受理 (材料不全，一次性告知), and 办结 may come straight from review.
  received: ['in_review', 'rejected', 'more_material'],
  in_review: ['approved', 'rejected', 'more_material', 'done'],
  more_material: ['in_review', 'rejected'],
  approved: ['done'],
  rejected: [],
  done: [],
};

/** Whether a department's sub-case may move from `from` to `to`. */
export function canMove(from: SubCaseStatus, to: SubCaseStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Overall status, derived — never stored independently of its sub-cases' truth. */
export function deriveCaseStatus(statuses: SubCaseStatus[]): CaseStatus {
  if (statuses.length === 0) return 'received';
  if (statuses.every((s) => s === 'rejected')) return 'closed';
  if (statuses.every((s) => s === 'done' || s === 'rejected')) return 'done';
  if (statuses.some((s) => s === 'more_material')) return 'action_needed';
  if (statuses.every((s) => s === 'received')) return 'received';
  return 'in_progress';
}
