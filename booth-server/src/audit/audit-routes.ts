import { AuditRoutes } from '@onething/contract/rest/audit-routes';
import type { Router } from 'express';
import { requireRole } from '../accounts/staff-auth.ts';
import { RestRouter } from '../http/rest-router.ts';
import type { AuditLog } from './audit-log.ts';

/** Reading the audit log: admin role only. There is no route that changes it. */
export function auditRoutes(audit: AuditLog): Router {
  const api = new RestRouter('/api/admin/audit');
  api.router.use(requireRole('admin'));
  return api.bind(AuditRoutes.list, async ({ query }) => ({ entries: await audit.list(query) }))
    .router;
}
