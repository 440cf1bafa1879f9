import { AuditQuery } from '@onething/contract/rest/staff';
import { parseOrThrow } from '@onething/contract/validation';
import { Router } from 'express';
import { requireRole } from '../accounts/staff-auth.ts';
import type { AuditLog } from './audit-log.ts';

/** Reading the audit log: admin role only. There is no route that changes it. */
export function auditRoutes(audit: AuditLog): Router {
  const r = Router();
  r.use(requireRole('admin'));
  r.get('/', async (req, res) => {
    const q = parseOrThrow(AuditQuery, req.query);
    res.json({ entries: await audit.list(q) });
  });
  return r;
}
