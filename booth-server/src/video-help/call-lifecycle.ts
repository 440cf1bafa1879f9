import type { AgentInfo, OfferView } from '@onething/contract/sockets/booth';
import type { Catalogue } from '../catalogue/catalogue.ts';
import { createLogger } from '../logging/logger.ts';
import { type RoutingEngine, RoutingEvent } from '../routing/routing-engine.ts';
import type { Agent, Ticket } from '../routing/types.ts';
import { selfOf } from './agent-seats.ts';
import type { BoothChat } from './booth-chat.ts';
import type { CallAccess } from './call-access.ts';
import type { CallRecordStore } from './call-record-store.ts';
import type { CallRooms, Deliver } from './booth-ports.ts';
import type { Notices, NoticeTarget } from './notices.ts';
import type { SignedInStaff } from './signed-in-staff.ts';

const log = createLogger('booth-calls');

/**
 * The routing glue: what the routing engine decides (a place in the queue, an offer, a
 * connection, a requeue, an ending) becomes a call — its media room opened or closed, its
 * record ended — and a notification for the kiosk and the staff concerned. Endings a kiosk or
 * agent missed while gone are left as notices for when it is back.
 */
export class CallLifecycle {
  readonly #engine: RoutingEngine;
  readonly #records: CallRecordStore;
  readonly #calls: CallRooms;
  readonly #access: CallAccess;
  readonly #staff: SignedInStaff;
  readonly #chat: BoothChat;
  readonly #notices: Pick<Notices, 'leave'>;
  readonly #catalogue: () => Catalogue;
  readonly #toKiosk: Deliver;
  readonly #toStaff: Deliver;

  constructor(deps: {
    engine: RoutingEngine;
    records: CallRecordStore;
    calls: CallRooms;
    access: CallAccess;
    staff: SignedInStaff;
    chat: BoothChat;
    notices: Pick<Notices, 'leave'>;
    catalogue: () => Catalogue;
    toKiosk: Deliver;
    toStaff: Deliver;
  }) {
    this.#engine = deps.engine;
    this.#records = deps.records;
    this.#calls = deps.calls;
    this.#access = deps.access;
    this.#staff = deps.staff;
    this.#chat = deps.chat;
    this.#notices = deps.notices;
    this.#catalogue = deps.catalogue;
    this.#toKiosk = deps.toKiosk;
    this.#toStaff = deps.toStaff;
    this.#wire();
  }

  /** One media room per call; a call whose room cannot open goes on with chat only. */
  async openRoom(ticket: Ticket, agent: Agent): Promise<void> {
    const live = this.#records.get(ticket.id);
    if (!live || !this.#calls.available) return;
    try {
      await this.#calls.open(ticket.id, [
        {
          peerId: `terminal:${live.terminal.id}`,
          role: 'citizen',
          // The clients name the citizen by role, in their reader's language.
          displayName: '',
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

  #wire(): void {
    const e = this.#engine;
    e.on(RoutingEvent.PositionChanged, (p) => {
      this.#toKiosk(p.terminalId, 'help:position', {
        ticketId: p.ticketId,
        position: p.position,
        estimatedWaitSeconds: p.estimatedWaitSeconds,
      });
    });
    e.on(RoutingEvent.TicketEscalated, ({ ticket, scope }) => {
      this.#toKiosk(ticket.context.terminalId, 'help:escalated', { ticketId: ticket.id, scope });
    });
    e.on(RoutingEvent.TicketOffered, ({ offer, ticket }) => {
      this.#toStaff(offer.agentId, 'offer:new', {
        ...this.#access.ticketView(ticket, Date.now()),
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
        this.#toStaff(offer.agentId, 'offer:ended', { offerId: offer.id, reason }),
      );
    }
    e.on(RoutingEvent.TicketConnected, ({ ticket, agent }) => void this.#connected(ticket, agent));
    e.on(RoutingEvent.TicketQueued, ({ ticket, reason, fromAgentId }) => {
      if (reason === 'new') return;
      this.#closeCall(ticket.id, fromAgentId ?? null, reason);
      // The lost agent is not there to hear it; they are told when they are back.
      if (reason === 'agentLost' && fromAgentId)
        void this.#leave(`staff:${fromAgentId}`, 'call:ended', {
          ticketId: ticket.id,
          callId: ticket.id,
          endedBy: reason,
        });
      // The kiosk words the reason for the citizen.
      this.#toKiosk(ticket.context.terminalId, 'help:requeued', { ticketId: ticket.id, reason });
    });
    e.on(RoutingEvent.TicketCompleted, ({ ticket, agentId, endedBy }) => {
      const live = this.#records.get(ticket.id);
      this.#closeCall(ticket.id, agentId, endedBy);
      const notice = {
        ticketId: ticket.id,
        callId: ticket.id,
        endedBy,
        caseNumber: live?.caseNumber ?? null,
      };
      this.#toKiosk(ticket.context.terminalId, 'help:ended', notice);
      void this.#records.end(ticket.id, {
        caseNumber: live?.caseNumber ?? null,
        agentId,
        department: ticket.skills.department,
        terminalId: ticket.context.terminalId,
      });
      if (endedBy === 'kioskLost')
        void this.#leave(`terminal:${ticket.context.terminalId}`, 'help:ended', notice);
    });
    e.on(RoutingEvent.TicketAbandoned, ({ ticket, reason }) => {
      const notice = { ticketId: ticket.id, callId: null, endedBy: reason, caseNumber: null };
      this.#toKiosk(ticket.context.terminalId, 'help:ended', notice);
      void this.#records.end(ticket.id, null);
      if (reason === 'kioskLost')
        void this.#leave(`terminal:${ticket.context.terminalId}`, 'help:ended', notice);
    });
    e.on(RoutingEvent.AgentStateChanged, ({ agent }) =>
      this.#toStaff(agent.id, 'agent:state', selfOf(agent)),
    );
    e.on(RoutingEvent.InternalError, (err) => log.error({ err }, 'routing engine error'));
  }

  async #connected(ticket: Ticket, agent: Agent): Promise<void> {
    // Read through: in cluster mode the kiosk filed the ticket through another process.
    const live = await this.#records.ensure(ticket.id);
    if (!live) return;
    const staff = this.#staff.get(agent.id);
    await this.openRoom(ticket, agent);
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
    this.#toKiosk(live.terminal.id, 'help:connected', {
      ticketId: ticket.id,
      callId: ticket.id,
      agent: info,
    });
    this.#chat.system(ticket.id, {
      code: 'agentConnected',
      params: { name: info.name, departmentName: info.departmentName },
    });
  }

  /** A notice for a socket that is away; a lost database loses the notice, not the process. */
  #leave(target: NoticeTarget, event: string, payload: unknown): Promise<void> {
    return this.#notices
      .leave(target, event, payload)
      .catch((err: unknown) =>
        log.error({ err, target, event }, 'notice for an absent socket not stored'),
      );
  }

  #closeCall(ticketId: string, agentId: string | null, endedBy: string): void {
    this.#calls.close(ticketId);
    const live = this.#records.get(ticketId);
    const staffIds = [agentId, ...(live ? live.guests.keys() : [])].filter((x): x is string => !!x);
    for (const id of staffIds)
      this.#toStaff(id, 'call:ended', { ticketId, callId: ticketId, endedBy });
    if (!live) return;
    live.guests.clear();
    for (const id of [...live.actions.keys()]) this.#records.takeAction(id);
    void this.#records.save(ticketId);
  }
}
