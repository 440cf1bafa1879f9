import type { FleetRequests } from '@onething/contract/sockets/fleet';
import type { RequestHandlers } from '@onething/contract/wire/request-router';
import { hasRole } from '../accounts/staff-auth.ts';
import type { StaffContext } from '../realtime/contexts.ts';
import type { FleetService } from './fleet-service.ts';

/** Maintenance staff's fleet events; every one requires the maintenance role. */
export function fleetHandlers(
  fleet: FleetService,
): RequestHandlers<typeof FleetRequests, StaffContext> {
  const allow = (ctx: StaffContext) => hasRole(ctx.staff, ['maintenance']);
  const who = (ctx: StaffContext) => ({
    id: ctx.staff.id,
    name: ctx.staff.displayName,
    ip: ctx.ip,
  });
  return {
    'fleet:list': { allow, handle: async () => ({ terminals: await fleet.list() }) },
    'fleet:detail': { allow, handle: (r) => fleet.detail(r.terminalId) },
    'fleet:acknowledge': { allow, handle: (r, ctx) => fleet.acknowledge(r.alertId, who(ctx)) },
    'fleet:action': { allow, handle: (r, ctx) => fleet.action(r.terminalId, r.action, who(ctx)) },
  };
}
