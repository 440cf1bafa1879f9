import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BRIDGE_LOCAL_NAMESPACE,
  BridgeLocalNotifications,
  BridgeLocalRequests,
  type DeviceStates,
  type PrintJobProgress,
  ReceiptDocument,
} from '@onething/contract/sockets/bridge-local';
import type { KioskSessionToken } from '@onething/contract/rest/kiosk';
import { AppError } from '@onething/contract/errors';
import { MAX_SOCKET_PAYLOAD } from '@onething/contract/wire/contract';
import { Notifier } from '@onething/contract/wire/notifier';
import { type RequestHandlers, serveRequests } from '@onething/contract/wire/request-router';
import type { Logger } from 'pino';
import { type Namespace, Server } from 'socket.io';
import type { z } from 'zod';
import { localApiUrl } from '../config.ts';
import { BarcodeScannerEvent } from '../devices/scanner/barcode-scanner.ts';
import type { ScanResult } from '../devices/scanner/hid-pos.ts';
import {
  type CardInserted,
  type CardProblem,
  type CardSession,
  CardSessionEvent,
} from './card-session.ts';
import { type Hardware, HardwareEvent } from './hardware.ts';
import { type Outbox, OutboxEvent, type OutboxEvents } from './outbox.ts';
import { type PrintService, PrintServiceEvent } from './print-service.ts';
import type { DeviceSimulation } from './simulation.ts';
import type { VisitIdentity } from './visit-identity.ts';

type Notifications = typeof BridgeLocalNotifications;
export type LocalNotification = keyof Notifications & string;
export type LocalPayload<K extends LocalNotification> = z.input<Notifications[K]>;

export interface LocalApiOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** The kiosk UI's origin; browsers from anywhere else are refused. */
  origin: string;
  /** The per-start secret the UI must present as `auth.token`. */
  token: string;
  hardware: Hardware;
  cards: CardSession;
  printing: PrintService;
  outbox: Outbox;
  /** Null on real hardware: sim:* is then refused with FORBIDDEN. */
  simulation: DeviceSimulation | null;
  /** A kiosk session token from the booth server, with this terminal's credential. */
  sessionToken(): Promise<KioskSessionToken>;
  /** Who this visit's citizen is, as the bridge attests it to the server. */
  visit: VisitIdentity;
  /** What a newly connected UI is told first. */
  serverConnected(): boolean;
  maintenance(): boolean;
  /** Where to send citizens while in maintenance, when the server named a place. */
  maintenanceAlternative?(): string | undefined;
  logger: Logger;
}

/**
 * The kiosk UI's window on the devices: a socket.io server on the loopback interface, namespace
 * /local, for the one page that knows the per-start token. Requests are served by the
 * contract's router (validated, acknowledged with AckResult, answers checked too);
 * notifications go through its Notifier, which checks them before they leave and strips
 * anything the contract does not name (a card's photo can never ride along). Card data goes
 * only to this socket, never to a log.
 */
export class LocalApi {
  readonly #options: LocalApiOptions;
  readonly #http: HttpServer;
  readonly #io: Server;
  readonly #nsp: Namespace;
  readonly #log: Logger;
  readonly #notifier: Notifier<Notifications>;
  readonly #token: Buffer;
  readonly #unsubscribe: (() => void)[] = [];
  /** The receipt printed last in this session: the only one `print:reprintReceipt` prints. */
  #receipt: z.output<typeof ReceiptDocument> | null = null;
  /** Card events reach the page in order, each after its attestation was tried. */
  #cardEvents: Promise<void> = Promise.resolve();

  private constructor(options: LocalApiOptions) {
    this.#options = options;
    this.#log = options.logger;
    this.#notifier = new Notifier(BridgeLocalNotifications, {
      namespace: BRIDGE_LOCAL_NAMESPACE,
      log: options.logger,
    });
    this.#token = Buffer.from(options.token);
    this.#http = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    });
    this.#io = new Server(this.#http, {
      serveClient: false,
      maxHttpBufferSize: MAX_SOCKET_PAYLOAD,
      cors: { origin: options.origin, methods: ['GET', 'POST'] },
      // CORS binds only long-polling; a WebSocket from another page is refused here.
      allowRequest: (req, callback) => {
        const origin = req.headers.origin;
        callback(null, origin === undefined || origin === options.origin);
      },
    });
    this.#io.of('/').use((_socket, next) => next(new Error('NOT_FOUND')));
    this.#nsp = this.#io.of(BRIDGE_LOCAL_NAMESPACE);
    this.#nsp.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token === 'string' && this.#tokenMatches(token)) next();
      else next(new Error('UNAUTHENTICATED'));
    });
    this.#nsp.on('connection', (socket) => {
      this.#log.info({ socket: socket.id }, 'kiosk UI connected');
      socket.on('disconnect', (reason) =>
        this.#log.info({ socket: socket.id, reason }, 'kiosk UI disconnected'),
      );
      serveRequests(socket, BridgeLocalRequests, this.#handlers(), undefined, { log: this.#log });
      this.#notifier.send(socket, 'devices:state', options.hardware.states());
      this.#notifier.send(socket, 'server:status', { connected: options.serverConnected() });
      if (options.maintenance()) {
        const message = options.maintenanceAlternative?.();
        this.#notifier.send(
          socket,
          'ui:maintenance',
          message ? { on: true, message } : { on: true },
        );
      }
    });
    this.#wire();
  }

  static async listen(options: LocalApiOptions): Promise<LocalApi> {
    const api = new LocalApi(options);
    await new Promise<void>((resolve, reject) => {
      const onError = (e: NodeJS.ErrnoException) => {
        reject(
          e.code === 'EADDRINUSE'
            ? new Error(
                `BRIDGE_LOCAL_PORT: ${options.host}:${options.port} is in use (another bridge running?)`,
              )
            : e,
        );
      };
      api.#http.once('error', onError);
      api.#http.listen(options.port, options.host, () => {
        api.#http.off('error', onError);
        resolve();
      });
    });
    return api;
  }

  get port(): number {
    return (this.#http.address() as AddressInfo).port;
  }

  /** The address the UI connects to (its namespace is /local). */
  get url(): string {
    return localApiUrl(this.#options.host, this.port);
  }

  /** Connected kiosk UI pages. */
  get clients(): number {
    return this.#nsp.sockets.size;
  }

  /**
   * Tells every connected UI. A payload that breaks the contract is not sent; the log names
   * the event, never the card.
   */
  notify<K extends LocalNotification>(event: K, payload: LocalPayload<K>): void {
    this.#notifier.send(this.#nsp, event, payload);
  }

  async close(): Promise<void> {
    for (const u of this.#unsubscribe.splice(0)) u();
    this.#nsp.disconnectSockets(true);
    await new Promise<void>((resolve) => {
      this.#io.close(() => resolve());
    });
  }

  #tokenMatches(token: string): boolean {
    const given = Buffer.from(token);
    return given.length === this.#token.length && timingSafeEqual(given, this.#token);
  }

  #wire(): void {
    const { hardware, cards, printing, outbox } = this.#options;
    const onState = (states: DeviceStates) => this.notify('devices:state', states);
    const inOrder = (step: () => Promise<void> | void) => {
      this.#cardEvents = this.#cardEvents.then(step).catch(() => undefined);
    };
    // The server holds the attestation before the page hears of the card, so whatever the
    // page does next already finds the citizen's identity there.
    const onInserted = (inserted: CardInserted) =>
      inOrder(async () => {
        if (inserted.validity === 'valid') await this.#options.visit.cardRead(inserted.card);
        this.notify('card:inserted', inserted);
      });
    const onRemoved = () => inOrder(() => this.notify('card:removed', {}));
    const onCardError = (problem: CardProblem) => inOrder(() => this.notify('card:error', problem));
    const onScan = (scan: ScanResult) => {
      this.#options.visit.scanned(scan.text);
      this.notify('scanner:scan', { text: scan.text, symbology: scan.symbology.name });
    };
    const onProgress = (progress: PrintJobProgress) => this.notify('print:progress', progress);
    const onDelivered = (d: OutboxEvents[OutboxEvent.Delivered][0]) =>
      this.notify('outbox:delivered', d);
    const onDead = (d: OutboxEvents[OutboxEvent.DeadLettered][0]) =>
      this.notify('outbox:failed', d);
    hardware.on(HardwareEvent.State, onState);
    cards.on(CardSessionEvent.Inserted, onInserted);
    cards.on(CardSessionEvent.Removed, onRemoved);
    cards.on(CardSessionEvent.Error, onCardError);
    hardware.scanner.on(BarcodeScannerEvent.Scan, onScan);
    printing.on(PrintServiceEvent.Progress, onProgress);
    outbox.on(OutboxEvent.Delivered, onDelivered);
    outbox.on(OutboxEvent.DeadLettered, onDead);
    this.#unsubscribe.push(() => {
      hardware.off(HardwareEvent.State, onState);
      cards.off(CardSessionEvent.Inserted, onInserted);
      cards.off(CardSessionEvent.Removed, onRemoved);
      cards.off(CardSessionEvent.Error, onCardError);
      hardware.scanner.off(BarcodeScannerEvent.Scan, onScan);
      printing.off(PrintServiceEvent.Progress, onProgress);
      outbox.off(OutboxEvent.Delivered, onDelivered);
      outbox.off(OutboxEvent.DeadLettered, onDead);
    });
  }

  /** Every request of the contract (Required: one left out fails the typecheck). */
  #handlers() {
    const o = this.#options;
    const sim = (): DeviceSimulation => {
      if (!o.simulation) throw AppError.forbidden('device simulation is off: real hardware');
      return o.simulation;
    };
    /** Progress starts once the acknowledgement naming the job has gone out. */
    const announceAfterAck = (jobId: string) => setImmediate(() => o.printing.announce(jobId));
    return {
      'session:token': {
        handle: async () => {
          const token = await o.sessionToken();
          await o.visit.sessionMinted(token.sessionId);
          return token;
        },
      },
      'identity:electronic': { handle: async () => ({ card: await o.visit.electronicId() }) },
      'devices:get': { handle: () => o.hardware.states() },
      'print:receipt': {
        handle: async ({ document }) => {
          const jobId = await o.printing.printReceipt(document);
          // Kept for a reprint in this session only; the wipe forgets it.
          this.#receipt = document;
          announceAfterAck(jobId);
          return { jobId };
        },
      },
      'print:reprintReceipt': {
        handle: async () => {
          if (!this.#receipt) throw new AppError('RECEIPT_NOT_FOUND');
          const jobId = await o.printing.printReceipt(this.#receipt, 'receipt reprint');
          announceAfterAck(jobId);
          return { jobId };
        },
      },
      'print:a4': {
        handle: ({ document }) => {
          const jobId = o.printing.printA4(document);
          announceAfterAck(jobId);
          return { jobId };
        },
      },
      'session:wipe': {
        handle: async () => {
          o.cards.wipe();
          this.#receipt = null;
          await o.visit.wipe();
          return { wiped: true as const };
        },
      },
      'outbox:enqueue': { handle: (item) => o.outbox.enqueue(o.visit.stamp(item)) },
      'outbox:status': { handle: () => o.outbox.status() },
      'sim:placeCard': { handle: (req) => sim().placeCard(req) },
      'sim:removeCard': { handle: () => sim().removeCard() },
      'sim:scan': { handle: ({ text }) => sim().scan(text) },
      'sim:paper': { handle: (req) => sim().paper(req) },
    } satisfies Required<RequestHandlers<typeof BridgeLocalRequests, undefined>>;
  }
}
