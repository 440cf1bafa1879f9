import { AppError } from '@onething/contract/errors';
import { TerminalAdminRoutes, TerminalSelfRoutes } from '@onething/contract/rest/terminal-routes';
import type { Request, Router } from 'express';
import { requestIp, requireRole } from '../accounts/staff-auth.ts';
import type { RateLimits } from '../http/rate-limiter.ts';
import { RestRouter } from '../http/rest-router.ts';
import { requireTerminal } from './terminal-auth.ts';
import type { FleetService } from '../fleet/fleet-service.ts';
import type { TerminalRegistry } from './terminal-registry.ts';

/** Terminal registration and credentials (system administrator). */
export function terminalAdminRoutes(registry: TerminalRegistry, fleet: FleetService): Router {
  const api = new RestRouter('/api/admin/terminals');
  api.router.use(requireRole('sysadmin'));
  const actor = (req: Request) => ({ id: req.staff?.profile.id ?? null, ip: requestIp(req) });
  return api
    .bind(TerminalAdminRoutes.list, async () => ({ terminals: await registry.list() }))
    .bind(TerminalAdminRoutes.register, ({ body }, req) => registry.register(body, actor(req)))
    .bind(TerminalAdminRoutes.issueEnrolmentCode, ({ params }, req) =>
      registry.issueEnrolmentCode(params.id, actor(req)),
    )
    .bind(TerminalAdminRoutes.edit, async ({ params, body }, req) => {
      const terminal = await registry.edit(params.id, body, actor(req));
      // The fleet dashboard shows the new name and site without waiting for a restart.
      await fleet.refreshTerminal(params.id);
      return { terminal };
    })
    .bind(TerminalAdminRoutes.revoke, async ({ params }, req) => {
      await registry.revoke(params.id, actor(req));
    }).router;
}

/** What a device bridge calls with its own credential. */
export function terminalSelfRoutes(registry: TerminalRegistry, limits: RateLimits): Router {
  // Guessing codes is the attack here; ten tries a minute per address is plenty for a field engineer.
  const enrolLimit = limits('enrol', 10, 60_000);
  return new RestRouter('/api/terminal')
    .bind(
      TerminalSelfRoutes.enrol,
      ({ body }, req) => registry.enrol(body, requestIp(req)),
      enrolLimit.middleware((req) => requestIp(req) ?? 'unknown'),
    )
    .bind(
      TerminalSelfRoutes.kioskSession,
      (_input, req) => {
        if (!req.terminal) throw AppError.unauthenticated();
        return registry.createKioskSession(req.terminal);
      },
      requireTerminal(registry),
    ).router;
}
