import type { StaffProfile } from '@onething/contract/rest/staff';
import { AppError } from '@onething/contract/errors';
import type { ChatMessage, SystemChatMessage } from '@onething/contract/sockets/booth';
import type { RoutingEngine } from '../routing/routing-engine.ts';
import type { Ticket } from '../routing/types.ts';
import type { TerminalPrincipal } from '../terminals/terminal-registry.ts';
import type { CallAccess } from './call-access.ts';
import type { CallRecordStore } from './call-record-store.ts';
import type { Deliver } from './booth-ports.ts';

type WithoutLine<M> = M extends unknown ? Omit<M, 'ticketId' | 'from' | 'at'> : never;

/** What the booth says in a call's chat: a code and its parameters, worded by each client. */
export type SystemNotice = WithoutLine<SystemChatMessage>;

/**
 * A call's text chat (for citizens who are deaf or hard of hearing, and whenever video is
 * poor): lines from the kiosk, from staff in the call, and the booth's own notices. Each line
 * is kept in the call record and reaches the kiosk, the agent and every guest of the call.
 */
export class BoothChat {
  readonly #engine: RoutingEngine;
  readonly #records: CallRecordStore;
  readonly #access: CallAccess;
  readonly #toKiosk: Deliver;
  readonly #toStaff: Deliver;
  readonly #now: () => number;

  constructor(deps: {
    engine: RoutingEngine;
    records: CallRecordStore;
    access: CallAccess;
    toKiosk: Deliver;
    toStaff: Deliver;
    now?: () => number;
  }) {
    this.#engine = deps.engine;
    this.#records = deps.records;
    this.#access = deps.access;
    this.#toKiosk = deps.toKiosk;
    this.#toStaff = deps.toStaff;
    this.#now = deps.now ?? Date.now;
  }

  async fromKiosk(terminal: TerminalPrincipal, ticketId: string, text: string): Promise<void> {
    const ticket = await this.#access.kioskTicket(terminal, ticketId);
    this.#connected(ticket);
    this.#deliver({ ticketId, from: 'citizen', text, at: this.#now() });
  }

  async fromStaff(staff: StaffProfile, ticketId: string, text: string): Promise<void> {
    const ticket = await this.#access.inCall(staff, ticketId);
    this.#connected(ticket);
    this.#deliver({ ticketId, from: 'agent', name: staff.displayName, text, at: this.#now() });
  }

  /** The booth's own line in the call (someone connected or joined). */
  system(ticketId: string, notice: SystemNotice): void {
    this.#deliver({ ticketId, from: 'system', at: this.#now(), ...notice });
  }

  #connected(ticket: Ticket): void {
    if (ticket.state !== 'connected') throw AppError.conflict('the call is not connected');
  }

  #deliver(message: ChatMessage): void {
    const live = this.#records.get(message.ticketId);
    if (!live) return;
    this.#records.addChat(message.ticketId, message);
    this.#toKiosk(live.terminal.id, 'chat:message', message);
    void this.#engine.getTicket(message.ticketId).then(
      (t) => {
        for (const id of [t.agentId, ...live.guests.keys()])
          if (id) this.#toStaff(id, 'chat:message', message);
      },
      () => undefined,
    );
  }
}
