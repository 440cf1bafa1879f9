import { z } from 'zod';
import { FollowUpOverdue } from '../rest/follow-up.ts';
import { StaffProfile } from '../rest/staff.ts';
import { SubCaseChanged } from '../rest/workbench.ts';
import { defineNotifications, defineRequests } from '../wire/contract.ts';
import { SessionNotifications } from './session.ts';

/** Events a staff console sends (agents, supervisors, maintenance, admins). */
export const StaffRequests = defineRequests({
  'session:whoami': { request: z.object({}).strict(), response: StaffProfile },
});

/** Events the server pushes to staff consoles. */
export const StaffNotifications = defineNotifications({
  ...SessionNotifications,
  /** To supervisors: a 差评 follow-up's step passed its deadline. */
  'followUp:overdue': FollowUpOverdue,
  /** To supervisors: a case was filed or moved, so the KPIs changed (a wallboard reloads). */
  'kpi:changed': z.object({ at: z.number() }),
  /** To the agents of the sub-case's department serving its region: reload the worklist. */
  'workbench:subCaseChanged': SubCaseChanged,
});
