import { type AlertReason, encodeTimelineDetail } from '@onething/contract/sockets/fleet-detail';
import { randomUUID } from 'node:crypto';
import type {
  AlertRule,
  AlertView,
  BridgeRequests,
  FleetAction,
  Heartbeat,
  TerminalAlternative,
  TerminalDetail,
  TerminalHealth,
  TerminalSummary,
} from '@onething/contract/sockets/fleet';
import type { ResponseOf } from '@onething/contract/wire/contract';
import type { TerminalView } from '@onething/contract/rest/terminals';
import { AppError } from '@onething/contract/errors';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { RateLimiter } from '../http/rate-limiter.ts';
import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import { createLogger } from '../logging/logger.ts';
import type { TerminalRegistry } from '../terminals/terminal-registry.ts';
import { type AlertPolicy, conditionsOf, DEVICE_RULES } from './alert-rules.ts';
import { FleetAlerts } from './fleet-alerts.ts';
import {
  type CommandReport,
  type CommandResult,
  type CommandSender,
  type FleetCommand,
  FleetCommands,
} from './fleet-commands.ts';
import { TerminalEventLog } from './terminal-events.ts';
import { TerminalTelemetry } from './terminal-telemetry.ts';

const log = createLogger('fleet');

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

export type HeartbeatAck = ResponseOf<typeof BridgeRequests, 'telemetry:heartbeat'>;

/**
 * The fleet as maintenance staff see it: heartbeats → live state, history with retention,
 * presence intervals for uptime (`TerminalTelemetry`), alerts that open and resolve themselves
 * with damping (`FleetAlerts`), and remote actions delivered to each terminal's bridge
 * (`FleetCommands`), all on each terminal's timeline. Carries no personal data by schema.
 */
export class FleetService extends SafeEventEmitter<{
  terminal: [TerminalSummary];
  alert: [AlertView];
  commandResult: [CommandResult];
}> {
  readonly #registry: TerminalRegistry;
  readonly #audit: AuditLog;
  readonly #policy: FleetPolicy;
  readonly #now: () => number;
  readonly #heartbeatLimit: RateLimiter;
  readonly #events: TerminalEventLog;
  readonly #telemetry: TerminalTelemetry;
  readonly #alerts: FleetAlerts;
  readonly #commands: FleetCommands;
  readonly #terminals = new Map<string, TerminalView>();
  #timer: NodeJS.Timeout | null = null;

  constructor(
    db: Kysely<DB>,
    registry: TerminalRegistry,
    audit: AuditLog,
    policy: FleetPolicy,
    now: () => number = Date.now,
  ) {
    super(log);
    this.#registry = registry;
    this.#audit = audit;
    this.#policy = policy;
    this.#now = now;
    this.#heartbeatLimit = new RateLimiter(
      HEARTBEATS_PER_WINDOW,
      HEARTBEAT_WINDOW_INTERVALS * policy.heartbeatIntervalMs,
      // Per process: a bridge's heartbeats all arrive over its one socket, on one process.
      { now },
    );
    this.#events = new TerminalEventLog(db);
    this.#telemetry = new TerminalTelemetry(db, policy.offlineAfterMs);
    this.#alerts = new FleetAlerts({
      db,
      audit,
      events: this.#events,
      policy,
      now,
      listener: {
        alert: (view) => this.safeEmit('alert', view),
        terminal: (id) => this.safeEmit('terminal', this.summary(id)),
      },
    });
    this.#commands = new FleetCommands(this.#events, now);
  }

  /** Loads state left by a previous run and starts the offline timer. */
  async start(tickMs = 5_000): Promise<void> {
    for (const t of await this.#registry.list()) this.#terminals.set(t.id, t);
    await this.#alerts.restore();
    await this.#telemetry.restore();
    if (tickMs > 0) {
      this.#timer = setInterval(
        () => void this.tick().catch((e) => log.error({ err: e }, 'fleet tick failed')),
        tickMs,
      );
      this.#timer.unref();
    }
  }

  setCommandSender(sender: CommandSender): void {
    this.#commands.setSender(sender);
  }

  /** A command for a bridge this process holds, sent by another process (cluster mode). */
  expectCommand(terminalId: string, command: FleetCommand): void {
    this.#commands.expect(terminalId, command);
  }

  /** A terminal's registration changed (new terminal, maintenance flag). */
  async refreshTerminal(id: string): Promise<void> {
    this.#terminals.set(id, await this.#registry.view(id));
    this.safeEmit('terminal', this.summary(id));
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
    const { wasOnline, skewMs } = await this.#telemetry.record(terminalId, hb, now);
    if (!wasOnline) {
      await this.#events.record(
        terminalId,
        now,
        'online',
        encodeTimelineDetail({ code: 'heartbeat' }),
      );
    }
    await this.#telemetry.storeIfNew(terminalId, now);
    await this.#alerts.observe(terminalId, ['offline'], new Map(), now);
    await this.#alerts.observe(
      terminalId,
      DEVICE_RULES,
      conditionsOf(hb, skewMs, this.#policy),
      now,
    );
    this.safeEmit('terminal', this.summary(terminalId));
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
      // where the citizen is sent must be able to print their receipt
      .filter(({ s }) => s.online && !s.maintenance && s.health !== 'critical' && s.paper !== 'out')
      .sort(
        (a, b) =>
          Number(b.t.site === me.site) - Number(a.t.site === me.site) ||
          a.t.id.localeCompare(b.t.id),
      );
    const best = candidates[0]?.t;
    return best ? { name: best.name, site: best.site } : null;
  }

  /**
   * Offline detection, on a timer of this process, and by tests with fake time. It judges the
   * heartbeats this process holds in memory (a terminal beats to the process of its socket), so
   * it is not a cluster job: see docs/architecture.md, "Deadlines and periodic work".
   */
  async tick(): Promise<void> {
    const now = this.#now();
    for (const id of this.#telemetry.terminalIds()) {
      const lastSeenAt = this.#telemetry.lastSeenAt(id) as number;
      const silent = now - lastSeenAt;
      const present = new Map<AlertRule, AlertReason>();
      if (silent > this.#policy.offlineAfterMs) {
        present.set('offline', { code: 'silent', seconds: Math.round(silent / 1000) });
        if (await this.#telemetry.endPresence(id)) {
          await this.#events.record(
            id,
            now,
            'offline',
            encodeTimelineDetail({ code: 'silentSince', since: lastSeenAt }),
          );
          this.safeEmit('terminal', this.summary(id));
        }
      }
      await this.#alerts.observe(id, ['offline'], present, now);
      await this.#telemetry.flushIfDue(id, now);
    }
  }

  /** Drops telemetry and events past retention (hourly, as a periodic job: one process of a cluster). */
  async prune(): Promise<void> {
    const before = this.#now() - this.#policy.retentionDays * 86_400_000;
    await this.#telemetry.prune(before);
    await this.#events.prune(before);
  }

  acknowledge(
    alertId: string,
    staff: { id: string; name: string; ip: string | null },
  ): Promise<AlertView> {
    return this.#alerts.acknowledge(alertId, staff);
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
    const delivered = await this.#commands.send(terminalId, {
      commandId,
      action,
      issuedBy: staff.name,
      // The kiosk names the terminal to use at once, not after the next heartbeat.
      ...(action === 'maintenanceOn' && { alternative: this.alternativeTo(terminalId) }),
    });
    return { commandId, delivered };
  }

  async commandResult(terminalId: string, r: CommandReport): Promise<void> {
    this.safeEmit('commandResult', await this.#commands.result(terminalId, r));
  }

  /** Every registered terminal, including ones registered since start that never reported. */
  async list(): Promise<TerminalSummary[]> {
    for (const t of await this.#registry.list()) this.#terminals.set(t.id, t);
    return [...this.#terminals.keys()].sort().map((id) => this.summary(id));
  }

  summary(id: string): TerminalSummary {
    const t = this.#terminals.get(id);
    if (!t) throw AppError.notFound(`terminal ${id}`);
    const online = this.#telemetry.online(id, this.#now());
    const open = this.#alerts.openFor(id);
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
      lastSeenAt: this.#telemetry.lastSeenAt(id),
      paper: this.#telemetry.heartbeat(id)?.devices.receiptPrinter.paper ?? 'unknown',
      faults,
      openAlerts: open.length,
    };
  }

  async detail(id: string): Promise<TerminalDetail> {
    if (!this.#terminals.has(id)) await this.refreshTerminal(id);
    const summary = this.summary(id);
    const now = this.#now();
    return {
      summary,
      heartbeat: this.#telemetry.heartbeat(id),
      uptime: {
        last24h: await this.#telemetry.uptime(id, now - 86_400_000, now),
        last7d: await this.#telemetry.uptime(id, now - 7 * 86_400_000, now),
      },
      alerts: await this.#alerts.recent(id, 100),
      timeline: await this.#events.recent(id, 200),
    };
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
