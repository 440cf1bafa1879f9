import {
  CaseListQuery,
  RevealFieldRequest,
  SubCaseTransitionRequest,
} from '@onething/contract/rest/staff';
import { AppError } from '@onething/contract/errors';
import { parseOrThrow } from '@onething/contract/validation';
import { type Request, Router } from 'express';
import { requestIp, requireRole } from '../accounts/staff-auth.ts';
import type { CaseService } from './case-service.ts';

/**
 * Agents work the sub-cases of their own department in the regions they serve (or of a call
 * assigned to them), and see only the fields their department's items use.
 */
export function caseRoutes(cases: CaseService): Router {
  const r = Router();
  r.use(requireRole('agent'));
  const staff = (req: Request) => {
    const profile = req.staff?.profile;
    if (!profile) throw AppError.unauthenticated();
    return profile;
  };

  r.get('/', async (req, res) => {
    const q = parseOrThrow(CaseListQuery, req.query);
    res.json({
      subCases: await cases.listForStaff(staff(req), q.status ? { status: q.status } : {}),
    });
  });
  r.get('/:caseNumber', async (req, res) => {
    res.json(
      await cases.detailForStaff(req.params.caseNumber as string, staff(req), requestIp(req)),
    );
  });
  r.post('/:caseNumber/reveal', async (req, res) => {
    const body = parseOrThrow(RevealFieldRequest, req.body);
    res.json(
      await cases.revealField(
        req.params.caseNumber as string,
        staff(req),
        body.field,
        body.reason,
        requestIp(req),
      ),
    );
  });
  r.post('/:caseNumber/transition', async (req, res) => {
    const body = parseOrThrow(SubCaseTransitionRequest, req.body);
    res.json(
      await cases.transitionForStaff(
        req.params.caseNumber as string,
        staff(req),
        body.to,
        body.note,
        requestIp(req),
      ),
    );
  });
  return r;
}
