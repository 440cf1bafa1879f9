import { SubCaseStatus } from '@onething/shared/api/kiosk';
import { AppError } from '@onething/shared/errors';
import { parseOrThrow } from '@onething/shared/validation';
import { type Request, Router } from 'express';
import { z } from 'zod';
import { requestIp, requireRole } from '../accounts/staff-auth.ts';
import type { CaseService } from './case-service.ts';

/** Agents work the sub-cases of their own department, and only those. */
export function caseRoutes(cases: CaseService): Router {
  const r = Router();
  r.use(requireRole('agent'));
  const department = (req: Request): string => {
    const d = req.staff?.profile.department;
    if (!d) throw AppError.forbidden('your account has no department');
    return d;
  };
  const actor = (req: Request) => ({
    type: 'staff' as const,
    id: req.staff?.profile.id ?? null,
    ip: requestIp(req),
  });

  r.get('/', async (req, res) => {
    const q = parseOrThrow(z.object({ status: SubCaseStatus.optional() }), req.query);
    res.json({
      subCases: await cases.listForDepartment(
        department(req),
        q.status ? { status: q.status } : {},
      ),
    });
  });
  r.get('/:caseNumber', async (req, res) => {
    res.json(
      await cases.detailForDepartment(req.params.caseNumber as string, department(req), actor(req)),
    );
  });
  r.post('/:caseNumber/transition', async (req, res) => {
    const body = parseOrThrow(
      z.object({ to: SubCaseStatus, note: z.string().max(500).nullable().default(null) }),
      req.body,
    );
    res.json(
      await cases.transition(
        req.params.caseNumber as string,
        department(req),
        body.to,
        body.note,
        actor(req),
      ),
    );
  });
  return r;
}
