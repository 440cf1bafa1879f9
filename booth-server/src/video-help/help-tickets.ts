import { randomUUID } from 'node:crypto';
import { AppError } from '@onething/contract/errors';
import type { DraftContext } from '@onething/contract/sockets/booth';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { BundleDefinition } from '@onething/contract/catalogue/schema';
import type { KioskIdentity } from '../identity/kiosk-identity.ts';
import type { RoutingEngine } from '../routing/routing-engine.ts';
import type { Ticket } from '../routing/types.ts';
import type { TerminalPrincipal, TerminalRegistry } from '../terminals/terminal-registry.ts';
import type { CallAccess } from './call-access.ts';
import { type CallRecordStore, freshRecord } from './call-record-store.ts';

/** From this age the help queue serves a citizen with elder priority. */
const ELDER_AGE = 60;

/** Whole years from an ISO birth date to `on`. */
function ageOn(birthDate: string, on: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = on.getFullYear() - y;
  if (on.getMonth() + 1 < m || (on.getMonth() + 1 === m && on.getDate() < d)) age -= 1;
  return age;
}

/**
 * The kiosk's side of a help ticket: asking for help (department, priority, the call record
 * filed before the ticket), cancelling, hanging up, keeping the agent's view of the draft
 * current, and who served a call that ended, for its rating.
 */
export class HelpTickets {
  readonly #engine: RoutingEngine;
  readonly #records: CallRecordStore;
  readonly #access: CallAccess;
  readonly #terminals: Pick<TerminalRegistry, 'view'>;
  readonly #identity: Pick<KioskIdentity, 'visitOf'>;
  readonly #catalogue: () => Catalogue;
  readonly #defaultDepartment: string;
  readonly #closed: (() => boolean) | undefined;

  constructor(deps: {
    engine: RoutingEngine;
    records: CallRecordStore;
    access: CallAccess;
    terminals: Pick<TerminalRegistry, 'view'>;
    /** Who the device attested at each kiosk session: the only source of a ticket's priority. */
    identity: Pick<KioskIdentity, 'visitOf'>;
    catalogue: () => Catalogue;
    /** Department reached when the citizen asks for help outside any bundle. */
    defaultDepartment: string;
    /** True outside video help's service hours: a request is refused (HELP_CLOSED). */
    closed?: () => boolean;
  }) {
    this.#closed = deps.closed;
    this.#engine = deps.engine;
    this.#records = deps.records;
    this.#access = deps.access;
    this.#terminals = deps.terminals;
    this.#identity = deps.identity;
    this.#catalogue = deps.catalogue;
    this.#defaultDepartment = deps.defaultDepartment;
  }

  async request(
    terminal: TerminalPrincipal,
    req: {
      department?: string | undefined;
      bundleCode?: string | undefined;
      language: string;
    },
  ) {
    const { department, bundle } = this.target(req);
    if (this.#closed?.()) throw new AppError('HELP_CLOSED');
    const view = await this.#terminals.view(terminal.id);
    if (view.maintenance) throw AppError.conflict('this terminal is in maintenance mode');
    // The record exists before the ticket does: the engine may offer it within enqueue().
    const ticketId = randomUUID();
    await this.#records.create(
      freshRecord(
        ticketId,
        { id: terminal.id, site: view.site, region: view.region },
        bundle?.code ?? null,
      ),
    );
    const priority = await this.#priorityOf(terminal);
    let ticket: Ticket;
    try {
      ticket = await this.#engine.enqueue({
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
      await this.#records.end(ticketId, null);
      throw e;
    }
    const pos = await this.#engine.positionOf(ticket.id);
    return {
      ticketId: ticket.id,
      position: pos?.position ?? 1,
      estimatedWaitSeconds: pos?.estimatedWaitSeconds ?? 0,
    };
  }

  /**
   * The department (= queue) an errand's help goes to: the one asked for, else the bundle's lead
   * department, else general help. Call-backs and the availability check use the same rule.
   */
  target(req: { department?: string | undefined; bundleCode?: string | undefined }): {
    department: string;
    bundle: BundleDefinition | undefined;
  } {
    const catalogue = this.#catalogue();
    const bundle = req.bundleCode ? catalogue.bundle(req.bundleCode) : undefined;
    if (req.bundleCode && !bundle)
      throw new AppError('CATALOGUE_UNKNOWN_BUNDLE', undefined, { path: ['bundleCode'] });
    const department = req.department ?? bundle?.leadDepartment ?? this.#defaultDepartment;
    if (!catalogue.department(department) && department !== this.#defaultDepartment) {
      throw AppError.validation(`unknown department ${department}`, ['department']);
    }
    return { department, bundle };
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

  async cancel(terminal: TerminalPrincipal, ticketId: string): Promise<void> {
    const ticket = await this.#access.kioskTicket(terminal, ticketId);
    await this.#engine.cancel(ticket.id);
  }

  async hangup(terminal: TerminalPrincipal, ticketId: string): Promise<void> {
    const ticket = await this.#access.kioskTicket(terminal, ticketId);
    if (ticket.state === 'connected') await this.#engine.endCall(ticket.id);
    else await this.#engine.cancel(ticket.id);
  }

  async updateDraft(
    terminal: TerminalPrincipal,
    ticketId: string,
    draft: DraftContext,
  ): Promise<void> {
    await this.#access.kioskTicket(terminal, ticketId);
    const live = this.#records.get(ticketId);
    // The identity reaches the agent only through a card read the citizen consented to in this
    // call (remote:respond); a draft update can never carry it there.
    if (!live) return;
    live.draft = { ...draft, identity: live.draft?.identity ?? null };
    await this.#records.save(ticketId);
  }

  /** Who served a call that ended at this terminal, so its 好差评 rating names them. */
  async servedBy(
    terminalId: string,
    callId: string,
  ): Promise<{ staffId: string | null; department: string | null }> {
    const ended = await this.#records.ended(callId);
    // Another terminal's call rates nobody: a terminal cannot speak for another.
    if (!ended || ended.terminalId !== terminalId) return { staffId: null, department: null };
    return { staffId: ended.agentId, department: ended.department };
  }
}
