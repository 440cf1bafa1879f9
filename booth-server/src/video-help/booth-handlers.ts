import type { AgentBoothRequests, KioskBoothRequests } from '@onething/contract/sockets/booth';
import { hasRole } from '../accounts/staff-auth.ts';
import type { StaffContext, TerminalContext } from '../realtime/contexts.ts';
import type { RequestHandlers } from '@onething/contract/wire/request-router';
import type { BoothService } from './booth-service.ts';

/** What a booth's kiosk may do: ask for help, talk, answer remote actions. */
export function kioskBoothHandlers(
  booth: BoothService,
): RequestHandlers<typeof KioskBoothRequests, TerminalContext> {
  return {
    'help:request': { handle: (r, ctx) => booth.requestHelp(ctx.terminal, r) },
    'help:cancel': {
      handle: async (r, ctx) => {
        await booth.cancelHelp(ctx.terminal, r.ticketId);
        return { cancelled: true as const };
      },
    },
    'call:hangup': {
      handle: async (r, ctx) => {
        await booth.hangup(ctx.terminal, r.ticketId);
        return { ended: true as const };
      },
    },
    'draft:update': {
      handle: async (r, ctx) => {
        await booth.updateDraft(ctx.terminal, r.ticketId, r.draft);
        return { stored: true as const };
      },
    },
    'remote:respond': {
      handle: async (r, ctx) => {
        await booth.respondToAction(ctx.terminal, r);
        return { recorded: true as const };
      },
    },
    'chat:send': {
      handle: async (r, ctx) => {
        await booth.chatFromKiosk(ctx.terminal, r.ticketId, r.text);
        return { sent: true as const };
      },
    },
  };
}

/** Agents work calls; supervisors watch queues, move agents and monitor calls. */
export function agentBoothHandlers(
  booth: BoothService,
): RequestHandlers<typeof AgentBoothRequests, StaffContext> {
  const agent = (ctx: StaffContext) => hasRole(ctx.staff, ['agent']);
  const supervisor = (ctx: StaffContext) => hasRole(ctx.staff, ['supervisor']);
  const inCall = (ctx: StaffContext) => hasRole(ctx.staff, ['agent', 'supervisor']);
  return {
    'agent:setState': { allow: agent, handle: (r, ctx) => booth.setAgentState(ctx.staff, r.state) },
    'agent:self': { allow: agent, handle: (_r, ctx) => booth.agentSelf(ctx.staff) },
    'agent:queue': { allow: agent, handle: (_r, ctx) => booth.agentQueue(ctx.staff) },
    'offer:accept': { allow: agent, handle: (r, ctx) => booth.acceptOffer(ctx.staff, r.offerId) },
    'offer:reject': {
      allow: agent,
      handle: async (r, ctx) => {
        await booth.rejectOffer(ctx.staff, r.offerId);
        return { rejected: true as const };
      },
    },
    'call:context': { allow: inCall, handle: (r, ctx) => booth.context(ctx.staff, r.ticketId) },
    'call:revealIdentity': {
      allow: agent,
      handle: (r, ctx) => booth.revealIdentity(ctx.staff, r.ticketId, r.reason, ctx.ip),
    },
    'call:end': {
      allow: agent,
      handle: async (r, ctx) => {
        await booth.endCall(ctx.staff, r.ticketId);
        return { ended: true as const };
      },
    },
    'call:wrapUp': {
      allow: agent,
      handle: async (r, ctx) => {
        await booth.wrapUp(ctx.staff, r.ticketId, r.disposition, r.note, ctx.ip);
        return { recorded: true as const };
      },
    },
    'call:transfer': {
      allow: agent,
      handle: async (r, ctx) => {
        await booth.transfer(ctx.staff, r.ticketId, r.to);
        return { transferred: true as const };
      },
    },
    'call:invite': {
      allow: agent,
      handle: async (r, ctx) => {
        await booth.invite(ctx.staff, r.ticketId, r.staffId);
        return { invited: true as const };
      },
    },
    'remote:request': {
      allow: agent,
      handle: (r, ctx) => booth.requestAction(ctx.staff, r.ticketId, r.action),
    },
    'chat:send': {
      allow: inCall,
      handle: async (r, ctx) => {
        await booth.chatFromStaff(ctx.staff, r.ticketId, r.text);
        return { sent: true as const };
      },
    },
    'supervisor:snapshot': { allow: supervisor, handle: () => booth.supervisorSnapshot() },
    'supervisor:moveAgent': {
      allow: supervisor,
      handle: (r) => booth.moveAgent(r.agentId, r.departments),
    },
    'supervisor:monitor': {
      allow: supervisor,
      handle: (r, ctx) => booth.monitor(ctx.staff, r.ticketId, ctx.ip),
    },
  };
}
