import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Text } from '@onething/contract/rest/kiosk';
import type { StaffProfile } from '@onething/contract/rest/staff';
import { AppError } from '@onething/contract/errors';
import {
  type AgentInfo,
  type CallContext,
  type ChatMessage,
  type DraftContext,
  type OfferView,
  type RemoteActionRequest,
  type SupervisorSnapshot,
} from '@onething/contract/sockets/booth';
import { maskIdNumber } from '@onething/contract/identity/id-number';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CallManager } from '../calls/call-manager.ts';
import { maskName } from '../cases/case-service.ts';
import { type CaseAccess, regionCovers } from '../cases/case-access.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { createLogger } from '../logging/logger.ts';
import type { KioskIdentity } from '../identity/kiosk-identity.ts';
import type { OneThingService } from '../citizen/onething-service.ts';
import type { RatingService } from '../ratings/rating-service.ts';
import { RoutingEngine, RoutingEvent } from '../routing/routing-engine.ts';
import type { RoutingStore } from '../routing/store.ts';
import { type Agent, LIVE_TICKET_STATES, type Ticket } from '../routing/types.ts';
import type { TerminalPrincipal, TerminalRegistry } from '../terminals/terminal-registry.ts';
import type { CallRecordStore } from './call-record-store.ts';
import type { GraceTimers } from './grace-timers.ts';
import type { Notices } from './notices.ts';
import { RemoteActions } from './remote-actions.ts';
import { SupervisorView } from './supervisor-view.ts';

const log = createLogger('booth');

/** From this age the help queue serves a citizen with elder priority. */
const ELDER_AGE = 60;

/** Whole years from an ISO birth date to `on`. */
function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = on.getFullYear() - y;
  if (on.getMonth() + 1 < m || (on.getMonth() + 1 === m && on.getDate() < d)) age -= 1;
  return age;
}

export interface BoothPolicy {
  /** Department reached when the citizen asks for help outside any bundle. */
  defaultDepartment: string;
  /** How long a vanished kiosk or agent may take to come back before their ticket is handled. */
  reconnectGraceMs: number;
  wrapUpSeconds: number;
  offerTimeoutSeconds: number;
  escalateAfterSeconds: number;
}

type Deliver = [target: string, event: string, payload: unknown];

/**
 * The 政务晓屋 booth: help tickets from kiosks routed to department agents, calls (one mediasoup
 * router each), remote actions on the booth with the citizen's consent, text chat, transfers,
 * three-party calls and the supervisor's view. It knows nothing of sockets: it emits what each
 * kiosk, agent or the supervisors should be told, and the realtime layer delivers it.
 */
export class BoothService extends EventEmitter<{
  kiosk: Deliver;
  staff: Deliver;
  supervisors: [event: string, payload: unknown];
}> {
  readonly engine: RoutingEngine;
  readonly #calls: CallManager;
  readonly #terminals: TerminalRegistry;
  readonly #catalogue: () => Catalogue;
  readonly #audit: AuditLog;
  readonly #policy: BoothPolicy;
  /** Call records and pending actions, written through so a restart can go on serving. */
  readonly #live: CallRecordStore;
  readonly #grace: GraceTimers;
  readonly #notices: Notices;
  readonly #supervisor: SupervisorView;
  readonly #actions: RemoteActions;
  readonly #identity: KioskIdentity;
  readonly #staff = new Map<string, StaffProfile>();
  #snapshotTimer: NodeJS.Timeout | null = null;

  constructor(deps: {
    store: RoutingStore;
    calls: CallManager;
    terminals: TerminalRegistry;
    catalogue: () => Catalogue;
    onething: OneThingService;
    ratings: RatingService;
    audit: AuditLog;
    policy: BoothPolicy;
    records: CallRecordStore;
    grace: GraceTimers;
    notices: Notices;
    caseAccess: CaseAccess;
    /** Who the device attested at each kiosk session: the only identity a call can use. */
    identity: KioskIdentity;
  }) {
    super();
    this.#identity = deps.identity;
    this.#live = deps.records;
    this.#grace = deps.grace;
    this.#notices = deps.notices;
    this.#calls = deps.calls;
    this.#terminals = deps.terminals;
    this.#catalogue = deps.catalogue;
    this.#audit = deps.audit;
    this.#policy = deps.policy;
    const departments = deps
      .catalogue()
      .departments()
      .map((d) => d.code);
    if (!departments.includes(deps.policy.defaultDepartment))
      departments.push(deps.policy.defaultDepartment);
    this.engine = new RoutingEngine({
      store: deps.store,
      queues: departments.map((d) => ({
        id: d,
        department: d,
        wrapUpSeconds: deps.policy.wrapUpSeconds,
        escalation: [
          { afterSeconds: deps.policy.escalateAfterSeconds, scope: 'anyRegion' as const },
        ],
      })),
      offerTimeoutSeconds: deps.policy.offerTimeoutSeconds,
    });
    this.#actions = new RemoteActions({
      records: deps.records,
      audit: deps.audit,
      onething: deps.onething,
      identity: deps.identity,
      catalogue: deps.catalogue,
      caseAccess: deps.caseAccess,
      toKiosk: (terminalId, event, payload) => this.emit('kiosk', terminalId, event, payload),
      toStaff: (staffId, event, payload) => this.emit('staff', staffId, event, payload),
    });
    this.#supervisor = new SupervisorView({
      engine: this.engine,
      ratings: deps.ratings,
      catalogue: deps.catalogue,
    });
    this.#wireEngine();
  }

  /**
   * Picks up where an earlier process stopped: call records of the live tickets, reconnect
   * deadlines (the kiosks' and agents' sockets died with that process, so each gets what was
   * left of its grace, or a full one), and a media room for every connected call.
   */
  async start(): Promise<void> {
    await this.engine.start();
    const snapshot = await this.engine.snapshot();
    const tickets = snapshot.tickets.filter((t) => LIVE.has(t.state));
    await this.#live.load(new Set(tickets.map((t) => t.id)));
    for (const t of tickets) if (!this.#live.get(t.id)) await this.#rebuildRecord(t);
    const stored = await this.#grace.stored();
    const keep = new Set<string>();
    for (const terminalId of new Set(tickets.map((t) => t.context.terminalId))) {
      keep.add(kioskKey(terminalId));
      this.#grace.start(
        kioskKey(terminalId),
        () => this.engine.kioskLost(terminalId),
        stored.get(kioskKey(terminalId)),
      );
    }
    for (const agent of snapshot.agents) {
      if (agent.state === 'offline') continue;
      keep.add(agentKey(agent.id));
      this.#grace.start(
        agentKey(agent.id),
        () => this.#agentGone(agent.id),
        stored.get(agentKey(agent.id)),
      );
    }
    await this.#grace.prune(keep);
    for (const t of tickets) {
      const agent = snapshot.agents.find((a) => a.id === t.agentId);
      if (t.state !== 'connected' || !agent) continue;
      await this.#openRoom(t, agent);
      const record = this.#live.get(t.id);
      const room = this.#calls.get(t.id);
      if (record && room) {
        const peers = [`terminal:${record.terminal.id}`, `staff:${agent.id}`];
        for (const id of record.guests.keys()) peers.push(`staff:${id}`);
        record.rejoin = new Set(peers);
      }
    }
    if (tickets.length) log.info({ tickets: tickets.length }, 'booth tickets restored');
  }

  async close(): Promise<void> {
    this.#grace.close();
    if (this.#snapshotTimer) clearTimeout(this.#snapshotTimer);
    this.#calls.closeAll();
    await this.engine.close();
    await this.#live.flush();
  }

  // ——— kiosk ———

  async kioskConnected(terminal: TerminalPrincipal): Promise<void> {
    this.#grace.cancel(kioskKey(terminal.id));
    this.#rejoinRestored(`terminal:${terminal.id}`);
    // Tickets that ended while it was gone: it is still showing them as waiting or in a call.
    for (const n of await this.#notices.take(`terminal:${terminal.id}`))
      this.emit('kiosk', terminal.id, n.event, n.payload);
  }

  kioskDisconnected(terminal: TerminalPrincipal): void {
    this.#grace.start(kioskKey(terminal.id), () => this.engine.kioskLost(terminal.id));
  }

  async requestHelp(
    terminal: TerminalPrincipal,
    req: {
      department?: string | undefined;
      bundleCode?: string | undefined;
      language: string;
    },
  ) {
    const catalogue = this.#catalogue();
    const bundle = req.bundleCode ? catalogue.bundle(req.bundleCode) : undefined;
    if (req.bundleCode && !bundle)
      throw new AppError('CATALOGUE_UNKNOWN_BUNDLE', undefined, { path: ['bundleCode'] });
    const department = req.department ?? bundle?.leadDepartment ?? this.#policy.defaultDepartment;
    if (!catalogue.department(department) && department !== this.#policy.defaultDepartment) {
      throw AppError.validation(`unknown department ${department}`, ['department']);
    }
    const view = await this.#terminals.view(terminal.id);
    if (view.maintenance) throw AppError.conflict('this terminal is in maintenance mode');
    // The record exists before the ticket does: the engine may offer it within enqueue().
    const ticketId = randomUUID();
    await this.#live.create({
      ticketId,
      terminal: { id: terminal.id, site: view.site, region: view.region },
      bundleCode: bundle?.code ?? null,
      draft: null,
      identityRevealedTo: new Set(),
      chat: [],
      guests: new Map(),
      caseNumber: null,
      actions: new Map(),
    });
    const priority = await this.#priorityOf(terminal);
    let ticket: Ticket;
    try {
      ticket = await this.engine.enqueue({
        id: ticketId,
        skills: { department, region: terminal.region, language: req.language },
        priority,
        context: {
          terminalId: terminal.id,
          kioskSessionId: terminal.id,
          ...(bundle ? { bundleCode: bundle.code } : {}),
        },
      });
    } catch (e) {
      await this.#live.end(ticketId, null);
      throw e;
    }
    const pos = await this.engine.positionOf(ticket.id);
    return {
      ticketId: ticket.id,
      position: pos?.position ?? 1,
      estimatedWaitSeconds: pos?.estimatedWaitSeconds ?? 0,
    };
  }

  /**
   * The queue priority comes from the attested person, never from the kiosk: 60 or older is
   * served as elderly (国办发〔2020〕45号 asks for priority for older people).
   */
  async #priorityOf(terminal: TerminalPrincipal): Promise<Ticket['priorityClass']> {
    const visit = await this.#identity.visitOf(terminal);
    if (!visit) return 'normal';
    return ageOn(visit.actor.birthDate, new Date()) >= ELDER_AGE ? 'elderly' : 'normal';
  }

  async cancelHelp(terminal: TerminalPrincipal, ticketId: string): Promise<void> {
    const ticket = await this.#kioskTicket(terminal, ticketId);
    await this.engine.cancel(ticket.id);
  }

  async hangup(terminal: TerminalPrincipal, ticketId: string): Promise<void> {
    const ticket = await this.#kioskTicket(terminal, ticketId);
    if (ticket.state === 'connected') await this.engine.endCall(ticket.id);
    else await this.engine.cancel(ticket.id);
  }

  async updateDraft(
    terminal: TerminalPrincipal,
    ticketId: string,
    draft: DraftContext,
  ): Promise<void> {
    await this.#kioskTicket(terminal, ticketId);
    const live = this.#live.get(ticketId);
    // The identity reaches the agent only through a card read the citizen consented to in this
    // call (remote:respond); a draft update can never carry it there.
    if (!live) return;
    live.draft = { ...draft, identity: live.draft?.identity ?? null };
    await this.#live.save(ticketId);
  }

  respondToAction(
    terminal: TerminalPrincipal,
    r: Parameters<RemoteActions['respond']>[1],
  ): Promise<void> {
    return this.#actions.respond(terminal, r);
  }

  chatFromKiosk(terminal: TerminalPrincipal, ticketId: string, text: string): Promise<void> {
    return this.#kioskTicket(terminal, ticketId).then((ticket) =>
      this.#chat(ticket, { from: 'citizen', name: '市民' }, text),
    );
  }

  // ——— agents ———

  async agentConnected(staff: StaffProfile): Promise<void> {
    this.#staff.set(staff.id, staff);
    this.#grace.cancel(agentKey(staff.id));
    this.#rejoinRestored(`staff:${staff.id}`);
    for (const n of await this.#notices.take(`staff:${staff.id}`))
      this.emit('staff', staff.id, n.event, n.payload);
  }

  agentDisconnected(staff: StaffProfile): void {
    this.#grace.start(agentKey(staff.id), () => this.#agentGone(staff.id));
  }

  async #agentGone(agentId: string): Promise<void> {
    const agent = await this.engine.getAgent(agentId).catch(() => null);
    if (agent && agent.state !== 'offline') await this.engine.agentLost(agentId);
  }

  async setAgentState(staff: StaffProfile, state: 'available' | 'break' | 'offline') {
    this.#staff.set(staff.id, staff);
    const existing = await this.engine.getAgent(staff.id).catch(() => null);
    let agent: Agent;
    if ((!existing || existing.state === 'offline') && state !== 'offline') {
      if (!staff.department) throw AppError.forbidden('your account has no department');
      agent = await this.engine.agentLogin(
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
      agent = await this.engine.setAgentState(staff.id, state);
    }
    return selfOf(agent);
  }

  async agentSelf(staff: StaffProfile) {
    const agent = await this.engine.getAgent(staff.id).catch(() => null);
    return agent ? selfOf(agent) : { state: 'offline' as const, queues: [], callsHandled: 0 };
  }

  async agentQueue(staff: StaffProfile) {
    const agent = await this.engine.getAgent(staff.id).catch(() => null);
    const queues = agent?.queues ?? (staff.department ? [staff.department] : []);
    const kpis = await this.#supervisor.queueSummaries();
    const snapshot = await this.engine.snapshot();
    const now = Date.now();
    return {
      queues: kpis.filter((q) => queues.includes(q.queueId)),
      waiting: snapshot.tickets
        .filter(
          (t) => queues.includes(t.queueId) && (t.state === 'waiting' || t.state === 'offered'),
        )
        .map((t) => this.#ticketView(t, now)),
    };
  }

  async acceptOffer(staff: StaffProfile, offerId: string): Promise<CallContext> {
    const { ticket } = await this.engine.accept(offerId, staff.id);
    return this.#context(ticket.id, staff.id);
  }

  async rejectOffer(staff: StaffProfile, offerId: string): Promise<void> {
    await this.engine.reject(offerId, staff.id);
  }

  async context(staff: StaffProfile, ticketId: string): Promise<CallContext> {
    await this.#inCall(staff, ticketId);
    return this.#context(ticketId, staff.id);
  }

  /** Shows the agent the citizen's identity; written to the audit log with the reason. */
  async revealIdentity(
    staff: StaffProfile,
    ticketId: string,
    reason: string,
    ip: string | null,
  ): Promise<IdentityCardData> {
    await this.#inCall(staff, ticketId);
    const live = this.#live.get(ticketId);
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
    const ticket = await this.#inCall(staff, ticketId);
    if (ticket.agentId !== staff.id)
      throw AppError.forbidden('only the agent serving the call can end it');
    await this.engine.endCall(ticketId, staff.id);
  }

  async wrapUp(
    staff: StaffProfile,
    ticketId: string,
    disposition: string,
    note: string,
    ip: string | null,
  ): Promise<void> {
    const ticket = await this.engine.getTicket(ticketId).catch(() => null);
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
          this.#live.get(ticketId)?.caseNumber ??
          (await this.#live.ended(ticketId))?.caseNumber ??
          null,
      },
    });
  }

  async transfer(
    staff: StaffProfile,
    ticketId: string,
    to: { department: string } | { agentId: string },
  ): Promise<void> {
    await this.#inCall(staff, ticketId);
    await this.engine.transfer({
      ticketId,
      agentId: staff.id,
      to: 'department' in to ? { queueId: to.department } : { agentId: to.agentId },
    });
  }

  async invite(staff: StaffProfile, ticketId: string, guestId: string): Promise<void> {
    await this.#inCall(staff, ticketId);
    const guest = this.#staff.get(guestId);
    if (!guest) throw AppError.notFound('that colleague is not signed in');
    await this.#admitGuest(
      ticketId,
      guest,
      guest.roles.includes('supervisor') && !guest.roles.includes('agent') ? 'supervisor' : 'agent',
    );
    this.emit('staff', guestId, 'call:invited', this.#context(ticketId, guestId));
  }

  async monitor(
    supervisor: StaffProfile,
    ticketId: string,
    ip: string | null,
  ): Promise<CallContext> {
    const ticket = await this.engine.getTicket(ticketId).catch(() => null);
    if (ticket?.state !== 'connected') throw AppError.notFound('no such call');
    // A supervisor listens to calls from the booths of the regions they serve, no further.
    const region = this.#live.get(ticketId)?.terminal.region ?? ticket.skills.region;
    if (!supervisor.regions.some((r) => regionCovers(r, region))) {
      await this.#audit.record({
        actorType: 'staff',
        actorId: supervisor.id,
        action: 'booth.monitor.refused',
        targetType: 'ticket',
        targetId: ticketId,
        ip,
        details: { code: 'CALL_OTHER_REGION', region, regions: supervisor.regions },
      });
      throw new AppError('CALL_OTHER_REGION');
    }
    this.#staff.set(supervisor.id, supervisor);
    await this.#admitGuest(ticketId, supervisor, 'supervisor');
    await this.#audit.record({
      actorType: 'staff',
      actorId: supervisor.id,
      action: 'booth.monitor',
      targetType: 'ticket',
      targetId: ticketId,
      ip,
    });
    return this.#context(ticketId, supervisor.id);
  }

  async #admitGuest(
    ticketId: string,
    guest: StaffProfile,
    role: 'agent' | 'supervisor',
  ): Promise<void> {
    const live = this.#live.get(ticketId);
    if (!live) throw AppError.notFound('no such call');
    live.guests.set(guest.id, { name: guest.displayName, role });
    await this.#live.save(ticketId);
    this.#calls.get(ticketId)?.admit({
      peerId: `staff:${guest.id}`,
      role,
      displayName: guest.displayName,
      department: guest.department,
      region: guest.regions[0] ?? null,
    });
    this.#chatSystem(
      ticketId,
      role === 'supervisor'
        ? `${guest.displayName}（主管）加入了通话`
        : `${guest.displayName} 加入了通话`,
    );
  }

  async requestAction(staff: StaffProfile, ticketId: string, request: RemoteActionRequest) {
    await this.#inCall(staff, ticketId);
    const live = this.#live.get(ticketId);
    if (!live) throw AppError.notFound('no such call');
    return this.#actions.request(staff, live, request);
  }

  async chatFromStaff(staff: StaffProfile, ticketId: string, text: string): Promise<void> {
    const ticket = await this.#inCall(staff, ticketId);
    await this.#chat(ticket, { from: 'agent', name: staff.displayName }, text);
  }

  /** Who served a call that ended at this terminal, so its 好差评 rating names them. */
  async servedBy(
    terminalId: string,
    callId: string,
  ): Promise<{ staffId: string | null; department: string | null }> {
    const ended = await this.#live.ended(callId);
    // Another terminal's call rates nobody: a terminal cannot speak for another.
    if (!ended || ended.terminalId !== terminalId) return { staffId: null, department: null };
    return { staffId: ended.agentId, department: ended.department };
  }

  // ——— supervisors ———

  supervisorSnapshot(): Promise<SupervisorSnapshot> {
    return this.#supervisor.snapshot();
  }

  moveAgent(agentId: string, departments: string[]) {
    return this.#supervisor.moveAgent(agentId, departments);
  }

  // ——— internals ———

  #wireEngine(): void {
    const e = this.engine;
    e.on(RoutingEvent.PositionChanged, (p) => {
      this.emit('kiosk', p.terminalId, 'help:position', {
        ticketId: p.ticketId,
        position: p.position,
        estimatedWaitSeconds: p.estimatedWaitSeconds,
      });
    });
    e.on(RoutingEvent.TicketEscalated, ({ ticket, scope }) => {
      this.emit('kiosk', ticket.context.terminalId, 'help:escalated', {
        ticketId: ticket.id,
        scope,
      });
    });
    e.on(RoutingEvent.TicketOffered, ({ offer, ticket }) => {
      this.emit('staff', offer.agentId, 'offer:new', {
        ...this.#ticketView(ticket, Date.now()),
        offerId: offer.id,
        expiresAt: offer.expiresAt,
      } satisfies OfferView);
    });
    for (const [event, reason] of [
      [RoutingEvent.OfferTimedOut, 'timedOut'],
      [RoutingEvent.OfferWithdrawn, 'withdrawn'],
      [RoutingEvent.OfferRejected, 'rejected'],
    ] as const) {
      e.on(event, ({ offer }: { offer: { id: string; agentId: string } }) =>
        this.emit('staff', offer.agentId, 'offer:ended', { offerId: offer.id, reason }),
      );
    }
    e.on(RoutingEvent.TicketConnected, ({ ticket, agent }) => void this.#connected(ticket, agent));
    e.on(RoutingEvent.TicketQueued, ({ ticket, reason, fromAgentId }) => {
      if (reason === 'new') return;
      this.#closeCall(ticket.id, fromAgentId ?? null, reason);
      // The lost agent is not there to hear it; they are told when they are back.
      if (reason === 'agentLost' && fromAgentId)
        void this.#notices.leave(`staff:${fromAgentId}`, 'call:ended', {
          ticketId: ticket.id,
          callId: ticket.id,
          endedBy: reason,
        });
      const message: Text =
        reason === 'agentLost'
          ? {
              zh: '工作人员的网络中断了，您已回到队列最前面，请稍候。',
              en: 'The agent’s connection dropped. You are back at the front of the queue.',
            }
          : {
              zh: '您已被转接到其他窗口，请稍候。',
              en: 'You are being transferred to another desk. Please wait.',
            };
      this.emit('kiosk', ticket.context.terminalId, 'help:requeued', {
        ticketId: ticket.id,
        reason,
        message,
      });
    });
    e.on(RoutingEvent.TicketCompleted, ({ ticket, agentId, endedBy }) => {
      const live = this.#live.get(ticket.id);
      this.#closeCall(ticket.id, agentId, endedBy);
      const notice = {
        ticketId: ticket.id,
        callId: ticket.id,
        endedBy,
        caseNumber: live?.caseNumber ?? null,
      };
      this.emit('kiosk', ticket.context.terminalId, 'help:ended', notice);
      void this.#live.end(ticket.id, {
        caseNumber: live?.caseNumber ?? null,
        agentId,
        department: ticket.skills.department,
        terminalId: ticket.context.terminalId,
      });
      if (endedBy === 'kioskLost')
        void this.#notices.leave(`terminal:${ticket.context.terminalId}`, 'help:ended', notice);
    });
    e.on(RoutingEvent.TicketAbandoned, ({ ticket, reason }) => {
      const notice = { ticketId: ticket.id, callId: null, endedBy: reason, caseNumber: null };
      this.emit('kiosk', ticket.context.terminalId, 'help:ended', notice);
      void this.#live.end(ticket.id, null);
      if (reason === 'kioskLost')
        void this.#notices.leave(`terminal:${ticket.context.terminalId}`, 'help:ended', notice);
    });
    e.on(RoutingEvent.AgentStateChanged, ({ agent }) =>
      this.emit('staff', agent.id, 'agent:state', selfOf(agent)),
    );
    e.on(RoutingEvent.InternalError, (err) => log.error({ err }, 'routing engine error'));
    for (const event of Object.values(RoutingEvent)) {
      if (event !== RoutingEvent.InternalError) e.on(event, () => this.#scheduleSnapshot());
    }
  }

  async #connected(ticket: Ticket, agent: Agent): Promise<void> {
    const live = this.#live.get(ticket.id);
    if (!live) return;
    const staff = this.#staff.get(agent.id);
    await this.#openRoom(ticket, agent);
    const info: AgentInfo = {
      id: agent.id,
      name: staff?.displayName ?? agent.name,
      department: agent.department,
      departmentName: this.#catalogue().department(agent.department)?.name ?? {
        zh: agent.department,
        en: agent.department,
      },
      regions: agent.regions,
    };
    this.emit('kiosk', live.terminal.id, 'help:connected', {
      ticketId: ticket.id,
      callId: ticket.id,
      agent: info,
    });
    this.#chatSystem(ticket.id, `${info.name}（${info.departmentName.zh}）已接通`);
  }

  /** One media room per call; a call whose room cannot open goes on with chat only. */
  async #openRoom(ticket: Ticket, agent: Agent): Promise<void> {
    const live = this.#live.get(ticket.id);
    if (!live || !this.#calls.available) return;
    {
      try {
        await this.#calls.open(ticket.id, [
          {
            peerId: `terminal:${live.terminal.id}`,
            role: 'citizen',
            displayName: '市民',
            department: null,
            region: live.terminal.region,
          },
          {
            peerId: `staff:${agent.id}`,
            role: 'agent',
            displayName: agent.name,
            department: agent.department,
            region: agent.regions[0] ?? null,
          },
          ...[...live.guests.entries()].map(([id, g]) => ({
            peerId: `staff:${id}`,
            role: g.role,
            displayName: g.name,
            department: null,
            region: null,
          })),
        ]);
      } catch (e) {
        log.error(
          { err: e, ticket: ticket.id },
          'call room could not be opened; continuing with chat only',
        );
      }
    }
  }

  /**
   * A peer of a call restored after a restart is back: its transports died with the old
   * process, so it is asked (once) to set up media again in the room opened at start.
   */
  #rejoinRestored(peerId: string): void {
    for (const r of this.#live.values()) {
      if (!r.rejoin.delete(peerId)) continue;
      const signal = { callId: r.ticketId, reason: 'serverRestarted' };
      if (peerId.startsWith('terminal:')) this.emit('kiosk', r.terminal.id, 'media:rejoin', signal);
      else this.emit('staff', peerId.slice('staff:'.length), 'media:rejoin', signal);
    }
  }

  /** A live ticket without a record (lost, or filed before records were kept). */
  async #rebuildRecord(t: Ticket): Promise<void> {
    const view = await this.#terminals.view(t.context.terminalId).catch(() => null);
    await this.#live.create({
      ticketId: t.id,
      terminal: { id: t.context.terminalId, site: view?.site ?? '', region: t.skills.region },
      bundleCode: t.context.bundleCode ?? null,
      draft: null,
      identityRevealedTo: new Set(),
      chat: [],
      guests: new Map(),
      caseNumber: null,
      actions: new Map(),
    });
  }

  #closeCall(ticketId: string, agentId: string | null, endedBy: string): void {
    this.#calls.close(ticketId);
    const live = this.#live.get(ticketId);
    const staffIds = [agentId, ...(live ? live.guests.keys() : [])].filter((x): x is string => !!x);
    for (const id of staffIds)
      this.emit('staff', id, 'call:ended', { ticketId, callId: ticketId, endedBy });
    if (!live) return;
    live.guests.clear();
    for (const id of [...live.actions.keys()]) this.#live.takeAction(id);
    void this.#live.save(ticketId);
  }

  async #chat(
    ticket: Ticket,
    from: { from: 'citizen' | 'agent'; name: string },
    text: string,
  ): Promise<void> {
    if (ticket.state !== 'connected') throw AppError.conflict('the call is not connected');
    this.#deliverChat(ticket.id, { ticketId: ticket.id, ...from, text, at: Date.now() });
  }

  #chatSystem(ticketId: string, text: string): void {
    this.#deliverChat(ticketId, { ticketId, from: 'system', name: '系统', text, at: Date.now() });
  }

  #deliverChat(ticketId: string, message: ChatMessage): void {
    const live = this.#live.get(ticketId);
    if (!live) return;
    this.#live.addChat(ticketId, message);
    this.emit('kiosk', live.terminal.id, 'chat:message', message);
    void this.engine.getTicket(ticketId).then(
      (t) => {
        for (const id of [t.agentId, ...live.guests.keys()])
          if (id) this.emit('staff', id, 'chat:message', message);
      },
      () => undefined,
    );
  }

  #context(ticketId: string, staffId: string): CallContext {
    const live = this.#live.get(ticketId);
    if (!live) throw AppError.notFound('no such call');
    const identity = live.draft?.identity ?? null;
    const revealed = live.identityRevealedTo.has(staffId);
    const bundleCode = live.draft?.bundleCode ?? live.bundleCode;
    return {
      ticketId,
      callId: ticketId,
      terminal: live.terminal,
      bundleName: bundleCode ? (this.#catalogue().bundle(bundleCode)?.name ?? null) : null,
      draft: {
        bundleCode,
        itemCodes: live.draft?.itemCodes ?? [],
        step: live.draft?.step ?? 'help',
        answeredFields: Object.keys(live.draft?.answers ?? {}).length,
        identity: identity
          ? {
              name: revealed ? identity.name : maskName(identity.name),
              idNumber: revealed ? identity.idNumber : maskIdNumber(identity.idNumber),
              revealed,
            }
          : null,
      },
      participants: [...live.guests.entries()].map(([id, g]) => ({
        id,
        name: g.name,
        role: g.role,
      })),
      chat: live.chat.slice(-50),
    };
  }

  #ticketView(t: Ticket, now: number): Omit<OfferView, 'offerId' | 'expiresAt'> {
    const live = this.#live.get(t.id);
    const bundle = t.context.bundleCode
      ? this.#catalogue().bundle(t.context.bundleCode)
      : undefined;
    return {
      ticketId: t.id,
      priority: t.priorityClass,
      language: t.skills.language,
      bundleName: bundle?.name ?? null,
      terminal: live?.terminal ?? { id: t.context.terminalId, site: '', region: t.skills.region },
      // From the citizen's first request: a requeue or transfer does not reset their wait.
      waitedSeconds: Math.round((now - t.createdAt) / 1000),
    };
  }

  async #kioskTicket(terminal: TerminalPrincipal, ticketId: string): Promise<Ticket> {
    const ticket = await this.engine.getTicket(ticketId).catch(() => null);
    if (!ticket || ticket.context.terminalId !== terminal.id)
      throw new AppError('TICKET_NOT_FOUND');
    return ticket;
  }

  /** The ticket, if this staff member is its agent or a guest of its call. */
  async #inCall(staff: StaffProfile, ticketId: string): Promise<Ticket> {
    const ticket = await this.engine.getTicket(ticketId).catch(() => null);
    const guest = this.#live.get(ticketId)?.guests.has(staff.id) ?? false;
    if (ticket?.state !== 'connected' || (ticket.agentId !== staff.id && !guest))
      throw new AppError('NOT_IN_CALL');
    return ticket;
  }

  #scheduleSnapshot(): void {
    if (this.#snapshotTimer || this.listenerCount('supervisors') === 0) return;
    // Coalesce bursts of routing events into one push a second.
    this.#snapshotTimer = setTimeout(() => {
      this.#snapshotTimer = null;
      this.supervisorSnapshot().then(
        (s) => this.emit('supervisors', 'supervisor:update', s),
        (e) => log.warn({ err: e }, 'supervisor snapshot failed'),
      );
    }, 1000);
    this.#snapshotTimer.unref();
  }
}

const LIVE = new Set<Ticket['state']>(LIVE_TICKET_STATES);
const kioskKey = (terminalId: string) => `kiosk:${terminalId}`;
const agentKey = (agentId: string) => `agent:${agentId}`;

function selfOf(agent: Agent) {
  return { state: agent.state, queues: agent.queues, callsHandled: agent.callsHandled };
}
