import { AppError } from '@onething/contract/errors';
import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import type { StaffProfile } from '@onething/contract/rest/staff';
import type { AuditLog } from '../audit/audit-log.ts';
import type { CaseAccess } from '../cases/case-access.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { OneThingService } from '../citizen/onething-service.ts';
import type { KioskIdentity } from '../identity/kiosk-identity.ts';
import { createLogger } from '../logging/logger.ts';
import type { RatingService } from '../ratings/rating-service.ts';
import { RoutingEngine } from '../routing/routing-engine.ts';
import type { RoutingStore } from '../routing/store.ts';
import type { TerminalPrincipal, TerminalRegistry } from '../terminals/terminal-registry.ts';
import type { CallBackQueue } from '../call-backs/call-back-queue.ts';
import { HelpAvailabilityCheck } from '../call-backs/help-availability.ts';
import type { ServiceHours } from '../call-backs/service-hours.ts';
import { AgentSeats } from './agent-seats.ts';
import { BoothChat } from './booth-chat.ts';
import type { CallRooms } from './booth-ports.ts';
import { BoothPresence } from './booth-presence.ts';
import { CallAccess } from './call-access.ts';
import { CallLifecycle } from './call-lifecycle.ts';
import type { CallRecordStore } from './call-record-store.ts';
import { CallTransfers } from './call-transfers.ts';
import type { GraceTimers } from './grace-timers.ts';
import type { DeadlineScheduler } from '../routing/clock.ts';
import { HelpTickets } from './help-tickets.ts';
import type { Notices } from './notices.ts';
import { RemoteActions } from './remote-actions.ts';
import { SignedInStaff, type StaffElsewhere } from './signed-in-staff.ts';
import { Supervision } from './supervision.ts';
import { SupervisorView } from './supervisor-view.ts';

const log = createLogger('booth');

export interface BoothPolicy {
  /** Department reached when the citizen asks for help outside any bundle. */
  defaultDepartment: string;
  /** How long a vanished kiosk or agent may take to come back before their ticket is handled. */
  reconnectGraceMs: number;
  wrapUpSeconds: number;
  offerTimeoutSeconds: number;
  escalateAfterSeconds: number;
  /** When video help answers (HELP_SERVICE_HOURS); outside them a request is refused. */
  serviceHours: ServiceHours;
  /** The hotline named when video help cannot answer (HELP_HOTLINE). */
  hotline: string;
}

type Deliver = [target: string, event: string, payload: unknown];

/**
 * The 政务晓屋 booth: help tickets from kiosks routed to department agents, calls (one mediasoup
 * router each), remote actions on the booth with the citizen's consent, text chat, transfers,
 * three-party calls and the supervisor's view. It owns the routing engine and one part per
 * responsibility, wires them together and closes them; it knows nothing of sockets: it emits
 * what each kiosk, agent or the supervisors should be told, and the realtime layer delivers it.
 */
export class BoothService extends SafeEventEmitter<{
  kiosk: Deliver;
  staff: Deliver;
  supervisors: [event: string, payload: unknown];
}> {
  readonly engine: RoutingEngine;
  /** The kiosk's side of a ticket. */
  readonly tickets: HelpTickets;
  /** The agent's side: state, offers, the call's context, ending and wrap-up. */
  readonly seats: AgentSeats;
  readonly chat: BoothChat;
  readonly actions: RemoteActions;
  readonly transfers: CallTransfers;
  readonly supervision: Supervision;
  /** Whether video help can answer an errand now (service hours, agents online). */
  readonly availability: HelpAvailabilityCheck;
  /** Call-backs booked when it cannot: their own kind of ticket, worked from the seat. */
  readonly callBacks: CallBackQueue;
  readonly #terminals: TerminalRegistry;
  readonly #calls: CallRooms;
  /** Call records and pending actions, written through so a restart can go on serving. */
  readonly #records: CallRecordStore;
  readonly #presence: BoothPresence;

  constructor(deps: {
    store: RoutingStore;
    calls: CallRooms;
    terminals: TerminalRegistry;
    catalogue: () => Catalogue;
    onething: OneThingService;
    ratings: RatingService;
    audit: AuditLog;
    policy: BoothPolicy;
    records: CallRecordStore;
    grace: GraceTimers;
    /** Where the routing engine's deadlines live (the job table in a server). */
    deadlines?: DeadlineScheduler;
    notices: Notices;
    caseAccess: CaseAccess;
    /** Who the device attested at each kiosk session: the only identity a call can use. */
    identity: KioskIdentity;
    callBacks: CallBackQueue;
    now?: () => number;
    /** Cluster mode: a colleague's profile from the process their socket is on. */
    staffElsewhere?: StaffElsewhere;
  }) {
    super(log);
    const { policy, records, catalogue, audit, calls } = deps;
    this.#calls = calls;
    this.#records = records;
    const departments = catalogue()
      .departments()
      .map((d) => d.code);
    if (!departments.includes(policy.defaultDepartment)) departments.push(policy.defaultDepartment);
    const engine = new RoutingEngine({
      store: deps.store,
      queues: departments.map((d) => ({
        id: d,
        department: d,
        wrapUpSeconds: policy.wrapUpSeconds,
        escalation: [{ afterSeconds: policy.escalateAfterSeconds, scope: 'anyRegion' as const }],
      })),
      offerTimeoutSeconds: policy.offerTimeoutSeconds,
      ...(deps.deadlines ? { deadlines: deps.deadlines } : {}),
    });
    this.engine = engine;
    this.#terminals = deps.terminals;
    this.callBacks = deps.callBacks;
    this.availability = new HelpAvailabilityCheck({
      engine,
      hours: policy.serviceHours,
      hotline: policy.hotline,
      ...(deps.now ? { now: deps.now } : {}),
    });
    const toKiosk = (terminalId: string, event: string, payload: unknown) =>
      this.safeEmit('kiosk', terminalId, event, payload);
    const toStaff = (staffId: string, event: string, payload: unknown) =>
      this.safeEmit('staff', staffId, event, payload);
    const staff = new SignedInStaff(deps.staffElsewhere);
    const access = new CallAccess({ engine, records, catalogue });
    const view = new SupervisorView({ engine, ratings: deps.ratings, catalogue });
    this.tickets = new HelpTickets({
      engine,
      records,
      access,
      terminals: deps.terminals,
      identity: deps.identity,
      catalogue,
      defaultDepartment: policy.defaultDepartment,
      closed: () => !this.availability.isOpen(),
    });
    this.seats = new AgentSeats({ engine, records, access, staff, view, audit });
    this.chat = new BoothChat({ engine, records, access, toKiosk, toStaff });
    this.actions = new RemoteActions({
      records,
      audit,
      onething: deps.onething,
      identity: deps.identity,
      catalogue,
      caseAccess: deps.caseAccess,
      access,
      toKiosk,
      toStaff,
    });
    this.transfers = new CallTransfers({
      engine,
      records,
      calls,
      access,
      staff,
      chat: this.chat,
      toStaff,
    });
    this.supervision = new Supervision({
      engine,
      view,
      records,
      access,
      transfers: this.transfers,
      staff,
      audit,
      toSupervisors: (event, payload) => this.safeEmit('supervisors', event, payload),
      watched: () => this.listenerCount('supervisors') > 0,
    });
    const lifecycle = new CallLifecycle({
      engine,
      records,
      calls,
      access,
      staff,
      chat: this.chat,
      notices: deps.notices,
      catalogue,
      toKiosk,
      toStaff,
    });
    this.#presence = new BoothPresence({
      engine,
      records,
      grace: deps.grace,
      notices: deps.notices,
      terminals: deps.terminals,
      calls,
      lifecycle,
      staff,
      toKiosk,
      toStaff,
    });
  }

  /** Starts the engine and picks up the tickets, deadlines and calls of an earlier process. */
  async start(): Promise<void> {
    await this.engine.start();
    await this.#presence.restore();
  }

  async close(): Promise<void> {
    this.#presence.close();
    this.supervision.close();
    this.#calls.closeAll();
    await this.engine.close();
    await this.#records.flush();
  }

  /** Books a call-back for the errand on this terminal, in the queue its video help would use. */
  async bookCallBack(
    terminal: TerminalPrincipal,
    req: {
      phone: string;
      department?: string | undefined;
      bundleCode?: string | undefined;
      language: string;
    },
  ): Promise<{ callBackId: string; phoneMasked: string }> {
    const { department, bundle } = this.tickets.target(req);
    const view = await this.#terminals.view(terminal.id);
    if (view.maintenance) throw AppError.conflict('this terminal is in maintenance mode');
    return this.callBacks.book({
      queueId: department,
      terminal: { id: terminal.id, site: view.site },
      bundleCode: bundle?.code ?? null,
      language: req.language,
      phone: req.phone,
    });
  }

  kioskConnected(terminal: TerminalPrincipal): Promise<void> {
    return this.#presence.kioskConnected(terminal);
  }

  kioskDisconnected(terminal: TerminalPrincipal): void {
    this.#presence.kioskDisconnected(terminal);
  }

  agentConnected(staff: StaffProfile): Promise<void> {
    return this.#presence.agentConnected(staff);
  }

  agentDisconnected(staff: StaffProfile): void {
    this.#presence.agentDisconnected(staff);
  }
}
