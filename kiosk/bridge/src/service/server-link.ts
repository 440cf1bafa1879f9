import { EventEmitter } from 'node:events';
import { statfs } from 'node:fs/promises';
import os from 'node:os';
import type { DeviceStates, OutboxItem } from '@onething/contract/sockets/bridge-local';
import {
  BridgeNotifications,
  BridgeRequests,
  type FleetAction,
  type Heartbeat,
  type TerminalAlternative,
} from '@onething/contract/sockets/fleet';
import { AttestationRequests } from '@onething/contract/sockets/attestation';
import { toDeviceDetailCode } from '@onething/contract/sockets/device-detail';
import { type AckResult, AppError } from '@onething/contract/errors';
import { SessionEnded, type SessionEndReason } from '@onething/contract/sockets/session';
import type { Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import type { DeviceErrorRecord } from './hardware.ts';
import type { OutboxTransport } from './outbox.ts';

export interface CommandOutcome {
  ok: boolean;
  detail: string;
}

/** What the fleet commands do on this terminal; the bridge wires them to its parts. */
export interface CommandHandlers {
  printTestPage(): Promise<CommandOutcome>;
  readerSelfTest(): Promise<CommandOutcome>;
  reloadUi(): CommandOutcome;
  /** Called after the result was acknowledged (or could not be): exit so systemd restarts us. */
  restartBridge(): void;
}

/** Where heartbeat contents come from. */
export interface TelemetrySource {
  states(): DeviceStates;
  lastErrors(): DeviceErrorRecord[];
}

export enum ServerLinkEvent {
  /** Connected or not: (connected). */
  Status = 'status',
  /** The server's maintenance flag or the terminal it names changed (command or ack). */
  Maintenance = 'maintenance',
  /** The server refused our credential: (code). */
  Refused = 'refused',
}

export type ServerLinkEvents = {
  [ServerLinkEvent.Status]: [boolean];
  [ServerLinkEvent.Maintenance]: [boolean, string | undefined];
  [ServerLinkEvent.Refused]: [string];
};

export interface ServerLinkOptions {
  serverUrl: string;
  credential: string;
  telemetry: TelemetrySource;
  commands: CommandHandlers;
  /** Disk whose free space is reported (the data dir). */
  dataDir: string;
  bridgeVersion: string;
  logger: Logger;
  /** How long to wait for an acknowledgement. Default 15 s. */
  ackTimeoutMs?: number;
  /** After the server refused the credential, try again this much later. Default 60 s. */
  refusedRetryMs?: number;
  /** Reconnect back-off bounds. Default 1 s to 30 s. */
  reconnectDelayMs?: number;
  reconnectDelayMaxMs?: number;
}

const Command = BridgeNotifications.command;
const HeartbeatAck = BridgeRequests['telemetry:heartbeat'].response;

/** The longest wait between two reconnection attempts, unless configured. */
export const DEFAULT_RECONNECT_DELAY_MAX_MS = 30_000;

/** Until the server names its interval (in every heartbeat acknowledgement). */
const DEFAULT_HEARTBEAT_MS = 15_000;
/** A bridge told RATE_LIMITED waits up to this many intervals before its next beat. */
const MAX_BACKOFF_INTERVALS = 16;

/**
 * The bridge's connection to the booth server (namespace /bridge, authenticated by the terminal
 * credential): heartbeats at the interval the server names, fleet commands with their results, and the transport of
 * the outbox. socket.io reconnects with back-off; a credential the server refuses is retried
 * slowly, since an administrator may restore it.
 */
export class ServerLink extends EventEmitter<ServerLinkEvents> implements OutboxTransport {
  readonly #socket: Socket;
  readonly #options: ServerLinkOptions;
  readonly #log: Logger;
  readonly #ackTimeoutMs: number;
  #heartbeatMs = DEFAULT_HEARTBEAT_MS;
  /** Intervals to wait before the next beat: 1, doubled at each RATE_LIMITED refusal. */
  #backoff = 1;
  /** Each connection runs its own heartbeat loop; an old loop stops when this moves on. */
  #heartbeatLoop = 0;
  #heartbeatTimer: NodeJS.Timeout | null = null;
  #refusedTimer: NodeJS.Timeout | null = null;
  #rttMs: number | null = null;
  #maintenance = false;
  /** Where to send citizens while in maintenance, from the server. */
  #alternative: string | undefined;
  #diskFreePercent = 100;
  #lastRefusal: string | null = null;
  /** The reason of the server's last `session:ended`, until the disconnect that follows. */
  #endedReason: SessionEndReason | null = null;
  #closed = false;
  readonly #seenCommands = new Set<string>();

  constructor(options: ServerLinkOptions) {
    super();
    this.#options = options;
    this.#log = options.logger;
    this.#ackTimeoutMs = options.ackTimeoutMs ?? 15_000;
    this.#socket = io(`${options.serverUrl}/bridge`, {
      auth: { credential: options.credential },
      transports: ['websocket'],
      autoConnect: false,
      reconnectionDelay: options.reconnectDelayMs ?? 1000,
      reconnectionDelayMax: options.reconnectDelayMaxMs ?? DEFAULT_RECONNECT_DELAY_MAX_MS,
      randomizationFactor: 0.5,
      timeout: 10_000,
    });
    this.#socket.on('connect', () => this.#onConnect());
    this.#socket.on('disconnect', (reason) => this.#onDisconnect(reason));
    this.#socket.on('connect_error', (e) => this.#onConnectError(e));
    this.#socket.on('command', (payload: unknown) => void this.#onCommand(payload));
    this.#socket.on('session:ended', (payload: unknown) => this.#onSessionEnded(payload));
  }

  get connected(): boolean {
    return this.#socket.connected;
  }

  /** The maintenance flag from the last heartbeat acknowledgement (or command). */
  get maintenance(): boolean {
    return this.#maintenance;
  }

  /** The nearest terminal in service, as the server named it in its last acknowledgement. */
  get maintenanceAlternative(): string | undefined {
    return this.#alternative;
  }

  /** The heartbeat interval the server named last (15 s until it has). */
  get heartbeatMs(): number {
    return this.#heartbeatMs;
  }

  /** Round trip of the last acknowledged heartbeat, ms. */
  get rttMs(): number | null {
    return this.#rttMs;
  }

  connect(): void {
    if (this.#closed) return;
    this.#socket.connect();
  }

  close(): void {
    this.#closed = true;
    this.#stopHeartbeat();
    if (this.#refusedTimer) clearTimeout(this.#refusedTimer);
    this.#refusedTimer = null;
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
  }

  /** OutboxTransport: one item over `outbox:deliver`; rejects without an ack in time. */
  async deliver(item: OutboxItem): Promise<AckResult<unknown>> {
    if (!this.#socket.connected) throw new Error('not connected to the booth server');
    const ack = (await this.#socket
      .timeout(this.#ackTimeoutMs)
      .emitWithAck('outbox:deliver', item)) as unknown;
    return asAck(ack);
  }

  /**
   * One attestation request over the link (`identity:attest`, `identity:clear`), checked
   * against the contract both ways; throws AppError for a refusal or when not connected.
   */
  async attestation<K extends keyof typeof AttestationRequests>(
    event: K,
    payload: z.input<(typeof AttestationRequests)[K]['request']>,
  ): Promise<z.output<(typeof AttestationRequests)[K]['response']>> {
    if (!this.#socket.connected) throw new AppError('DEVICE_UNAVAILABLE', 'not connected');
    const spec = AttestationRequests[event];
    const ack = asAck(
      await this.#socket
        .timeout(this.#ackTimeoutMs)
        .emitWithAck(event, spec.request.parse(payload)),
    );
    if (!ack.ok) throw new AppError(ack.error.code, ack.error.message);
    return spec.response.parse(ack.data) as z.output<(typeof AttestationRequests)[K]['response']>;
  }

  /** OutboxTransport: calls back on every (re)connection. */
  onConnected(listener: () => void): () => void {
    const onStatus = (connected: boolean) => {
      if (connected) listener();
    };
    this.on(ServerLinkEvent.Status, onStatus);
    return () => this.off(ServerLinkEvent.Status, onStatus);
  }

  /** Sends one heartbeat now; resolves with whether the server accepted it. */
  async heartbeat(): Promise<boolean> {
    if (!this.#socket.connected) return false;
    const hb = await this.#buildHeartbeat();
    const sentAt = Date.now();
    let ack: AckResult<unknown>;
    try {
      ack = asAck(
        await this.#socket.timeout(this.#ackTimeoutMs).emitWithAck('telemetry:heartbeat', hb),
      );
    } catch {
      this.#log.warn('heartbeat not acknowledged in time');
      return false;
    }
    if (!ack.ok) {
      if (ack.error.code === 'RATE_LIMITED') {
        this.#backoff = Math.min(this.#backoff * 2, MAX_BACKOFF_INTERVALS);
        this.#log.warn(
          { nextInMs: this.#heartbeatMs * this.#backoff },
          'heartbeat refused as too frequent; backing off',
        );
      } else {
        this.#log.warn({ code: ack.error.code, path: ack.error.path }, 'heartbeat refused');
      }
      return false;
    }
    this.#rttMs = Date.now() - sentAt;
    this.#backoff = 1;
    const parsed = HeartbeatAck.safeParse(ack.data);
    if (!parsed.success) {
      this.#log.warn('heartbeat acknowledgement does not match the contract');
      return true;
    }
    if (Math.abs(parsed.data.clockSkewMs) > 60_000) {
      this.#log.warn({ clockSkewMs: parsed.data.clockSkewMs }, 'terminal clock is off');
    }
    if (parsed.data.intervalMs !== this.#heartbeatMs) {
      this.#log.info(
        { intervalMs: parsed.data.intervalMs },
        'heartbeat interval set by the server',
      );
      this.#heartbeatMs = parsed.data.intervalMs;
    }
    this.#setMaintenance(parsed.data.maintenance, describe(parsed.data.alternative));
    return true;
  }

  async #buildHeartbeat(): Promise<Heartbeat> {
    const { telemetry } = this.#options;
    try {
      const fs = await statfs(this.#options.dataDir);
      if (fs.blocks > 0) this.#diskFreePercent = clamp((fs.bavail / fs.blocks) * 100, 0, 100);
    } catch {
      // keep the last known figure: unknown is not "disk full"
    }
    const total = os.totalmem();
    return {
      sentAt: Date.now(),
      uptimeSeconds: Math.round(process.uptime()),
      versions: {
        bridge: this.#options.bridgeVersion.slice(0, 40),
        ui: null,
        node: process.version.slice(0, 40),
        os: `${os.type()} ${os.release()}`.slice(0, 80),
      },
      devices: fleetDevices(telemetry.states()),
      resources: {
        cpuLoad: clamp(os.loadavg()[0] ?? 0, 0, 1000),
        memoryUsedPercent: clamp(total > 0 ? (1 - os.freemem() / total) * 100 : 0, 0, 100),
        diskFreePercent: this.#diskFreePercent,
      },
      rttMs: this.#rttMs === null ? null : Math.min(this.#rttMs, 600_000),
      lastErrors: telemetry
        .lastErrors()
        .slice(-10)
        .map((e) => ({ at: e.at, device: e.device, code: toDeviceDetailCode(e.code) ?? 'OTHER' })),
      maintenance: this.#maintenance,
    };
  }

  #onConnect(): void {
    this.#lastRefusal = null;
    this.#log.info('connected to the booth server');
    this.emit(ServerLinkEvent.Status, true);
    this.#stopHeartbeat();
    void this.#beat(++this.#heartbeatLoop);
  }

  /** One beat, then the next after the server's interval (longer while backing off). */
  async #beat(loop: number): Promise<void> {
    await this.heartbeat();
    if (loop !== this.#heartbeatLoop || this.#closed || !this.#socket.connected) return;
    this.#heartbeatTimer = setTimeout(
      () => void this.#beat(loop),
      this.#heartbeatMs * this.#backoff,
    );
  }

  #onDisconnect(reason: string): void {
    this.#stopHeartbeat();
    this.#log.warn({ reason }, 'disconnected from the booth server');
    this.emit(ServerLinkEvent.Status, false);
    // The server ended the link (terminal revoked, or re-enrolled with another credential).
    // socket.io does not reconnect after that by itself: treat it as a refusal, said once,
    // and try again slowly, since an administrator may restore the terminal.
    if (reason === 'io server disconnect' && !this.#closed) {
      const code = this.#endedReason === 'revoked' ? 'TERMINAL_REVOKED' : 'SESSION_ENDED';
      this.#endedReason = null;
      if (code !== this.#lastRefusal) {
        this.#log.error({ code }, 'booth server ended the terminal link');
        this.emit(ServerLinkEvent.Refused, code);
      }
      this.#lastRefusal = code;
      this.#retrySlowly();
    }
  }

  #onSessionEnded(payload: unknown): void {
    const parsed = SessionEnded.safeParse(payload);
    this.#endedReason = parsed.success ? parsed.data.reason : null;
    this.#log.warn(
      { reason: this.#endedReason ?? 'malformed' },
      'booth server is ending the terminal link',
    );
  }

  #retrySlowly(): void {
    if (this.#closed || this.#refusedTimer) return;
    this.#refusedTimer = setTimeout(() => {
      this.#refusedTimer = null;
      this.connect();
    }, this.#options.refusedRetryMs ?? 60_000);
  }

  #onConnectError(error: Error): void {
    if (this.#socket.active) {
      // Network trouble: socket.io retries by itself with back-off.
      this.#log.debug({ reason: error.message }, 'booth server not reachable yet');
      return;
    }
    // The server refused the handshake (credential unknown or revoked): say so once per
    // episode and try again slowly.
    const code = error.message;
    if (code !== this.#lastRefusal) {
      this.#log.error({ code }, 'booth server refused the terminal credential');
      this.emit(ServerLinkEvent.Refused, code);
    }
    this.#lastRefusal = code;
    this.#retrySlowly();
  }

  async #onCommand(payload: unknown): Promise<void> {
    const parsed = Command.safeParse(payload);
    if (!parsed.success) {
      this.#log.warn('malformed command ignored');
      return;
    }
    const { commandId, action, issuedBy, alternative } = parsed.data;
    if (this.#seenCommands.has(commandId)) return;
    this.#seenCommands.add(commandId);
    if (this.#seenCommands.size > 200) {
      this.#seenCommands.delete(this.#seenCommands.values().next().value as string);
    }
    this.#log.info({ commandId, action, issuedBy }, 'fleet command');
    let outcome: CommandOutcome;
    try {
      outcome = await this.#run(action, describe(alternative));
    } catch (e) {
      outcome = { ok: false, detail: `failed: ${(e as Error).message}` };
    }
    await this.#report(commandId, outcome);
    if (action === 'restartBridge' && outcome.ok) this.#options.commands.restartBridge();
  }

  async #run(action: FleetAction, alternative: string | undefined): Promise<CommandOutcome> {
    const { commands } = this.#options;
    switch (action) {
      case 'printTestPage':
        return commands.printTestPage();
      case 'readerSelfTest':
        return commands.readerSelfTest();
      case 'reloadUi':
        return commands.reloadUi();
      case 'maintenanceOn':
      case 'maintenanceOff': {
        const on = action === 'maintenanceOn';
        this.#setMaintenance(on, on ? alternative : undefined);
        return { ok: true, detail: `maintenance ${on ? 'on' : 'off'}` };
      }
      case 'restartBridge':
        return { ok: true, detail: 'restarting the bridge' };
    }
  }

  async #report(commandId: string, outcome: CommandOutcome): Promise<void> {
    const result = { commandId, ok: outcome.ok, detail: outcome.detail.slice(0, 500) };
    try {
      const ack = asAck(
        await this.#socket.timeout(this.#ackTimeoutMs).emitWithAck('command:result', result),
      );
      if (!ack.ok) this.#log.warn({ commandId, code: ack.error.code }, 'command result refused');
    } catch {
      this.#log.warn({ commandId }, 'command result not acknowledged');
    }
  }

  #setMaintenance(on: boolean, alternative?: string): void {
    if (on === this.#maintenance && alternative === this.#alternative) return;
    this.#maintenance = on;
    this.#alternative = alternative;
    this.emit(ServerLinkEvent.Maintenance, on, alternative);
  }

  #stopHeartbeat(): void {
    this.#heartbeatLoop++;
    if (this.#heartbeatTimer) clearTimeout(this.#heartbeatTimer);
    this.#heartbeatTimer = null;
  }
}

/** How the kiosk names the terminal to use instead: "site name". */
function describe(alternative: TerminalAlternative | null | undefined): string | undefined {
  return alternative ? `${alternative.site} ${alternative.name}` : undefined;
}

function asAck(value: unknown): AckResult<unknown> {
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { ok?: unknown }).ok === 'boolean'
  ) {
    return value as AckResult<unknown>;
  }
  return { ok: false, error: { code: 'INTERNAL', message: 'not an acknowledgement' } };
}

function clamp(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
}

/**
 * The device states as the fleet may see them: each detail reduced to the closed vocabulary,
 * so nothing a device or driver wrote in free text leaves the terminal.
 */
export function fleetDevices(states: DeviceStates): Heartbeat['devices'] {
  const d = toDeviceDetailCode;
  return {
    idCardReader: { ...states.idCardReader, detail: d(states.idCardReader.detail) },
    receiptPrinter: { ...states.receiptPrinter, detail: d(states.receiptPrinter.detail) },
    a4Printer: { ...states.a4Printer, detail: d(states.a4Printer.detail) },
    scanner: { ...states.scanner, detail: d(states.scanner.detail) },
    camera: { status: 'unknown', detail: null },
  };
}
