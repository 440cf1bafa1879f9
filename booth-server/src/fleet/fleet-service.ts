import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type {
  AlertRule,
  AlertView,
  BridgeNotifications,
  BridgeRequests,
  FleetAction,
  Heartbeat,
  TerminalAlternative,
  TerminalDetail,
  TerminalHealth,
  TerminalSummary,
} from '@onething/contract/sockets/fleet';
import type { NotificationOf, ResponseOf } from '@onething/contract/wire/contract';
import type { TerminalView } from '@onething/contract/rest/terminals';
import { AppError } from '@onething/contract/errors';
import { maskText } from '@onething/contract/privacy/mask';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLog } from '../audit/audit-log.ts';
import { timeOrderedId } from '../db/ids.ts';
import type { AlertTable, DB } from '../db/schema.ts';
import { RateLimiter } from '../http/rate-limiter.ts';
import { createLogger } from '../logging/logger.ts';
import type { TerminalRegistry } from '../terminals/terminal-registry.ts';
import {
  AlertEngine,
  type AlertPolicy,
  type AlertTransition,
  conditionsOf,
  DEVICE_RULES,
  SEVERITY,
} from './alert-rules.ts';

const log = createLogger('fleet');

const HISTORY_EVERY_MS = 5 * 60_000;
const PRESENCE_FLUSH_MS = 60_000;

export interface FleetPolicy extends AlertPolicy {
  /** How often bridges beat; told to each bridge in every acknowledgement. */
  heartbeatIntervalMs: number;
  retentionDays: number;
}

/**
 * Heartbeats a terminal may send per window of ten intervals: twice the configured rate, so a
 * bridge that follows the interval (plus a beat at every reconnect) is never refused, while a
 * flood is.
 */
const HEARTBEATS_PER_WINDOW = 20;
const HEARTBEAT_WINDOW_INTERVALS = 10;

interface Live {
  lastSeenAt: number;
  heartbeat: Heartbeat;
  skewMs: number;
  historyAt: number;
  historyKey: string;
  presence: { id: string; from: number; to: number; flushedTo: number } | null;
}

export type FleetCommand = NotificationOf<typeof BridgeNotifications, 'command'>;
export type HeartbeatAck = ResponseOf<typeof BridgeRequests, 'telemetry:heartbeat'>;

export type CommandSender = (terminalId: string, command: FleetCommand) => boolean;

/**
 * The fleet as maintenance staff see it: heartbeats → live state, history with retention,
 * presence intervals for uptime, alerts that open and resolve themselves with damping, and
 * remote actions delivered to each terminal's bridge. Carries no personal data by schema.
 */
export class FleetService extends EventEmitter<{
  terminal: [TerminalSummary];
  alert: [AlertView];
  commandResult: [
    { commandId: string; terminalId: string; action: FleetAction; ok: boolean; detail: string },
  ];
}> {
  readonly #db: Kysely<DB>;
  readonly #registry: TerminalRegistry;
  readonly #audit: AuditLog;
  readonly #policy: FleetPolicy;
  readonly #now: () => number;
  readonly #engine: AlertEngine;
  readonly #heartbeatLimit: RateLimiter;
  readonly #live = new Map<string, Live>();
  readonly #terminals = new Map<string, TerminalView>();
  readonly #openAlerts = new Map<string, Selectable<AlertTable>>();
  readonly #commands = new Map<string, { terminalId: string; action: FleetAction }>();
  #sender: CommandSender = () => false;
  #timer: NodeJS.Timeout | null = null;
  #lastPrune = 0;

  constructor(
    db: Kysely<DB>,
    registry: TerminalRegistry,
    audit: AuditLog,
    policy: FleetPolicy,
    now: () => number = Date.now,
  ) {
    super();
    this.#db = db;
    this.#registry = registry;
    this.#audit = audit;
    this.#policy = policy;
    this.#now = now;
    this.#engine = new AlertEngine(policy);
    this.#heartbeatLimit = new RateLimiter(
      HEARTBEATS_PER_WINDOW,
      HEARTBEAT_WINDOW_INTERVALS * policy.heartbeatIntervalMs,
      now,
    );
  }

  /** Loads state left by a previous run and starts the offline/retention timer. */
  async start(tickMs = 5_000): Promise<void> {
    for (const t of await this.#registry.list()) this.#terminals.set(t.id, t);
    for (const a of await this.#db
      .selectFrom('alerts')
      .selectAll()
      .where('resolved_at', 'is', null)
      .execute()) {
      this.#openAlerts.set(a.id, a);
      this.#engine.restoreOpen(a.terminal_id, a.rule as AlertRule, a.id, Number(a.opened_at));
    }
    for (const s of await this.#db.selectFrom('terminal_status').selectAll().execute()) {
      const hb = JSON.parse(s.heartbeat) as Heartbeat;
      this.#live.set(s.terminal_id, {
        lastSeenAt: Number(s.last_seen_at),
        heartbeat: hb,
        skewMs: Number(s.clock_skew_ms),
        historyAt: Number(s.last_seen_at),
        historyKey: historyKey(hb),
        presence: null,
      });
    }
    if (tickMs > 0) {
      this.#timer = setInterval(
        () => void this.tick().catch((e) => log.error({ err: e }, 'fleet tick failed')),
        tickMs,
      );
      this.#timer.unref();
    }
  }

  setCommandSender(sender: CommandSender): void {
    this.#sender = sender;
  }

  /** A terminal's registration changed (new terminal, maintenance flag). */
  async refreshTerminal(id: string): Promise<void> {
    this.#terminals.set(id, await this.#registry.view(id));
    this.emit('terminal', this.summary(id));
  }

  /** Records a heartbeat; refuses with RATE_LIMITED a terminal beating over twice the rate. */
  async heartbeat(terminalId: string, hb: Heartbeat): Promise<HeartbeatAck> {
    if (!this.#heartbeatLimit.take(terminalId)) {
      log.warn({ terminalId }, 'heartbeat refused: over twice the configured rate');
      throw new AppError(
        'RATE_LIMITED',
        `more than ${HEARTBEATS_PER_WINDOW} heartbeats in ${HEARTBEAT_WINDOW_INTERVALS} intervals`,
      );
    }
    const now = this.#now();
    if (!this.#terminals.has(terminalId)) await this.refreshTerminal(terminalId);
    const skewMs = hb.sentAt - now;
    const prev = this.#live.get(terminalId);
    const wasOnline = prev ? now - prev.lastSeenAt <= this.#policy.offlineAfterMs : false;
    const live: Live = prev ?? {
      lastSeenAt: now,
      heartbeat: hb,
      skewMs,
      historyAt: 0,
      historyKey: '',
      presence: null,
    };
    live.lastSeenAt = now;
    live.heartbeat = hb;
    live.skewMs = skewMs;
    this.#live.set(terminalId, live);
    await this.#extendPresence(terminalId, live, now);
    if (!wasOnline) await this.#event(terminalId, now, 'online', 'heartbeat received');

    const key = historyKey(hb);
    if (key !== live.historyKey || now - live.historyAt >= HISTORY_EVERY_MS) {
      live.historyKey = key;
      live.historyAt = now;
      await this.#db
        .insertInto('terminal_heartbeats')
        .values({
          id: timeOrderedId(now),
          terminal_id: terminalId,
          at: now,
          heartbeat: JSON.stringify(hb),
        })
        .execute();
      await this.#db
        .insertInto('terminal_status')
        .values({
          terminal_id: terminalId,
          last_seen_at: now,
          heartbeat: JSON.stringify(hb),
          clock_skew_ms: skewMs,
        })
        .onConflict((oc) =>
          oc.column('terminal_id').doUpdateSet({
            last_seen_at: now,
            heartbeat: JSON.stringify(hb),
            clock_skew_ms: skewMs,
          }),
        )
        .execute();
    }
    const transitions = [
      ...this.#engine.observe(terminalId, ['offline'], new Map(), now),
      ...this.#engine.observe(
        terminalId,
        DEVICE_RULES,
        conditionsOf(hb, skewMs, this.#policy),
        now,
      ),
    ];
    await this.#apply(transitions);
    this.emit('terminal', this.summary(terminalId));
    const maintenance = this.#terminals.get(terminalId)?.maintenance ?? false;
    return {
      serverTime: now,
      clockSkewMs: skewMs,
      maintenance,
      alternative: maintenance ? this.alternativeTo(terminalId) : null,
      intervalMs: this.#policy.heartbeatIntervalMs,
    };
  }

  /** The nearest terminal in service: same site first, then same region; online and healthy. */
  alternativeTo(terminalId: string): TerminalAlternative | null {
    const me = this.#terminals.get(terminalId);
    if (!me) return null;
    const candidates = [...this.#terminals.values()]
      .filter((t) => t.id !== terminalId && t.region === me.region)
      .map((t) => ({ t, s: this.summary(t.id) }))
      .filter(({ s }) => s.online && !s.maintenance && s.health !== 'critical')
      .sort(
        (a, b) =>
          Number(b.t.site === me.site) - Number(a.t.site === me.site) ||
          a.t.id.localeCompare(b.t.id),
      );
    const best = candidates[0]?.t;
    return best ? { name: best.name, site: best.site } : null;
  }

  /** Offline detection and retention; runs on a timer, and by tests with fake time. */
  async tick(): Promise<void> {
    const now = this.#now();
    for (const [id, live] of this.#live) {
      const silent = now - live.lastSeenAt;
      const present = new Map<AlertRule, string>();
      if (silent > this.#policy.offlineAfterMs) {
        present.set('offline', `no heartbeat for ${Math.round(silent / 1000)} s`);
        if (live.presence) {
          await this.#flushPresence(id, live);
          live.presence = null;
          await this.#event(
            id,
            now,
            'offline',
            `no heartbeat since ${new Date(live.lastSeenAt).toISOString()}`,
          );
          this.emit('terminal', this.summary(id));
        }
      }
      const transitions = this.#engine.observe(id, ['offline'], present, now);
      await this.#apply(transitions);
      if (live.presence && now - live.presence.flushedTo >= PRESENCE_FLUSH_MS)
        await this.#flushPresence(id, live);
    }
    if (now - this.#lastPrune > 3_600_000) {
      this.#lastPrune = now;
      const before = now - this.#policy.retentionDays * 86_400_000;
      await this.#db.deleteFrom('terminal_heartbeats').where('at', '<', before).execute();
      await this.#db.deleteFrom('terminal_presence').where('to_at', '<', before).execute();
      await this.#db.deleteFrom('terminal_events').where('at', '<', before).execute();
    }
  }

  async #extendPresence(id: string, live: Live, now: number): Promise<void> {
    if (live.presence && now - live.presence.to <= this.#policy.offlineAfterMs) {
      live.presence.to = now;
      if (now - live.presence.flushedTo >= PRESENCE_FLUSH_MS) await this.#flushPresence(id, live);
      return;
    }
    if (live.presence) await this.#flushPresence(id, live);
    const presence = { id: timeOrderedId(now), from: now, to: now, flushedTo: now };
    live.presence = presence;
    await this.#db
      .insertInto('terminal_presence')
      .values({ id: presence.id, terminal_id: id, from_at: now, to_at: now })
      .execute();
  }

  async #flushPresence(id: string, live: Live): Promise<void> {
    const p = live.presence;
    if (!p) return;
    p.flushedTo = p.to;
    await this.#db
      .updateTable('terminal_presence')
      .set({ to_at: p.to })
      .where('id', '=', p.id)
      .where('terminal_id', '=', id)
      .execute();
  }

  async #apply(transitions: AlertTransition[]): Promise<void> {
    for (const t of transitions) {
      if (t.kind === 'open') {
        const row: Selectable<AlertTable> = {
          id: randomUUID(),
          terminal_id: t.terminalId,
          rule: t.rule,
          severity: SEVERITY[t.rule],
          detail: t.detail,
          opened_at: t.at,
          acknowledged_by: null,
          acknowledged_at: null,
          resolved_at: null,
        };
        await this.#db.insertInto('alerts').values(row).execute();
        this.#engine.markOpened(t.terminalId, t.rule, row.id);
        this.#openAlerts.set(row.id, row);
        await this.#event(t.terminalId, t.at, 'alert.open', `${t.rule}: ${t.detail}`);
        this.emit('alert', toAlertView(row));
      } else {
        await this.#db
          .updateTable('alerts')
          .set({ resolved_at: t.at })
          .where('id', '=', t.alertId)
          .execute();
        const row = this.#openAlerts.get(t.alertId);
        this.#openAlerts.delete(t.alertId);
        await this.#event(t.terminalId, t.at, 'alert.resolve', t.rule);
        if (row) this.emit('alert', toAlertView({ ...row, resolved_at: t.at }));
      }
      this.emit('terminal', this.summary(t.terminalId));
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
    if (this.#openAlerts.has(alertId)) this.#openAlerts.set(alertId, updated);
    await this.#event(row.terminal_id, now, 'alert.acknowledge', `${row.rule} by ${staff.name}`);
    await this.#audit.record({
      actorType: 'staff',
      actorId: staff.id,
      action: 'fleet.alert.acknowledge',
      targetType: 'alert',
      targetId: alertId,
      ip: staff.ip,
    });
    const view = toAlertView(updated);
    this.emit('alert', view);
    return view;
  }

  async action(
    terminalId: string,
    action: FleetAction,
    staff: { id: string; name: string; ip: string | null },
  ): Promise<{ commandId: string; delivered: boolean }> {
    if (!this.#terminals.has(terminalId)) await this.refreshTerminal(terminalId);
    const commandId = randomUUID();
    if (action === 'maintenanceOn' || action === 'maintenanceOff') {
      await this.#registry.setMaintenance(terminalId, action === 'maintenanceOn', {
        id: staff.id,
        ip: staff.ip,
      });
      await this.refreshTerminal(terminalId);
    } else {
      await this.#audit.record({
        actorType: 'staff',
        actorId: staff.id,
        action: `fleet.action.${action}`,
        targetType: 'terminal',
        targetId: terminalId,
        ip: staff.ip,
        details: { commandId },
      });
    }
    this.#commands.set(commandId, { terminalId, action });
    const delivered = this.#sender(terminalId, {
      commandId,
      action,
      issuedBy: staff.name,
      // The kiosk names the terminal to use at once, not after the next heartbeat.
      ...(action === 'maintenanceOn' && { alternative: this.alternativeTo(terminalId) }),
    });
    await this.#event(
      terminalId,
      this.#now(),
      'command',
      `${action} by ${staff.name}${delivered ? '' : ' (terminal offline: not delivered)'}`,
    );
    return { commandId, delivered };
  }

  async commandResult(
    terminalId: string,
    r: { commandId: string; ok: boolean; detail: string },
  ): Promise<void> {
    const cmd = this.#commands.get(r.commandId);
    // A result for another terminal's command is ignored: one terminal cannot speak for another.
    if (!cmd || cmd.terminalId !== terminalId) throw AppError.notFound(`command ${r.commandId}`);
    this.#commands.delete(r.commandId);
    // The bridge's free-text outcome goes to maintenance staff: names and ID numbers masked.
    const detail = maskText(r.detail);
    await this.#event(
      terminalId,
      this.#now(),
      'command.result',
      `${cmd.action}: ${r.ok ? 'ok' : 'failed'} — ${detail}`,
    );
    this.emit('commandResult', {
      commandId: r.commandId,
      terminalId,
      action: cmd.action,
      ok: r.ok,
      detail,
    });
  }

  async #event(terminalId: string, at: number, kind: string, detail: string): Promise<void> {
    await this.#db
      .insertInto('terminal_events')
      .values({ id: timeOrderedId(at), terminal_id: terminalId, at, kind, detail })
      .execute();
  }

  /** Every registered terminal, including ones registered since start that never reported. */
  async list(): Promise<TerminalSummary[]> {
    for (const t of await this.#registry.list()) this.#terminals.set(t.id, t);
    return [...this.#terminals.keys()].sort().map((id) => this.summary(id));
  }

  summary(id: string): TerminalSummary {
    const t = this.#terminals.get(id);
    if (!t) throw AppError.notFound(`terminal ${id}`);
    const live = this.#live.get(id);
    const online = !!live && this.#now() - live.lastSeenAt <= this.#policy.offlineAfterMs;
    const open = [...this.#openAlerts.values()].filter((a) => a.terminal_id === id);
    const faults = open.map((a) => a.rule).sort();
    let health: TerminalHealth;
    if (t.maintenance) health = 'maintenance';
    else if (!online) health = 'offline';
    else if (open.some((a) => a.severity === 'critical')) health = 'critical';
    else if (open.length) health = 'warning';
    else health = 'ok';
    return {
      id,
      name: t.name,
      site: t.site,
      region: t.region,
      kind: t.kind,
      online,
      health,
      maintenance: t.maintenance,
      lastSeenAt: live?.lastSeenAt ?? null,
      paper: live?.heartbeat.devices.receiptPrinter.paper ?? 'unknown',
      faults,
      openAlerts: open.length,
    };
  }

  async detail(id: string): Promise<TerminalDetail> {
    if (!this.#terminals.has(id)) await this.refreshTerminal(id);
    const summary = this.summary(id);
    const now = this.#now();
    const alerts = await this.#db
      .selectFrom('alerts')
      .selectAll()
      .where('terminal_id', '=', id)
      .orderBy('opened_at', 'desc')
      .limit(100)
      .execute();
    const timeline = await this.#db
      .selectFrom('terminal_events')
      .select(['at', 'kind', 'detail'])
      .where('terminal_id', '=', id)
      .orderBy('id', 'desc')
      .limit(200)
      .execute();
    return {
      summary,
      heartbeat: this.#live.get(id)?.heartbeat ?? null,
      uptime: {
        last24h: await this.uptime(id, now - 86_400_000, now),
        last7d: await this.uptime(id, now - 7 * 86_400_000, now),
      },
      alerts: alerts.map(toAlertView),
      timeline: timeline.map((e) => ({ at: Number(e.at), kind: e.kind, detail: e.detail })),
    };
  }

  /**
   * Share of the window the terminal was online, counted from its first presence in the window
   * (a terminal enrolled yesterday is not 'down' for the six days before). Null when never seen.
   */
  async uptime(id: string, from: number, to: number): Promise<number | null> {
    const live = this.#live.get(id);
    if (live?.presence) await this.#flushPresence(id, live);
    const rows = await this.#db
      .selectFrom('terminal_presence')
      .select(['from_at', 'to_at'])
      .where('terminal_id', '=', id)
      .where('to_at', '>=', from)
      .orderBy('from_at')
      .execute();
    if (rows.length === 0) return null;
    const start = Math.max(from, Number(rows[0]?.from_at));
    if (to <= start) return 1;
    let online = 0;
    for (const r of rows) {
      // An interval is online until its last heartbeat plus one heartbeat gap of grace.
      const a = Math.max(start, Number(r.from_at));
      const b = Math.min(
        to,
        Number(r.to_at) + Math.min(this.#policy.offlineAfterMs, to - Number(r.to_at)),
      );
      if (b > a) online += b - a;
    }
    return Math.min(1, online / (to - start));
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

function historyKey(hb: Heartbeat): string {
  const d = hb.devices;
  return [
    d.idCardReader.status,
    d.receiptPrinter.status,
    d.receiptPrinter.paper,
    d.receiptPrinter.coverOpen,
    d.a4Printer.status,
    d.scanner.status,
    d.camera.status,
    hb.maintenance,
    hb.versions.bridge,
    hb.versions.ui,
  ].join('|');
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
