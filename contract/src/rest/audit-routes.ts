import { z } from 'zod';
import { defineRoute } from '../wire/rest-route.ts';
import { AuditChainStatus, AuditEntry, AuditQuery } from './staff.ts';

/** Reading the audit log (auditor), under /api/admin/audit. No route changes it. */
export const AuditRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/admin/audit',
    query: AuditQuery,
    response: z.object({ entries: z.array(AuditEntry) }),
    roles: ['auditor'],
  }),
  /** Walks the hash chain (as `npm run audit:verify` does) and says whether it is intact. */
  verify: defineRoute({
    method: 'GET',
    path: '/api/admin/audit/verify',
    response: AuditChainStatus,
    roles: ['auditor'],
  }),
};
