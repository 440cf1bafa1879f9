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
    'help:request': { handle: (r, ctx) => booth.tickets.request(ctx.terminal, r) },
    'help:availability': {
      handle: (r) => booth.availability.of(booth.tickets.target(r).department),
    },
    'help:callBack': { handle: (r, ctx) => booth.bookCallBack(ctx.terminal, r) },
    'help:cancel': {
      handle: async (r, ctx) => {
        await booth.tickets.cancel(ctx.terminal, r.ticketId);
        return { cancelled: true as const };
      },
    },
    'call:hangup': {
      handle: async (r, ctx) => {
        await booth.tickets.hangup(ctx.terminal, r.ticketId);
        return { ended: true as const };
      },
    },
    'draft:update': {
      handle: async (r, ctx) => {
        await booth.tickets.updateDraft(ctx.terminal, r.ticketId, r.draft);
        return { stored: true as const };
      },
    },
    'remote:respond': {
      handle: async (r, ctx) => {
        await booth.actions.respond(ctx.terminal, r);
        return { recorded: true as const };
      },
    },
    'chat:send': {
      handle: async (r, ctx) => {
        await booth.chat.fromKiosk(ctx.terminal, r.ticketId, r.text);
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
    'agent:setState': {
      allow: agent,
      handle: (r, ctx) => booth.seats.setState(ctx.staff, r.state),
    },
    'agent:self': { allow: agent, handle: (_r, ctx) => booth.seats.self(ctx.staff) },
    'agent:queue': { allow: agent, handle: (_r, ctx) => booth.seats.queue(ctx.staff) },
    'callBack:list': {
      allow: agent,
      handle: async (_r, ctx) => ({
        callBacks: await booth.callBacks.list(ctx.staff, await booth.seats.queuesOf(ctx.staff)),
      }),
    },
    'callBack:claim': {
      allow: agent,
      handle: async (r, ctx) =>
        booth.callBacks.claim(ctx.staff, r.id, await booth.seats.queuesOf(ctx.staff)),
    },
    'callBack:reveal': {
      allow: agent,
      handle: (r, ctx) => booth.callBacks.reveal(ctx.staff, r.id, r.reason, ctx.ip),
    },
    'callBack:finish': {
      allow: agent,
      handle: (r, ctx) => booth.callBacks.finish(ctx.staff, r.id, r.outcome, r.note, ctx.ip),
    },
    'offer:accept': { allow: agent, handle: (r, ctx) => booth.seats.accept(ctx.staff, r.offerId) },
    'offer:reject': {
      allow: agent,
      handle: async (r, ctx) => {
        await booth.seats.reject(ctx.staff, r.offerId);
        return { rejected: true as const };
      },
    },
    'call:context': {
      allow: inCall,
      handle: (r, ctx) => booth.seats.context(ctx.staff, r.ticketId),
    },
    'call:revealIdentity': {
      allow: agent,
      handle: (r, ctx) => booth.seats.revealIdentity(ctx.staff, r.ticketId, r.reason, ctx.ip),
    },
    'call:end': {
      allow: agent,
      handle: async (r, ctx) => {
        await booth.seats.endCall(ctx.staff, r.ticketId);
        return { ended: true as const };
      },
    },
    'call:wrapUp': {
      allow: agent,
      handle: async (r, ctx) => {
        await booth.seats.wrapUp(ctx.staff, r.ticketId, r.disposition, r.note, ctx.ip);
        return { recorded: true as const };
      },
    },
    'call:transfer': {
      allow: agent,
      handle: async (r, ctx) => {
        await booth.transfers.transfer(ctx.staff, r.ticketId, r.to);
        return { transferred: true as const };
      },
    },
    'call:invite': {
      allow: agent,
      handle: async (r, ctx) => {
        await booth.transfers.invite(ctx.staff, r.ticketId, r.staffId);
        return { invited: true as const };
      },
    },
    'remote:request': {
      allow: agent,
      handle: (r, ctx) => booth.actions.request(ctx.staff, r.ticketId, r.action),
    },
    'chat:send': {
      allow: inCall,
      handle: async (r, ctx) => {
        await booth.chat.fromStaff(ctx.staff, r.ticketId, r.text);
        return { sent: true as const };
      },
    },
    'supervisor:snapshot': { allow: supervisor, handle: () => booth.supervision.snapshot() },
    'supervisor:moveAgent': {
      allow: supervisor,
      handle: (r) => booth.supervision.moveAgent(r.agentId, r.departments),
    },
    'supervisor:monitor': {
      allow: supervisor,
      handle: (r, ctx) => booth.supervision.monitor(ctx.staff, r.ticketId, ctx.ip),
    },
  };
}
