import { randomUUID } from 'node:crypto';
import { AlertRule, type AlertView } from '@onething/contract/sockets/fleet';
import {
  type AlertReason,
  encodeAlertReason,
  encodeTimelineDetail,
} from '@onething/contract/sockets/fleet-detail';
import { AppError } from '@onething/contract/errors';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AlertTable, DB } from '../db/schema.ts';
import { AlertEngine, type AlertPolicy, type AlertTransition, SEVERITY } from './alert-rules.ts';
import type { TerminalEventLog } from './terminal-events.ts';

/** Told of every change: the alert as it now is, and the terminal whose health it moved. */
export interface FleetAlertListener {
  alert(view: AlertView): void;
  terminal(terminalId: string): void;
}

/**
 * Alerts as stored: opened and resolved by the damped `AlertEngine` from what terminals report,
 * acknowledged by maintenance staff (audited), and the open ones kept at hand for health.
 */
export class FleetAlerts {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #events: TerminalEventLog;
  readonly #now: () => number;
  readonly #listener: FleetAlertListener;
  readonly #engine: AlertEngine;
  readonly #open = new Map<string, Selectable<AlertTable>>();

  constructor(deps: {
    db: Kysely<DB>;
    audit: AuditLog;
    events: TerminalEventLog;
    policy: AlertPolicy;
    now: () => number;
    listener: FleetAlertListener;
  }) {
    this.#db = deps.db;
    this.#audit = deps.audit;
    this.#events = deps.events;
    this.#now = deps.now;
    this.#listener = deps.listener;
    this.#engine = new AlertEngine(deps.policy);
  }

  /** Takes up the alerts a previous run left open, so they resolve when their condition clears. */
  async restore(): Promise<void> {
    for (const a of await this.#db
      .selectFrom('alerts')
      .selectAll()
      .where('resolved_at', 'is', null)
      .execute()) {
      this.#open.set(a.id, a);
      this.#engine.restoreOpen(a.terminal_id, a.rule as AlertRule, a.id, Number(a.opened_at));
    }
  }

  /** The terminal's open alerts. */
  openFor(terminalId: string): Selectable<AlertTable>[] {
    return [...this.#open.values()].filter((a) => a.terminal_id === terminalId);
  }

  /** Feeds the conditions seen now for `rules`, opening and resolving alerts as they settle. */
  async observe(
    terminalId: string,
    rules: readonly AlertRule[],
    present: Map<AlertRule, AlertReason>,
    now: number,
  ): Promise<void> {
    await this.#apply(this.#engine.observe(terminalId, rules, present, now));
  }

  async #apply(transitions: AlertTransition[]): Promise<void> {
    for (const t of transitions) {
      if (t.kind === 'open') {
        const row: Selectable<AlertTable> = {
          id: randomUUID(),
          terminal_id: t.terminalId,
          rule: t.rule,
          severity: SEVERITY[t.rule],
          detail: encodeAlertReason(t.reason),
          opened_at: t.at,
          acknowledged_by: null,
          acknowledged_at: null,
          resolved_at: null,
        };
        await this.#db.insertInto('alerts').values(row).execute();
        this.#engine.markOpened(t.terminalId, t.rule, row.id);
        this.#open.set(row.id, row);
        const opened = encodeTimelineDetail({
          code: 'alertOpened',
          rule: t.rule,
          reason: t.reason,
        });
        await this.#events.record(t.terminalId, t.at, 'alert.open', opened);
        this.#listener.alert(toAlertView(row));
      } else {
        await this.#db
          .updateTable('alerts')
          .set({ resolved_at: t.at })
          .where('id', '=', t.alertId)
          .execute();
        const row = this.#open.get(t.alertId);
        this.#open.delete(t.alertId);
        await this.#events.record(
          t.terminalId,
          t.at,
          'alert.resolve',
          encodeTimelineDetail({ code: 'alertResolved', rule: t.rule }),
        );
        if (row) this.#listener.alert(toAlertView({ ...row, resolved_at: t.at }));
      }
      this.#listener.terminal(t.terminalId);
    }
  }

  async acknowledge(
    alertId: string,
    staff: { id: string; name: string; ip: string | null },
  ): Promise<AlertView> {
    const now = this.#now();
    const row = await this.#db
      .selectFrom('alerts')
      .selectAll()
      .where('id', '=', alertId)
      .executeTakeFirst();
    if (!row) throw AppError.notFound(`alert ${alertId}`);
    if (row.acknowledged_at) return toAlertView(row);
    await this.#db
      .updateTable('alerts')
      .set({ acknowledged_by: staff.name, acknowledged_at: now })
      .where('id', '=', alertId)
      .execute();
    const updated = { ...row, acknowledged_by: staff.name, acknowledged_at: now };
    if (this.#open.has(alertId)) this.#open.set(alertId, updated);
    await this.#events.record(
      row.terminal_id,
      now,
      'alert.acknowledge',
      encodeTimelineDetail({
        code: 'alertAcknowledged',
        rule: AlertRule.parse(row.rule),
        by: staff.name,
      }),
    );
    await this.#audit.record({
      actorType: 'staff',
      actorId: staff.id,
      action: 'fleet.alert.acknowledge',
      targetType: 'alert',
      targetId: alertId,
      ip: staff.ip,
    });
    const view = toAlertView(updated);
    this.#listener.alert(view);
    return view;
  }

  /** The terminal's latest alerts, open or not, newest first. */
  async recent(terminalId: string, limit: number): Promise<AlertView[]> {
    const rows = await this.#db
      .selectFrom('alerts')
      .selectAll()
      .where('terminal_id', '=', terminalId)
      .orderBy('opened_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toAlertView);
  }
}

function toAlertView(r: Selectable<AlertTable>): AlertView {
  return {
    id: r.id,
    terminalId: r.terminal_id,
    rule: r.rule as AlertRule,
    severity: r.severity as AlertView['severity'],
    detail: r.detail,
    openedAt: Number(r.opened_at),
    acknowledgedBy: r.acknowledged_by,
    acknowledgedAt: r.acknowledged_at === null ? null : Number(r.acknowledged_at),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
  };
}
