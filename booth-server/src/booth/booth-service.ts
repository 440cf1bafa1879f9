import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Text } from '@onething/shared/api/kiosk';
import type { StaffProfile } from '@onething/shared/api/staff';
import { AppError } from '@onething/shared/errors';
import {
  type AgentInfo,
  type CallContext,
  type ChatMessage,
  CONSENT_REQUIRED,
  type DraftContext,
  type OfferView,
  type RemoteActionRequest,
  type RemoteActionResult,
  type SupervisorSnapshot,
} from '@onething/shared/events/booth';
import { maskIdNumber } from '@onething/shared/identity/id-number';
import type { IdentityCardData } from '@onething/shared/identity/identity-card';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CallManager } from '../calls/call-manager.ts';
import { maskName } from '../cases/case-service.ts';
import type { Catalogue } from '../catalog/catalogue.ts';
import { createLogger } from '../logging/logger.ts';
import type { KioskIdentity, KioskVisit } from '../identity/kiosk-identity.ts';
import type { OneThingService } from '../onething/onething-service.ts';
import type { RatingService } from '../ratings/rating-service.ts';
import { RoutingEngine, RoutingEvent } from '../routing/routing-engine.ts';
import type { RoutingStore } from '../routing/store.ts';
import type { Agent, Ticket } from '../routing/types.ts';
import type { TerminalPrincipal, TerminalRegistry } from '../terminals/terminal-registry.ts';

const log = createLogger('booth');

export interface BoothPolicy {
  /** Department reached when the citizen asks for help outside any bundle. */
  defaultDepartment: string;
  /** How long a vanished kiosk or agent may take to come back before their ticket is handled. */
  reconnectGraceMs: number;
  wrapUpSeconds: number;
  offerTimeoutSeconds: number;
  escalateAfterSeconds: number;
}

/** From this age the help queue serves a citizen with elder priority. */
const ELDER_AGE = 60;

/** Whole years from an ISO birth date to `on`. */
function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = on.getFullYear() - y;
  if (on.getMonth() + 1 < m || (on.getMonth() + 1 === m && on.getDate() < d)) age -= 1;
  return age;
}

interface Live {
  ticketId: string;
  terminal: { id: string; site: string; region: string };
  bundleCode: string | null;
  draft: DraftContext | null;
  identityRevealedTo: Set<string>;
  chat: ChatMessage[];
  /** Staff in the call besides the connected agent (invited agents, monitoring supervisors). */
  guests: Map<string, { name: string; role: 'agent' | 'supervisor' }>;
  caseNumber: string | null;
  /** The kiosk visit whose attested card the agent read (the case is filed for it). */
  visit: KioskVisit | null;
}

interface PendingAction {
  actionId: string;
  ticketId: string;
  agentId: string;
  request: RemoteActionRequest;
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
  readonly #onething: OneThingService;
  readonly #ratings: RatingService;
  readonly #audit: AuditLog;
  readonly #policy: BoothPolicy;
  readonly #identity: KioskIdentity;
  readonly #live = new Map<string, Live>();
  readonly #actions = new Map<string, PendingAction>();
  readonly #staff = new Map<string, StaffProfile>();
  readonly #graceTimers = new Map<string, NodeJS.Timeout>();
  /** Calls that ended: their case and who served, for the wrap-up and the citizen's rating. */
  readonly #ended = new Map<
    string,
    { caseNumber: string | null; agentId: string; department: string; terminalId: string }
  >();
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
    /** Who the device attested at each kiosk session: the only identity a call can use. */
    identity: KioskIdentity;
  }) {
    super();
    this.#identity = deps.identity;
    this.#calls = deps.calls;
    this.#terminals = deps.terminals;
    this.#catalogue = deps.catalogue;
    this.#onething = deps.onething;
    this.#ratings = deps.ratings;
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
    this.#wireEngine();
  }

  async start(): Promise<void> {
    await this.engine.start();
    // Agents who were on duty when the server stopped get the grace period to come back.
    for (const agent of (await this.engine.snapshot()).agents) {
      if (agent.state !== 'offline')
        this.#startGrace(`agent:${agent.id}`, () => this.engine.agentLost(agent.id));
    }
  }

  async close(): Promise<void> {
    for (const t of this.#graceTimers.values()) clearTimeout(t);
    if (this.#snapshotTimer) clearTimeout(this.#snapshotTimer);
    this.#calls.closeAll();
    await this.engine.close();
  }

  // ——— kiosk ———

  async kioskConnected(terminal: TerminalPrincipal): Promise<void> {
    this.#cancelGrace(`kiosk:${terminal.id}`);
  }

  kioskDisconnected(terminal: TerminalPrincipal): void {
    this.#startGrace(`kiosk:${terminal.id}`, async () => {
      await this.engine.kioskLost(terminal.id);
    });
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
    this.#live.set(ticketId, {
      ticketId,
      terminal: { id: terminal.id, site: view.site, region: view.region },
      bundleCode: bundle?.code ?? null,
      draft: null,
      identityRevealedTo: new Set(),
      chat: [],
      guests: new Map(),
      caseNumber: null,
      visit: null,
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
      this.#live.delete(ticketId);
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
    return ageOn(visit.actor.birthDate, new Date(Date.now())) >= ELDER_AGE ? 'elderly' : 'normal';
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
    if (live) live.draft = { ...draft, identity: live.draft?.identity ?? null };
  }

  async respondToAction(
    terminal: TerminalPrincipal,
    r: {
      actionId: string;
      consent: boolean;
      uploadId?: string | undefined;
      failed?: string | undefined;
    },
  ): Promise<void> {
    const action = this.#actions.get(r.actionId);
    const live = action ? this.#live.get(action.ticketId) : undefined;
    // An action of another terminal looks the same as an unknown one.
    if (!action || !live || live.terminal.id !== terminal.id)
      throw AppError.notFound(`action ${r.actionId}`);
    this.#actions.delete(r.actionId);
    let status: RemoteActionResult['status'] = r.consent ? 'done' : 'declined';
    let detail: string | null = r.consent ? null : 'the citizen declined';
    let caseNumber: string | null = null;
    if (r.consent && r.failed) {
      status = 'failed';
      detail = r.failed;
    } else if (r.consent && action.request.kind === 'readIdCard') {
      // The card is the one the device bridge attested for this kiosk session, never one the
      // page names.
      const visit = await this.#identity.visitOf(terminal);
      if (!visit) {
        status = 'failed';
        detail = 'no card was read';
      } else {
        live.visit = visit;
        live.draft = {
          ...(live.draft ?? {
            bundleCode: live.bundleCode,
            itemCodes: [],
            answers: {},
            step: 'call',
          }),
          identity: visit.actor,
        };
        detail = `card of ${maskName(visit.actor.name)} read`;
      }
    } else if (r.consent && action.request.kind === 'captureDocument') {
      detail = r.uploadId ? `document captured (${r.uploadId})` : 'no document captured';
      if (!r.uploadId) status = 'failed';
    } else if (r.consent && action.request.kind === 'acceptCase') {
      try {
        caseNumber = await this.#acceptCase(live, action.agentId);
        detail = `case ${caseNumber} accepted`;
      } catch (e) {
        status = 'failed';
        detail = e instanceof AppError ? `${e.code}: ${e.message}` : 'the case could not be filed';
      }
    }
    await this.#audit.record({
      actorType: 'terminal',
      actorId: terminal.id,
      action: `booth.remote.${action.request.kind}.${status}`,
      targetType: 'ticket',
      targetId: action.ticketId,
      details: { agentId: action.agentId, ...(caseNumber ? { caseNumber } : {}) },
    });
    this.emit('staff', action.agentId, 'remote:result', {
      actionId: action.actionId,
      ticketId: action.ticketId,
      kind: action.request.kind,
      status,
      detail,
      caseNumber,
    } satisfies RemoteActionResult);
  }

  /** 收件受理: files the booth's draft as a case on behalf of the department. */
  async #acceptCase(live: Live, agentId: string): Promise<string> {
    const draft = live.draft;
    const visit = live.visit;
    if (!draft?.bundleCode || !visit) {
      throw AppError.validation('the citizen has not identified or chosen a 一件事 yet');
    }
    const itemCodes = draft.itemCodes.length
      ? draft.itemCodes
      : (this.#catalogue().bundle(draft.bundleCode)?.items ?? []);
    const { case: view } = await this.#onething.submit(
      {
        idempotencyKey: `booth-${live.ticketId}`,
        bundleCode: draft.bundleCode,
        itemCodes,
        answers: draft.answers,
        channel: 'booth',
      },
      visit.actor,
      { type: 'staff', id: agentId, terminalId: live.terminal.id },
    );
    live.caseNumber = view.caseNumber;
    // Served in this visit: the citizen may rate it from this kiosk session.
    await this.#identity.linkCase(visit, view.caseNumber, 'served');
    this.emit('kiosk', live.terminal.id, 'case:updated', view);
    return view.caseNumber;
  }

  chatFromKiosk(terminal: TerminalPrincipal, ticketId: string, text: string): Promise<void> {
    return this.#kioskTicket(terminal, ticketId).then((ticket) =>
      this.#chat(ticket, { from: 'citizen', name: '市民' }, text),
    );
  }

  // ——— agents ———

  async agentConnected(staff: StaffProfile): Promise<void> {
    this.#staff.set(staff.id, staff);
    this.#cancelGrace(`agent:${staff.id}`);
  }

  agentDisconnected(staff: StaffProfile): void {
    this.#startGrace(`agent:${staff.id}`, async () => {
      const agent = await this.engine.getAgent(staff.id).catch(() => null);
      if (agent && agent.state !== 'offline') await this.engine.agentLost(staff.id);
    });
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
    const kpis = await this.#queueSummaries();
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
          this.#live.get(ticketId)?.caseNumber ?? this.#ended.get(ticketId)?.caseNumber ?? null,
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
    const action: PendingAction = { actionId: randomUUID(), ticketId, agentId: staff.id, request };
    this.#actions.set(action.actionId, action);
    const needsConsent = CONSENT_REQUIRED[request.kind];
    this.emit('kiosk', live.terminal.id, 'remote:action', {
      actionId: action.actionId,
      ticketId,
      request,
      needsConsent,
      agentName: staff.displayName,
    });
    return { actionId: action.actionId, needsConsent };
  }

  async chatFromStaff(staff: StaffProfile, ticketId: string, text: string): Promise<void> {
    const ticket = await this.#inCall(staff, ticketId);
    await this.#chat(ticket, { from: 'agent', name: staff.displayName }, text);
  }

  /** Who served a call that ended at this terminal, so its 好差评 rating names them. */
  servedBy(
    terminalId: string,
    callId: string,
  ): { staffId: string | null; department: string | null } {
    const ended = this.#ended.get(callId);
    // Another terminal's call rates nobody: a terminal cannot speak for another.
    if (!ended || ended.terminalId !== terminalId) return { staffId: null, department: null };
    return { staffId: ended.agentId, department: ended.department };
  }

  // ——— supervisors ———

  async supervisorSnapshot(): Promise<SupervisorSnapshot> {
    const snapshot = await this.engine.snapshot();
    const now = Date.now();
    const ratings = await this.#ratings.supervisorView({ since: now - 30 * 86_400_000 });
    return {
      queues: await this.#queueSummaries(),
      agents: snapshot.agents.map((a) => ({
        id: a.id,
        name: a.name,
        department: a.department,
        state: a.state,
        queues: a.queues,
        regions: a.regions,
        sinceSeconds: Math.round((now - a.lastStateChangeAt) / 1000),
        ticketId: a.ticketId ?? null,
      })),
      calls: snapshot.tickets
        .filter((t) => t.state === 'connected' && t.agentId)
        .map((t) => ({
          ticketId: t.id,
          callId: t.id,
          agentId: t.agentId as string,
          terminalId: t.context.terminalId,
          since: t.connectedAt ?? now,
        })),
      csat: ratings.csat,
      openFollowUps: ratings.followUps.filter((f) => f.status === 'open').length,
    };
  }

  async moveAgent(agentId: string, departments: string[]) {
    const agent = await this.engine.moveAgent(agentId, departments);
    return {
      id: agent.id,
      name: agent.name,
      department: agent.department,
      state: agent.state,
      queues: agent.queues,
      regions: agent.regions,
      sinceSeconds: Math.round((Date.now() - agent.lastStateChangeAt) / 1000),
      ticketId: agent.ticketId ?? null,
    };
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
      this.emit('kiosk', ticket.context.terminalId, 'help:ended', {
        ticketId: ticket.id,
        callId: ticket.id,
        endedBy,
        caseNumber: live?.caseNumber ?? null,
      });
      this.#ended.set(ticket.id, {
        caseNumber: live?.caseNumber ?? null,
        agentId,
        department: ticket.skills.department,
        terminalId: ticket.context.terminalId,
      });
      if (this.#ended.size > 5000) this.#ended.delete(this.#ended.keys().next().value as string);
      this.#live.delete(ticket.id);
    });
    e.on(RoutingEvent.TicketAbandoned, ({ ticket, reason }) => {
      this.emit('kiosk', ticket.context.terminalId, 'help:ended', {
        ticketId: ticket.id,
        callId: null,
        endedBy: reason,
        caseNumber: null,
      });
      this.#live.delete(ticket.id);
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
    if (this.#calls.available) {
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
        ]);
      } catch (e) {
        log.error(
          { err: e, ticket: ticket.id },
          'call room could not be opened; continuing with chat only',
        );
      }
    }
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

  #closeCall(ticketId: string, agentId: string | null, endedBy: string): void {
    this.#calls.close(ticketId);
    const live = this.#live.get(ticketId);
    const staffIds = [agentId, ...(live ? live.guests.keys() : [])].filter((x): x is string => !!x);
    for (const id of staffIds)
      this.emit('staff', id, 'call:ended', { ticketId, callId: ticketId, endedBy });
    live?.guests.clear();
    for (const [id, a] of this.#actions) if (a.ticketId === ticketId) this.#actions.delete(id);
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
    live.chat.push(message);
    if (live.chat.length > 200) live.chat.shift();
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

  async #queueSummaries() {
    const kpis = await this.engine.queueKpis({ since: startOfDayCst(Date.now()) });
    const catalogue = this.#catalogue();
    return kpis.map((k) => ({
      queueId: k.queueId,
      department: k.department,
      departmentName: catalogue.department(k.department)?.name ?? {
        zh: k.department,
        en: k.department,
      },
      waiting: k.waiting,
      longestWaitSeconds: k.longestWaitSeconds,
      agentsByState: k.agentsByState,
      serviceLevel: k.serviceLevel.value,
      asaSeconds: k.asaSeconds,
      ahtSeconds: k.ahtSeconds,
      abandonmentRate: k.abandonmentRate,
      occupancy: k.occupancy,
    }));
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

  #startGrace(key: string, fn: () => Promise<unknown>): void {
    this.#cancelGrace(key);
    const timer = setTimeout(() => {
      this.#graceTimers.delete(key);
      fn().catch((e) => log.warn({ err: e, key }, 'grace handler failed'));
    }, this.#policy.reconnectGraceMs);
    timer.unref();
    this.#graceTimers.set(key, timer);
  }

  #cancelGrace(key: string): void {
    const t = this.#graceTimers.get(key);
    if (t) clearTimeout(t);
    this.#graceTimers.delete(key);
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

function selfOf(agent: Agent) {
  return { state: agent.state, queues: agent.queues, callsHandled: agent.callsHandled };
}

function startOfDayCst(now: number): number {
  const day = 86_400_000;
  const cst = 8 * 3_600_000;
  return Math.floor((now + cst) / day) * day - cst;
}
