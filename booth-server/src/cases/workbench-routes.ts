import { AppError } from '@onething/contract/errors';
import { WorkbenchRoutes } from '@onething/contract/rest/workbench-routes';
import type { Request, Router } from 'express';
import { requestIp, requireRole } from '../accounts/staff-auth.ts';
import { RestRouter } from '../http/rest-router.ts';
import type { UploadStore } from '../uploads/upload-store.ts';
import type { CaseService } from './case-service.ts';

/**
 * The department workbench for agents: the worklist, a sub-case's screen, the actions, and
 * the material files behind the previews (need-to-know, audited).
 */
export function workbenchRoutes(cases: CaseService, uploads: UploadStore): Router {
  const api = new RestRouter('/api/workbench');
  // Any path under /api/workbench, known or not, is for agents only.
  api.router.use(requireRole('agent'));
  const staff = (req: Request) => {
    const profile = req.staff?.profile;
    if (!profile) throw AppError.unauthenticated();
    return profile;
  };
  // Bytes, not JSON: a plain route. The preview shows it inline; nothing is cached.
  api.router.get('/cases/:caseNumber/materials/:uploadId', async (req, res) => {
    const id = await cases.workbench.materialFile(
      String(req.params.caseNumber),
      staff(req),
      String(req.params.uploadId),
      requestIp(req),
    );
    const file = await uploads.read(id);
    res
      .status(200)
      .type(file.mediaType)
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', 'inline')
      // The console frames the PDF preview: this one response may be framed by its own origin.
      .set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'self'")
      .set('X-Frame-Options', 'SAMEORIGIN')
      .set('X-Content-Type-Options', 'nosniff')
      .send(file.bytes);
  });
  return api
    .bind(WorkbenchRoutes.worklist, ({ query }, req) => cases.worklist.list(staff(req), query))
    .bind(WorkbenchRoutes.subCase, ({ params }, req) =>
      cases.workbench.screen(params.caseNumber, staff(req), requestIp(req)),
    )
    .bind(WorkbenchRoutes.act, ({ params, body }, req) =>
      cases.workbench.act(params.caseNumber, staff(req), body, requestIp(req)),
    ).router;
}
