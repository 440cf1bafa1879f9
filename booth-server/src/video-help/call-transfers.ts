import type { StaffProfile } from '@onething/contract/rest/staff';
import { AppError } from '@onething/contract/errors';
import type { RoutingEngine } from '../routing/routing-engine.ts';
import type { BoothChat } from './booth-chat.ts';
import type { CallAccess } from './call-access.ts';
import type { CallRecordStore } from './call-record-store.ts';
import type { CallRooms, Deliver } from './booth-ports.ts';
import type { SignedInStaff } from './signed-in-staff.ts';

/**
 * Handing a call on: a transfer sends the citizen to the head of another queue or to a named
 * agent; an invitation brings a colleague into the call (three-party), as does a supervisor's
 * monitoring, through `admit`.
 */
export class CallTransfers {
  readonly #engine: RoutingEngine;
  readonly #records: CallRecordStore;
  readonly #calls: CallRooms;
  readonly #access: CallAccess;
  readonly #staff: SignedInStaff;
  readonly #chat: BoothChat;
  readonly #toStaff: Deliver;

  constructor(deps: {
    engine: RoutingEngine;
    records: CallRecordStore;
    calls: CallRooms;
    access: CallAccess;
    staff: SignedInStaff;
    chat: BoothChat;
    toStaff: Deliver;
  }) {
    this.#engine = deps.engine;
    this.#records = deps.records;
    this.#calls = deps.calls;
    this.#access = deps.access;
    this.#staff = deps.staff;
    this.#chat = deps.chat;
    this.#toStaff = deps.toStaff;
  }

  async transfer(
    staff: StaffProfile,
    ticketId: string,
    to: { department: string } | { agentId: string },
  ): Promise<void> {
    await this.#access.inCall(staff, ticketId);
    await this.#engine.transfer({
      ticketId,
      agentId: staff.id,
      to: 'department' in to ? { queueId: to.department } : { agentId: to.agentId },
    });
  }

  async invite(staff: StaffProfile, ticketId: string, guestId: string): Promise<void> {
    await this.#access.inCall(staff, ticketId);
    const guest = await this.#staff.find(guestId);
    if (!guest) throw AppError.notFound('that colleague is not signed in');
    await this.admit(
      ticketId,
      guest,
      guest.roles.includes('supervisor') && !guest.roles.includes('agent') ? 'supervisor' : 'agent',
    );
    this.#toStaff(guestId, 'call:invited', this.#access.context(ticketId, guestId));
  }

  /** Lets a colleague into the call's record and media room; everyone in the call is told. */
  async admit(ticketId: string, guest: StaffProfile, role: 'agent' | 'supervisor'): Promise<void> {
    const live = this.#records.get(ticketId);
    if (!live) throw AppError.notFound('no such call');
    live.guests.set(guest.id, { name: guest.displayName, role });
    await this.#records.save(ticketId);
    this.#calls.get(ticketId)?.admit({
      peerId: `staff:${guest.id}`,
      role,
      displayName: guest.displayName,
      department: guest.department,
      region: guest.regions[0] ?? null,
    });
    this.#chat.system(ticketId, {
      code: 'guestJoined',
      params: { name: guest.displayName, role },
    });
  }
}
