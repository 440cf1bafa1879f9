import type { StaffProfile } from '@onething/contract/rest/staff';
import { AppError } from '@onething/contract/errors';
import type { CallContext, OfferView } from '@onething/contract/sockets/booth';
import { maskIdNumber } from '@onething/contract/identity/id-number';
import { maskName } from '../cases/case-service.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { RoutingEngine } from '../routing/routing-engine.ts';
import type { Ticket } from '../routing/types.ts';
import type { TerminalPrincipal } from '../terminals/terminal-registry.ts';
import type { CallRecordStore } from './call-record-store.ts';

/**
 * Which ticket a kiosk or a staff member may act on, and what staff see of it: every part of
 * the booth asks here, so the rule is the same for a chat line, a transfer or a remote action.
 */
export class CallAccess {
  readonly #engine: RoutingEngine;
  readonly #records: CallRecordStore;
  readonly #catalogue: () => Catalogue;

  constructor(deps: {
    engine: RoutingEngine;
    records: CallRecordStore;
    catalogue: () => Catalogue;
  }) {
    this.#engine = deps.engine;
    this.#records = deps.records;
    this.#catalogue = deps.catalogue;
  }

  /** The ticket, if this kiosk filed it; another kiosk's ticket looks like no ticket at all. */
  async kioskTicket(terminal: TerminalPrincipal, ticketId: string): Promise<Ticket> {
    const ticket = await this.#engine.getTicket(ticketId).catch(unlessDatabaseLost);
    if (!ticket || ticket.context.terminalId !== terminal.id)
      throw new AppError('TICKET_NOT_FOUND');
    return ticket;
  }

  /** The ticket, if this staff member is its agent or a guest of its call. */
  async inCall(staff: StaffProfile, ticketId: string): Promise<Ticket> {
    const ticket = await this.#engine.getTicket(ticketId).catch(unlessDatabaseLost);
    const guest = (await this.#records.ensure(ticketId))?.guests.has(staff.id) ?? false;
    if (ticket?.state !== 'connected' || (ticket.agentId !== staff.id && !guest))
      throw new AppError('NOT_IN_CALL');
    return ticket;
  }

  /**
   * The call's record held by this process, read through from the database when another
   * process took the ticket in (cluster mode).
   */
  async hold(ticketId: string): Promise<void> {
    await this.#records.ensure(ticketId);
  }

  /** What a staff member in the call sees of it: the identity stays masked until they reveal it. */
  context(ticketId: string, staffId: string): CallContext {
    const live = this.#records.get(ticketId);
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

  /** A waiting ticket as an agent is offered it, without personal data. */
  ticketView(t: Ticket, now: number): Omit<OfferView, 'offerId' | 'expiresAt'> {
    const live = this.#records.get(t.id);
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
}

/**
 * An unknown or malformed ticket reads as none, so a caller learns nothing of other tickets; a
 * lost database is said as such instead of looking like "not in this call".
 */
function unlessDatabaseLost(e: unknown): null {
  if (e instanceof AppError && e.code === 'DATABASE_UNAVAILABLE') throw e;
  return null;
}
