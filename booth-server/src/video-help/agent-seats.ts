import type { StaffProfile } from '@onething/contract/rest/staff';
import { AppError } from '@onething/contract/errors';
import type { CallContext } from '@onething/contract/sockets/booth';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import type { AuditLog } from '../audit/audit-log.ts';
import type { RoutingEngine } from '../routing/routing-engine.ts';
import type { Agent } from '../routing/types.ts';
import type { CallAccess } from './call-access.ts';
import type { CallRecordStore } from './call-record-store.ts';
import type { SignedInStaff } from './signed-in-staff.ts';
import type { SupervisorView } from './supervisor-view.ts';

/** What an agent's console shows of its own seat. */
export function selfOf(agent: Agent) {
  return { state: agent.state, queues: agent.queues, callsHandled: agent.callsHandled };
}

/**
 * An agent's seat: signing in and out of the queues, what is waiting there, taking or refusing
 * an offer, the call's context (with the audited identity reveal), ending and wrapping up.
 */
export class AgentSeats {
  readonly #engine: RoutingEngine;
  readonly #records: CallRecordStore;
  readonly #access: CallAccess;
  readonly #staff: SignedInStaff;
  readonly #view: SupervisorView;
  readonly #audit: AuditLog;

  constructor(deps: {
    engine: RoutingEngine;
    records: CallRecordStore;
    access: CallAccess;
    staff: SignedInStaff;
    /** The queues' KPIs, shown to the agent for their own queues. */
    view: SupervisorView;
    audit: AuditLog;
  }) {
    this.#engine = deps.engine;
    this.#records = deps.records;
    this.#access = deps.access;
    this.#staff = deps.staff;
    this.#view = deps.view;
    this.#audit = deps.audit;
  }

  async setState(staff: StaffProfile, state: 'available' | 'break' | 'offline') {
    this.#staff.remember(staff);
    const existing = await this.#engine.getAgent(staff.id).catch(() => null);
    let agent: Agent;
    if ((!existing || existing.state === 'offline') && state !== 'offline') {
      if (!staff.department) throw AppError.forbidden('your account has no department');
      agent = await this.#engine.agentLogin(
        {
          id: staff.id,
          name: staff.displayName,
          department: staff.department,
          regions: staff.regions.length ? staff.regions : ['000000'],
          languages: staff.languages.length ? staff.languages : ['zh-CN'],
          ...(existing ? { queues: existing.queues } : {}),
        },
        { state },
      );
    } else {
      agent = await this.#engine.setAgentState(staff.id, state);
    }
    return selfOf(agent);
  }

  async self(staff: StaffProfile) {
    const agent = await this.#engine.getAgent(staff.id).catch(() => null);
    return agent ? selfOf(agent) : { state: 'offline' as const, queues: [], callsHandled: 0 };
  }

  /** The queues the agent serves: those signed in to, else their department's. */
  async queuesOf(staff: StaffProfile): Promise<string[]> {
    const agent = await this.#engine.getAgent(staff.id).catch(() => null);
    return agent?.queues ?? (staff.department ? [staff.department] : []);
  }

  async queue(staff: StaffProfile) {
    const queues = await this.queuesOf(staff);
    const kpis = await this.#view.queueSummaries();
    const snapshot = await this.#engine.snapshot();
    const now = Date.now();
    return {
      queues: kpis.filter((q) => queues.includes(q.queueId)),
      waiting: snapshot.tickets
        .filter(
          (t) => queues.includes(t.queueId) && (t.state === 'waiting' || t.state === 'offered'),
        )
        .map((t) => this.#access.ticketView(t, now)),
    };
  }

  async accept(staff: StaffProfile, offerId: string): Promise<CallContext> {
    const { ticket } = await this.#engine.accept(offerId, staff.id);
    await this.#access.hold(ticket.id);
    return this.#access.context(ticket.id, staff.id);
  }

  async reject(staff: StaffProfile, offerId: string): Promise<void> {
    await this.#engine.reject(offerId, staff.id);
  }

  async context(staff: StaffProfile, ticketId: string): Promise<CallContext> {
    await this.#access.inCall(staff, ticketId);
    return this.#access.context(ticketId, staff.id);
  }

  /** Shows the agent the citizen's identity; written to the audit log with the reason. */
  async revealIdentity(
    staff: StaffProfile,
    ticketId: string,
    reason: string,
    ip: string | null,
  ): Promise<IdentityCardData> {
    await this.#access.inCall(staff, ticketId);
    const live = this.#records.get(ticketId);
    const identity = live?.draft?.identity;
    if (!live || !identity)
      throw AppError.notFound('no identity has been read for this citizen yet');
    live.identityRevealedTo.add(staff.id);
    await this.#audit.record({
      actorType: 'staff',
      actorId: staff.id,
      action: 'booth.identity.reveal',
      targetType: 'ticket',
      targetId: ticketId,
      ip,
      details: { reason, terminalId: live.terminal.id },
    });
    return identity;
  }

  async endCall(staff: StaffProfile, ticketId: string): Promise<void> {
    const ticket = await this.#access.inCall(staff, ticketId);
    if (ticket.agentId !== staff.id)
      throw AppError.forbidden('only the agent serving the call can end it');
    await this.#engine.endCall(ticketId, staff.id);
  }

  async wrapUp(
    staff: StaffProfile,
    ticketId: string,
    disposition: string,
    note: string,
    ip: string | null,
  ): Promise<void> {
    const ticket = await this.#engine.getTicket(ticketId).catch(() => null);
    if (!ticket || ticket.agentId !== staff.id) throw AppError.forbidden('not your call');
    await this.#audit.record({
      actorType: 'staff',
      actorId: staff.id,
      action: 'booth.wrap_up',
      targetType: 'ticket',
      targetId: ticketId,
      ip,
      details: {
        disposition,
        note,
        caseNumber:
          this.#records.get(ticketId)?.caseNumber ??
          (await this.#records.ended(ticketId))?.caseNumber ??
          null,
      },
    });
  }
}
