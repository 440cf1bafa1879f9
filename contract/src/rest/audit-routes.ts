import { z } from 'zod';
import { defineRoute } from '../wire/rest-route.ts';
import { AuditEntry, AuditQuery } from './staff.ts';

/** Reading the audit log (admin), under /api/admin/audit. No route changes it. */
export const AuditRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/admin/audit',
    query: AuditQuery,
    response: z.object({ entries: z.array(AuditEntry) }),
    roles: ['admin'],
  }),
};
