import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import { statfs } from 'node:fs/promises';
import os from 'node:os';
import type { DeviceStates, OutboxItem } from '@onething/contract/sockets/bridge-local';
import type {
  FleetAction,
  FleetCommandOutcome,
  Heartbeat,
  TerminalAlternative,
} from '@onething/contract/sockets/fleet';
import type { AttestationRequests } from '@onething/contract/sockets/attestation';
import {
  type DeviceDetailCode,
  toDeviceDetailCode,
} from '@onething/contract/sockets/device-detail';
import type { AckResult } from '@onething/contract/errors';
import type { SessionEnded, SessionEndReason } from '@onething/contract/sockets/session';
import { BridgeContract } from '@onething/contract/sockets/sockets';
import type { NotificationOf } from '@onething/contract/wire/contract';
import {
  ContractClient,
  type RequestInput,
  type ResponseOutput,
} from '@onething/contract/wire/contract-client';
import { exponentialBackoff, type RetryPolicy } from '@onething/contract/wire/retry';
import type { Logger } from 'pino';
import { io, type Socket } from 'socket.io-client';
import { BridgeLinkError, bridgeLinkErrors } from './bridge-link-error.ts';
import type { DeviceErrorRecord } from './hardware.ts';
import type { OutboxTransport } from './outbox.ts';

/** A fleet command's result as reported to the server: codes the console words, no free text. */
export interface CommandOutcome {
  ok: boolean;
  outcome: FleetCommandOutcome;
  detailCode: DeviceDetailCode | null;
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
  /**
   * How long to wait before the next heartbeat after the server refused one as too frequent
   * (RATE_LIMITED), `attempt` counting the refusals in a row; null: no longer back off, beat at
   * the server's interval. Default `heartbeatBackoff`: 2, 4, 8, then 16 intervals.
   */
  nextRetryDelayMs?: RetryPolicy;
}

type Requests = typeof BridgeContract.requests;
type Notifications = typeof BridgeContract.notifications;
type Command = NotificationOf<Notifications, 'command'>;

/** The longest wait between two reconnection attempts, unless configured. */
export const DEFAULT_RECONNECT_DELAY_MAX_MS = 30_000;

/** Until the server names its interval (in every heartbeat acknowledgement). */
const DEFAULT_HEARTBEAT_MS = 15_000;
/** A bridge told RATE_LIMITED waits up to this many intervals before its next beat. */
const MAX_BACKOFF_INTERVALS = 16;

/**
 * The heartbeat's back-off while the server says RATE_LIMITED: twice the server's current
 * interval after the first refusal, doubling with each one in a row, at most 16 intervals.
 */
export function heartbeatBackoff(intervalMs: () => number): RetryPolicy {
  return (context) =>
    exponentialBackoff({
      initialMs: 2 * intervalMs(),
      maxMs: MAX_BACKOFF_INTERVALS * intervalMs(),
    })(context);
}

/**
 * The bridge's connection to the booth server (namespace /bridge, authenticated by the terminal
 * credential): heartbeats at the interval the server names, fleet commands with their results,
 * and the transport of the outbox. Requests and notifications go through the contract's client,
 * checked both ways; a request fails as a BridgeLinkError. socket.io reconnects with back-off; a
 * credential the server refuses is retried slowly, since an administrator may restore it.
 */
export class ServerLink extends SafeEventEmitter<ServerLinkEvents> implements OutboxTransport {
  readonly #socket: Socket;
  readonly #client: ContractClient<Requests, Notifications, BridgeLinkError>;
  readonly #options: ServerLinkOptions;
  readonly #log: Logger;
  readonly #nextRetryDelayMs: RetryPolicy;
  #heartbeatMs = DEFAULT_HEARTBEAT_MS;
  /** While the server refuses beats as too frequent: how many in a row, since when, what wait. */
  #backingOff: { attempt: number; since: number; delayMs: number | null } | null = null;
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
    super(options.logger);
    this.#options = options;
    this.#log = options.logger;
    this.#nextRetryDelayMs = options.nextRetryDelayMs ?? heartbeatBackoff(() => this.#heartbeatMs);
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
    this.#client = new ContractClient(this.#socket, BridgeContract, {
      peer: 'booth server',
      timeoutMs: options.ackTimeoutMs ?? 15_000,
      errors: bridgeLinkErrors,
      log: this.#log,
    });
    // a malformed notification is dropped (and logged) by the client, never seen here
    this.#client.on('command', (command) => void this.#onCommand(command));
    this.#client.on('session:ended', (ended) => this.#onSessionEnded(ended));
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

  /**
   * OutboxTransport: one item over `outbox:deliver`. A refusal, or an answer or item that breaks
   * the contract, resolves as an error acknowledgement whose code the outbox acts on; rejects
   * when the server cannot be reached.
   */
  async deliver(item: OutboxItem): Promise<AckResult<unknown>> {
    try {
      return { ok: true, data: await this.#client.request('outbox:deliver', item) };
    } catch (e) {
      if (e instanceof BridgeLinkError && e.kind !== 'unreachable') {
        return { ok: false, error: e.toBody() };
      }
      throw e;
    }
  }

  /**
   * One attestation request over the link (`identity:attest`, `identity:clear`), checked
   * against the contract both ways; throws a BridgeLinkError (an AppError) for a refusal or
   * when not connected.
   */
  attestation<K extends keyof typeof AttestationRequests & string>(
    event: K,
    payload: RequestInput<Requests, K>,
  ): Promise<ResponseOutput<Requests, K>> {
    return this.#client.request(event, payload);
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
    if (!this.#client.connected) return false;
    const hb = await this.#buildHeartbeat();
    const sentAt = Date.now();
    let ack: ResponseOutput<Requests, 'telemetry:heartbeat'>;
    try {
      ack = await this.#client.request('telemetry:heartbeat', hb);
    } catch (e) {
      this.#heartbeatFailed(e);
      return false;
    }
    this.#rttMs = Date.now() - sentAt;
    this.#backingOff = null;
    if (Math.abs(ack.clockSkewMs) > 60_000) {
      this.#log.warn({ clockSkewMs: ack.clockSkewMs }, 'terminal clock is off');
    }
    if (ack.intervalMs !== this.#heartbeatMs) {
      this.#log.info({ intervalMs: ack.intervalMs }, 'heartbeat interval set by the server');
      this.#heartbeatMs = ack.intervalMs;
    }
    this.#setMaintenance(ack.maintenance, describe(ack.alternative));
    return true;
  }

  /** A beat that failed: only RATE_LIMITED changes when the next one goes. */
  #heartbeatFailed(error: unknown): void {
    if (!(error instanceof BridgeLinkError)) {
      this.#log.error({ err: error }, 'heartbeat failed');
      return;
    }
    if (error.kind === 'refused' && error.code === 'RATE_LIMITED') {
      this.#backOff(error);
      return;
    }
    switch (error.kind) {
      case 'unreachable':
        this.#log.warn('heartbeat not acknowledged in time');
        return;
      case 'invalidRequest':
        // our own heartbeat breaks the contract: a bug here; the message names the path only
        this.#log.error({ reason: error.message }, 'heartbeat does not match the contract');
        return;
      case 'badResponse':
        this.#log.warn(
          { reason: error.message },
          'heartbeat acknowledgement does not match the contract',
        );
        return;
      case 'refused':
        this.#log.warn({ code: error.code, path: error.path }, 'heartbeat refused');
        return;
    }
  }

  /** One more RATE_LIMITED refusal in a row: the policy says how long the next beat waits. */
  #backOff(error: BridgeLinkError): void {
    const now = Date.now();
    const attempt = (this.#backingOff?.attempt ?? 0) + 1;
    const since = this.#backingOff?.since ?? now;
    const delayMs = this.#nextRetryDelayMs({ attempt, elapsedMs: now - since, error });
    this.#backingOff = { attempt, since, delayMs };
    this.#log.warn(
      { nextInMs: delayMs ?? this.#heartbeatMs },
      'heartbeat refused as too frequent; backing off',
    );
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
    this.safeEmit(ServerLinkEvent.Status, true);
    this.#stopHeartbeat();
    void this.#beat(++this.#heartbeatLoop);
  }

  /** One beat, then the next after the server's interval (longer while backing off). */
  async #beat(loop: number): Promise<void> {
    await this.heartbeat();
    if (loop !== this.#heartbeatLoop || this.#closed || !this.#socket.connected) return;
    this.#heartbeatTimer = setTimeout(
      () => void this.#beat(loop),
      this.#backingOff?.delayMs ?? this.#heartbeatMs,
    );
  }

  #onDisconnect(reason: string): void {
    this.#stopHeartbeat();
    this.#log.warn({ reason }, 'disconnected from the booth server');
    this.safeEmit(ServerLinkEvent.Status, false);
    // The server ended the link (terminal revoked, or re-enrolled with another credential).
    // socket.io does not reconnect after that by itself: treat it as a refusal, said once,
    // and try again slowly, since an administrator may restore the terminal.
    if (reason === 'io server disconnect' && !this.#closed) {
      const code = this.#endedReason === 'revoked' ? 'TERMINAL_REVOKED' : 'SESSION_ENDED';
      this.#endedReason = null;
      if (code !== this.#lastRefusal) {
        this.#log.error({ code }, 'booth server ended the terminal link');
        this.safeEmit(ServerLinkEvent.Refused, code);
      }
      this.#lastRefusal = code;
      this.#retrySlowly();
    }
  }

  #onSessionEnded({ reason }: SessionEnded): void {
    this.#endedReason = reason;
    this.#log.warn({ reason }, 'booth server is ending the terminal link');
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
      this.safeEmit(ServerLinkEvent.Refused, code);
    }
    this.#lastRefusal = code;
    this.#retrySlowly();
  }

  async #onCommand({ commandId, action, issuedBy, alternative }: Command): Promise<void> {
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
      // The error's text stays in this terminal's log; the server hears only the code.
      this.#log.warn({ commandId, action, err: e }, 'fleet command failed');
      outcome = { ok: false, outcome: 'failed', detailCode: errorDetail(e) };
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
        return { ok: true, outcome: on ? 'maintenanceOn' : 'maintenanceOff', detailCode: null };
      }
      case 'restartBridge':
        return { ok: true, outcome: 'restarting', detailCode: null };
    }
  }

  async #report(commandId: string, outcome: CommandOutcome): Promise<void> {
    const result = { commandId, ...outcome };
    try {
      await this.#client.request('command:result', result);
    } catch (e) {
      if (e instanceof BridgeLinkError && e.kind === 'refused') {
        this.#log.warn({ commandId, code: e.code }, 'command result refused');
      } else {
        const reason = e instanceof Error ? e.message : String(e);
        this.#log.warn({ commandId, reason }, 'command result not acknowledged');
      }
    }
  }

  #setMaintenance(on: boolean, alternative?: string): void {
    if (on === this.#maintenance && alternative === this.#alternative) return;
    this.#maintenance = on;
    this.#alternative = alternative;
    this.safeEmit(ServerLinkEvent.Maintenance, on, alternative);
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

/** A thrown error as a device-detail code: its `code` if the vocabulary has it, else OTHER. */
function errorDetail(e: unknown): DeviceDetailCode {
  const code = (e as { code?: unknown } | null)?.code;
  return (typeof code === 'string' ? toDeviceDetailCode(code) : null) ?? 'OTHER';
}
