import { z } from 'zod';
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
  /** To the agents of the sub-case's department serving its region: reload the worklist. */
  'workbench:subCaseChanged': SubCaseChanged,
});
