import { AppError } from '@onething/contract/errors';
import { CatalogueAdminRoutes } from '@onething/contract/rest/catalogue-routes';
import type { Request, Router } from 'express';
import { requestIp, requireRole } from '../accounts/staff-auth.ts';
import { RestRouter } from '../http/rest-router.ts';
import type { CatalogueRegistry } from './catalogue-registry.ts';

/** Catalogue administration: drafts of items and bundles, then publishing a new version. */
export function catalogueAdminRoutes(registry: CatalogueRegistry): Router {
  const api = new RestRouter('/api/admin/catalogue');
  api.router.use(requireRole('sysadmin'));
  const actor = (req: Request) => {
    if (!req.staff) throw AppError.unauthenticated();
    return { id: req.staff.profile.id, ip: requestIp(req) };
  };
  return api
    .bind(CatalogueAdminRoutes.overview, () => registry.overview())
    .bind(CatalogueAdminRoutes.item, ({ params }) => {
      const item = registry.current().item(params.code);
      if (!item) throw new AppError('CATALOGUE_UNKNOWN_ITEM');
      return { item };
    })
    .bind(CatalogueAdminRoutes.bundle, ({ params }) => {
      const bundle = registry.current().bundle(params.code);
      if (!bundle) throw new AppError('CATALOGUE_UNKNOWN_BUNDLE');
      return { bundle };
    })
    .bind(CatalogueAdminRoutes.putDraft, ({ params, body }, req) =>
      registry.putDraft(params.kind, params.code, body, actor(req)),
    )
    .bind(CatalogueAdminRoutes.deleteDraft, async ({ params }, req) => {
      await registry.deleteDraft(params.kind, params.code, actor(req));
    })
    .bind(CatalogueAdminRoutes.publish, ({ body }, req) =>
      registry.publish(body.note, body.base, actor(req)),
    ).router;
}
