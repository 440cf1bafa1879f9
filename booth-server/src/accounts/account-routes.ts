import { AppError } from '@onething/contract/errors';
import { AccountRoutes, GrantRoutes } from '@onething/contract/rest/account-routes';
import type { Request, Router } from 'express';
import { RestRouter } from '../http/rest-router.ts';
import type { AccountService } from './account-service.ts';
import type { GrantActor, RoleGrants } from './role-grants.ts';
import { requestIp, requireRole } from './staff-auth.ts';

function actor(req: Request): GrantActor {
  if (!req.staff) throw AppError.unauthenticated();
  return { id: req.staff.profile.id, ip: requestIp(req), roles: req.staff.profile.roles };
}

/**
 * Account administration (三员分立): the system administrator creates, edits, disables and
 * resets; roles go through security administrators. Each route names its role.
 */
export function accountRoutes(accounts: AccountService, grants: RoleGrants): Router {
  const api = new RestRouter('/api/admin/accounts');
  api.router.use(requireRole('sysadmin', 'secadmin'));
  return api
    .bind(AccountRoutes.list, async () => ({ accounts: await accounts.list() }))
    .bind(AccountRoutes.create, async ({ body }, req) => {
      const by = actor(req);
      const account = await accounts.create(body, by);
      return grants.request(account.id, { roles: body.roles, department: account.department }, by);
    })
    .bind(AccountRoutes.edit, async ({ params, body }, req) => ({
      profile: await accounts.edit(params.id, body, actor(req)),
    }))
    .bind(AccountRoutes.setDisabled, async ({ params, body }, req) => {
      await accounts.setDisabled(params.id, body.disabled, actor(req));
    })
    .bind(AccountRoutes.resetPassword, async ({ params, body }, req) => {
      await accounts.resetPassword(params.id, body, actor(req));
    })
    .bind(AccountRoutes.setRoles, ({ params, body }, req) =>
      grants.request(params.id, body, actor(req)),
    ).router;
}

/** Role grants waiting for a second security administrator. */
export function grantRoutes(grants: RoleGrants): Router {
  const api = new RestRouter('/api/admin/grants');
  api.router.use(requireRole('secadmin'));
  return api
    .bind(GrantRoutes.list, async () => ({ grants: await grants.list() }))
    .bind(GrantRoutes.approve, ({ params }, req) => grants.approve(params.id, actor(req)))
    .bind(GrantRoutes.reject, async ({ params }, req) => {
      await grants.reject(params.id, actor(req));
    }).router;
}
