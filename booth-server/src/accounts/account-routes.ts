import { AppError } from '@onething/contract/errors';
import { AccountRoutes } from '@onething/contract/rest/account-routes';
import type { Request, Router } from 'express';
import { RestRouter } from '../http/rest-router.ts';
import type { AccountService } from './account-service.ts';
import { requestIp, requireRole } from './staff-auth.ts';

/** Account administration: admin role only. */
export function accountRoutes(accounts: AccountService): Router {
  const api = new RestRouter('/api/admin/accounts');
  api.router.use(requireRole('admin'));
  const actor = (req: Request) => {
    if (!req.staff) throw AppError.unauthenticated();
    return { id: req.staff.profile.id, ip: requestIp(req) };
  };
  return api
    .bind(AccountRoutes.list, async () => ({ accounts: await accounts.list() }))
    .bind(AccountRoutes.create, async ({ body }, req) => ({
      profile: await accounts.create(body, {
        id: req.staff?.profile.id ?? null,
        ip: requestIp(req),
      }),
    }))
    .bind(AccountRoutes.setDisabled, async ({ params, body }, req) => {
      await accounts.setDisabled(params.id, body.disabled, actor(req));
    })
    .bind(AccountRoutes.setRoles, async ({ params, body }, req) => ({
      profile: await accounts.setRoles(params.id, body, actor(req)),
    })).router;
}
