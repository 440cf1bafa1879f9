import { AppError } from '@onething/contract/errors';
import { CaseRoutes } from '@onething/contract/rest/case-routes';
import type { Request, Router } from 'express';
import { requestIp, requireRole } from '../accounts/staff-auth.ts';
import { RestRouter } from '../http/rest-router.ts';
import type { CaseService } from './case-service.ts';

/**
 * Agents work the sub-cases of their own department in the regions they serve (or of a call
 * assigned to them), and see only the fields their department's items use.
 */
export function caseRoutes(cases: CaseService): Router {
  const api = new RestRouter('/api/cases');
  // Any path under /api/cases, known or not, is for agents only.
  api.router.use(requireRole('agent'));
  const staff = (req: Request) => {
    const profile = req.staff?.profile;
    if (!profile) throw AppError.unauthenticated();
    return profile;
  };
  return api
    .bind(CaseRoutes.list, async ({ query }, req) => ({
      subCases: await cases.listForStaff(staff(req), query.status ? { status: query.status } : {}),
    }))
    .bind(CaseRoutes.detail, ({ params }, req) =>
      cases.detailForStaff(params.caseNumber, staff(req), requestIp(req)),
    )
    .bind(CaseRoutes.reveal, ({ params, body }, req) =>
      cases.revealField(params.caseNumber, staff(req), body.field, body.reason, requestIp(req)),
    )
    .bind(CaseRoutes.transition, ({ params, body }, req) =>
      cases.transitionForStaff(params.caseNumber, staff(req), body.to, body.note, requestIp(req)),
    ).router;
}
