import type { StaffProfile } from '@onething/contract/rest/staff';
import { AppError } from '@onething/contract/errors';
import type { CallContext, SupervisorSnapshot } from '@onething/contract/sockets/booth';
import type { AuditLog } from '../audit/audit-log.ts';
import { regionCovers } from '../cases/case-access.ts';
import { createLogger } from '../logging/logger.ts';
import { type RoutingEngine, RoutingEvent } from '../routing/routing-engine.ts';
import type { CallAccess } from './call-access.ts';
import type { CallRecordStore } from './call-record-store.ts';
import type { CallTransfers } from './call-transfers.ts';
import type { SignedInStaff } from './signed-in-staff.ts';
import type { SupervisorView } from './supervisor-view.ts';

const log = createLogger('booth-supervision');

/** Bursts of routing events reach supervisors as one update per this long. */
const UPDATE_EVERY_MS = 1000;

/**
 * The supervisors' side of the booth: the live view (pushed as routing changes), moving agents
 * between queues (潮汐窗口), and listening in on a call of their regions, which is audited.
 */
export class Supervision {
  readonly #engine: RoutingEngine;
  readonly #view: SupervisorView;
  readonly #records: CallRecordStore;
  readonly #access: CallAccess;
  readonly #transfers: CallTransfers;
  readonly #staff: SignedInStaff;
  readonly #audit: AuditLog;
  readonly #toSupervisors: (event: string, payload: unknown) => void;
  readonly #watched: () => boolean;
  #timer: NodeJS.Timeout | null = null;

  constructor(deps: {
    engine: RoutingEngine;
    view: SupervisorView;
    records: CallRecordStore;
    access: CallAccess;
    transfers: CallTransfers;
    staff: SignedInStaff;
    audit: AuditLog;
    toSupervisors: (event: string, payload: unknown) => void;
    /** Whether anyone receives updates: without a listener no snapshot is computed. */
    watched: () => boolean;
  }) {
    this.#engine = deps.engine;
    this.#view = deps.view;
    this.#records = deps.records;
    this.#access = deps.access;
    this.#transfers = deps.transfers;
    this.#staff = deps.staff;
    this.#audit = deps.audit;
    this.#toSupervisors = deps.toSupervisors;
    this.#watched = deps.watched;
    for (const event of Object.values(RoutingEvent)) {
      if (event !== RoutingEvent.InternalError)
        this.#engine.on(event, () => this.#scheduleUpdate());
    }
  }

  snapshot(): Promise<SupervisorSnapshot> {
    return this.#view.snapshot();
  }

  moveAgent(agentId: string, departments: string[]) {
    return this.#view.moveAgent(agentId, departments);
  }

  async monitor(
    supervisor: StaffProfile,
    ticketId: string,
    ip: string | null,
  ): Promise<CallContext> {
    const ticket = await this.#engine.getTicket(ticketId).catch(() => null);
    if (ticket?.state !== 'connected') throw AppError.notFound('no such call');
    // A supervisor listens to calls from the booths of the regions they serve, no further.
    const region = this.#records.get(ticketId)?.terminal.region ?? ticket.skills.region;
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
    this.#staff.remember(supervisor);
    await this.#transfers.admit(ticketId, supervisor, 'supervisor');
    await this.#audit.record({
      actorType: 'staff',
      actorId: supervisor.id,
      action: 'booth.monitor',
      targetType: 'ticket',
      targetId: ticketId,
      ip,
    });
    return this.#access.context(ticketId, supervisor.id);
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #scheduleUpdate(): void {
    if (this.#timer || !this.#watched()) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.snapshot().then(
        (s) => this.#toSupervisors('supervisor:update', s),
        (e: unknown) => log.warn({ err: e }, 'supervisor snapshot failed'),
      );
    }, UPDATE_EVERY_MS);
    this.#timer.unref();
  }
}
