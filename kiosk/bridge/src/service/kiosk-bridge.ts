import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { RetryPolicy } from '@onething/contract/wire/retry';
import type { Logger } from 'pino';
import packageJson from '../../package.json' with { type: 'json' };
import { type BridgeConfig, kioskLaunchUrl } from '../config.ts';
import type { CupsOptions } from '../printing/a4/cups-printer.ts';
import type { HidBackend } from '../transport/hid-transport.ts';
import { BoothHttp } from './booth-http.ts';
import { CardSession } from './card-session.ts';
import { writeFileAtomic } from '../storage/durable-file.ts';
import { CredentialStore, type TerminalCredential } from './credential-store.ts';
import { Hardware } from './hardware.ts';
import { LocalApi } from './local-api.ts';
import { Outbox } from './outbox.ts';
import { PrintService } from './print-service.ts';
import { ServerLink, ServerLinkEvent } from './server-link.ts';
import { DeviceSimulation } from './simulation.ts';
import { VisitIdentity } from './visit-identity.ts';

/** The launcher (npm start, the kiosk's autostart) reads the local token from this file. */
export const LOCAL_TOKEN_FILE = 'local-token';

export interface KioskBridgeOptions {
  logger: Logger;
  /** Called when the fleet asks for a restart, after the result went out. */
  onRestart?: () => void;
  readerPollMs?: number;
  printerStatusPollMs?: number;
  printPollMs?: number;
  outboxNextRetryDelayMs?: RetryPolicy;
  testPageTimeoutMs?: number;
  cups?: CupsOptions;
  hidBackend?: HidBackend;
}

/**
 * The device bridge process: the terminal's credential, its peripherals, the kiosk UI's local
 * API, the booth-server link and the outbox, started in dependency order and closed in reverse.
 */
export class KioskBridge {
  readonly config: BridgeConfig;
  readonly credential: TerminalCredential;
  readonly hardware: Hardware;
  readonly cards: CardSession;
  readonly printing: PrintService;
  readonly outbox: Outbox;
  readonly simulation: DeviceSimulation | null;
  readonly local: LocalApi;
  readonly server: ServerLink;
  /** The per-start secret of the local API (never logged: it mints kiosk tokens). */
  readonly localToken: string;
  /** Where the launcher reads that secret (mode 0600). */
  readonly localTokenFile: string;
  readonly #log: Logger;
  #closing: Promise<void> | null = null;

  private constructor(parts: {
    config: BridgeConfig;
    credential: TerminalCredential;
    hardware: Hardware;
    cards: CardSession;
    printing: PrintService;
    outbox: Outbox;
    simulation: DeviceSimulation | null;
    local: LocalApi;
    server: ServerLink;
    localToken: string;
    log: Logger;
  }) {
    this.config = parts.config;
    this.credential = parts.credential;
    this.hardware = parts.hardware;
    this.cards = parts.cards;
    this.printing = parts.printing;
    this.outbox = parts.outbox;
    this.simulation = parts.simulation;
    this.local = parts.local;
    this.server = parts.server;
    this.localToken = parts.localToken;
    this.localTokenFile = path.join(parts.config.dataDir, LOCAL_TOKEN_FILE);
    this.#log = parts.log;
  }

  /** Throws CredentialError (no credential, enrolment refused) or a start-up error. */
  static async start(config: BridgeConfig, options: KioskBridgeOptions): Promise<KioskBridge> {
    const log = options.logger;
    await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    const http = new BoothHttp(config.serverUrl);
    const credential = await new CredentialStore(
      config.dataDir,
      http,
      log.child({ module: 'credential' }),
    ).obtain(config.enrolment);

    const closers: (() => Promise<void> | void)[] = [];
    try {
      const hardware = new Hardware(config, {
        logger: log.child({ module: 'hardware' }),
        ...(options.readerPollMs !== undefined && { readerPollMs: options.readerPollMs }),
        ...(options.printerStatusPollMs !== undefined && {
          printerStatusPollMs: options.printerStatusPollMs,
        }),
        ...(options.cups && { cups: options.cups }),
        ...(options.hidBackend && { hidBackend: options.hidBackend }),
      });
      closers.push(() => hardware.stop());
      const cards = new CardSession(hardware.reader, log.child({ module: 'cards' }));
      closers.push(() => cards.close());
      const printing = await PrintService.open({
        queueFile: path.join(config.dataDir, 'print-queue.json'),
        hardware,
        logger: log.child({ module: 'printing' }),
        ...(options.printPollMs !== undefined && { pollIntervalMs: options.printPollMs }),
      });
      closers.push(() => printing.close());
      const outbox = await Outbox.open({
        dataDir: config.dataDir,
        logger: log.child({ module: 'outbox' }),
        ...(options.outboxNextRetryDelayMs && { nextRetryDelayMs: options.outboxNextRetryDelayMs }),
      });
      closers.push(() => outbox.close());
      const simulation = hardware.simulators
        ? new DeviceSimulation(hardware.simulators, hardware.printer, {
            peopleFile: config.demoPeople,
          })
        : null;

      // The server link and the local API refer to each other (commands reach the UI, the UI
      // sees the link's state), so the link's handlers look the API up when they run.
      let local: LocalApi | null = null;
      const server = new ServerLink({
        serverUrl: config.serverUrl,
        credential: credential.credential,
        telemetry: hardware,
        dataDir: config.dataDir,
        bridgeVersion: packageJson.version,
        logger: log.child({ module: 'server-link' }),
        commands: {
          printTestPage: () =>
            printing.testPage(credential.terminalId, options.testPageTimeoutMs ?? 60_000),
          readerSelfTest: () => hardware.readerSelfTest(),
          reloadUi: () => {
            const clients = local?.clients ?? 0;
            local?.notify('ui:reload', {});
            return clients > 0
              ? { ok: true, outcome: 'uiReloaded', detailCode: null }
              : { ok: false, outcome: 'noKioskPage', detailCode: null };
          },
          restartBridge: () => options.onRestart?.(),
        },
      });
      closers.push(() => server.close());

      const visit = new VisitIdentity(server, log.child({ module: 'visit' }));
      const localToken = randomBytes(32).toString('base64url');
      await writeFileAtomic(path.join(config.dataDir, LOCAL_TOKEN_FILE), localToken);
      local = await LocalApi.listen({
        host: config.local.host,
        port: config.local.port,
        origin: config.kioskOrigin,
        token: localToken,
        hardware,
        cards,
        printing,
        outbox,
        simulation,
        sessionToken: () => http.kioskSession(credential.credential),
        visit,
        serverConnected: () => server.connected,
        maintenance: () => server.maintenance,
        maintenanceAlternative: () => server.maintenanceAlternative,
        logger: log.child({ module: 'local-api' }),
      });
      const api = local;
      closers.push(() => api.close());
      server.on(ServerLinkEvent.Status, (connected) => {
        if (connected) void visit.reconnected();
        api.notify('server:status', { connected });
      });
      server.on(ServerLinkEvent.Maintenance, (on, alternative) =>
        api.notify('ui:maintenance', alternative ? { on, message: alternative } : { on }),
      );

      await hardware.start();
      outbox.setTransport(server);
      server.connect();
      return new KioskBridge({
        config,
        credential,
        hardware,
        cards,
        printing,
        outbox,
        simulation,
        local: api,
        server,
        localToken,
        log,
      });
    } catch (e) {
      for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
      throw e;
    }
  }

  /** What the launcher opens: the kiosk URL with bridge address and token in the fragment. */
  get launchUrl(): string {
    return kioskLaunchUrl(this.config.kioskUrl, this.local.url, this.localToken);
  }

  /** Closes everything, newest first; safe to call more than once. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.server.close();
      await this.local.close();
      await this.outbox.close();
      await this.printing.close();
      this.cards.close();
      await this.hardware.stop();
      this.#log.info('bridge stopped');
    })();
    return this.#closing;
  }
}
