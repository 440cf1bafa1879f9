import type { StaffProfile } from '@onething/contract/rest/staff';
import { createLogger } from '../logging/logger.ts';
import type { RoutingEngine } from '../routing/routing-engine.ts';
import { LIVE_TICKET_STATES, type Ticket } from '../routing/types.ts';
import type { TerminalPrincipal, TerminalRegistry } from '../terminals/terminal-registry.ts';
import type { CallLifecycle } from './call-lifecycle.ts';
import { type CallRecordStore, freshRecord } from './call-record-store.ts';
import type { CallRooms, Deliver } from './booth-ports.ts';
import type { GraceTimers } from './grace-timers.ts';
import type { Notices } from './notices.ts';
import type { SignedInStaff } from './signed-in-staff.ts';

const log = createLogger('booth-presence');

const LIVE = new Set<Ticket['state']>(LIVE_TICKET_STATES);
const KIOSK = 'kiosk:';
const AGENT = 'agent:';
const kioskKey = (terminalId: string) => `${KIOSK}${terminalId}`;
const agentKey = (agentId: string) => `${AGENT}${agentId}`;

/**
 * Kiosks and agents coming and going: a vanished one has a grace period to come back before
 * its ticket is handled, is handed the endings it missed when it is back, and — after a
 * restart of this server — is asked to set up the media of its call again.
 */
export class BoothPresence {
  readonly #engine: RoutingEngine;
  readonly #records: CallRecordStore;
  readonly #grace: GraceTimers;
  readonly #notices: Pick<Notices, 'take'>;
  readonly #terminals: Pick<TerminalRegistry, 'view'>;
  readonly #calls: CallRooms;
  readonly #lifecycle: Pick<CallLifecycle, 'openRoom'>;
  readonly #staff: SignedInStaff;
  readonly #toKiosk: Deliver;
  readonly #toStaff: Deliver;

  constructor(deps: {
    engine: RoutingEngine;
    records: CallRecordStore;
    grace: GraceTimers;
    notices: Pick<Notices, 'take'>;
    terminals: Pick<TerminalRegistry, 'view'>;
    calls: CallRooms;
    lifecycle: Pick<CallLifecycle, 'openRoom'>;
    staff: SignedInStaff;
    toKiosk: Deliver;
    toStaff: Deliver;
  }) {
    this.#engine = deps.engine;
    this.#records = deps.records;
    this.#grace = deps.grace;
    this.#notices = deps.notices;
    this.#terminals = deps.terminals;
    this.#calls = deps.calls;
    this.#lifecycle = deps.lifecycle;
    this.#staff = deps.staff;
    this.#toKiosk = deps.toKiosk;
    this.#toStaff = deps.toStaff;
    this.#grace.onExpiry((key) =>
      key.startsWith(KIOSK)
        ? this.#engine.kioskLost(key.slice(KIOSK.length))
        : this.#agentGone(key.slice(AGENT.length)),
    );
  }

  /**
   * Picks up where an earlier process stopped (the engine started): call records of the live
   * tickets, reconnect deadlines (the kiosks' and agents' sockets died with that process, so
   * each gets what was left of its grace, or a full one), and a media room for every
   * connected call.
   */
  async restore(): Promise<void> {
    const snapshot = await this.#engine.snapshot();
    const tickets = snapshot.tickets.filter((t) => LIVE.has(t.state));
    await this.#records.load(new Set(tickets.map((t) => t.id)));
    for (const t of tickets) if (!this.#records.get(t.id)) await this.#rebuildRecord(t);
    const stored = await this.#grace.stored();
    const keep = new Set<string>();
    for (const terminalId of new Set(tickets.map((t) => t.context.terminalId))) {
      keep.add(kioskKey(terminalId));
    }
    for (const agent of snapshot.agents)
      if (agent.state !== 'offline') keep.add(agentKey(agent.id));
    // A stored grace keeps what was left of it; the others get a full one.
    for (const key of keep) if (!stored.has(key)) this.#grace.start(key);
    await this.#grace.prune(keep);
    for (const t of tickets) {
      const agent = snapshot.agents.find((a) => a.id === t.agentId);
      if (t.state !== 'connected' || !agent) continue;
      await this.#lifecycle.openRoom(t, agent);
      const record = this.#records.get(t.id);
      if (record && this.#calls.get(t.id)) {
        const peers = [`terminal:${record.terminal.id}`, `staff:${agent.id}`];
        for (const id of record.guests.keys()) peers.push(`staff:${id}`);
        record.rejoin = new Set(peers);
      }
    }
    if (tickets.length) log.info({ tickets: tickets.length }, 'booth tickets restored');
  }

  async kioskConnected(terminal: TerminalPrincipal): Promise<void> {
    this.#grace.cancel(kioskKey(terminal.id));
    this.#rejoinRestored(`terminal:${terminal.id}`);
    // Tickets that ended while it was gone: it is still showing them as waiting or in a call.
    for (const n of await this.#notices.take(`terminal:${terminal.id}`))
      this.#toKiosk(terminal.id, n.event, n.payload);
  }

  kioskDisconnected(terminal: TerminalPrincipal): void {
    this.#grace.start(kioskKey(terminal.id));
  }

  async agentConnected(staff: StaffProfile): Promise<void> {
    this.#staff.remember(staff);
    this.#grace.cancel(agentKey(staff.id));
    this.#rejoinRestored(`staff:${staff.id}`);
    for (const n of await this.#notices.take(`staff:${staff.id}`))
      this.#toStaff(staff.id, n.event, n.payload);
  }

  agentDisconnected(staff: StaffProfile): void {
    this.#grace.start(agentKey(staff.id));
  }

  /** Stops starting and cancelling graces; the stored ones stay for the next start. */
  close(): void {
    this.#grace.close();
  }

  async #agentGone(agentId: string): Promise<void> {
    const agent = await this.#engine.getAgent(agentId).catch(() => null);
    if (agent && agent.state !== 'offline') await this.#engine.agentLost(agentId);
  }

  /**
   * A peer of a call restored after a restart is back: its transports died with the old
   * process, so it is asked (once) to set up media again in the room opened at start.
   */
  #rejoinRestored(peerId: string): void {
    for (const r of this.#records.values()) {
      if (!r.rejoin.delete(peerId)) continue;
      const signal = { callId: r.ticketId, reason: 'serverRestarted' };
      if (peerId.startsWith('terminal:')) this.#toKiosk(r.terminal.id, 'media:rejoin', signal);
      else this.#toStaff(peerId.slice('staff:'.length), 'media:rejoin', signal);
    }
  }

  /** A live ticket without a record (lost, or filed before records were kept). */
  async #rebuildRecord(t: Ticket): Promise<void> {
    const view = await this.#terminals.view(t.context.terminalId).catch(() => null);
    await this.#records.create(
      freshRecord(
        t.id,
        { id: t.context.terminalId, site: view?.site ?? '', region: t.skills.region },
        t.context.bundleCode ?? null,
      ),
    );
  }
}
