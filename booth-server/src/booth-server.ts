import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_SOCKET_PAYLOAD } from '@onething/shared/events/contract';
import express, { type Express } from 'express';
import { Server as IoServer } from 'socket.io';
import { accountRoutes } from './accounts/account-routes.ts';
import { AccountService } from './accounts/account-service.ts';
import { authRoutes } from './accounts/auth-routes.ts';
import { staffSession } from './accounts/staff-auth.ts';
import { AuditLog } from './audit/audit-log.ts';
import { auditRoutes } from './audit/audit-routes.ts';
import { auditRestRefusals } from './audit/refusal-audit.ts';
import { BoothService } from './booth/booth-service.ts';
import { CallManager } from './calls/call-manager.ts';
import { caseRoutes } from './cases/case-routes.ts';
import { CaseService } from './cases/case-service.ts';
import { CatalogueRegistry } from './catalog/catalogue-registry.ts';
import { catalogueAdminRoutes } from './catalog/catalogue-routes.ts';
import type { Config } from './config/config.ts';
import { CryptoSuite } from './crypto/crypto-suite.ts';
import { loadDataKeys } from './crypto/data-keys.ts';
import { FieldCipher } from './crypto/field-cipher.ts';
import { Database } from './db/database.ts';
import { DEFAULT_ALERT_POLICY } from './fleet/alert-rules.ts';
import { FleetService } from './fleet/fleet-service.ts';
import { healthRoutes } from './health/health-routes.ts';
import { Metrics } from './health/metrics.ts';
import { errorHandler, notFound } from './http/errors.ts';
import {
  type ElectronicIdVerifier,
  SimulatedElectronicIdVerifier,
} from './identity/electronic-id.ts';
import { createLogger, setLogLevel } from './logging/logger.ts';
import { WorkerPool } from './media/worker-pool.ts';
import { kioskRoutes, publicRoutes } from './onething/kiosk-routes.ts';
import { caseCatalogueOf, OneThingService } from './onething/onething-service.ts';
import { RetentionTimer } from './retention/retention-timer.ts';
import { ratingRoutes } from './ratings/rating-routes.ts';
import { RatingService } from './ratings/rating-service.ts';
import {
  wireBridgeNamespace,
  wireKioskNamespace,
  wireStaffNamespace,
} from './realtime/namespaces.ts';
import { SqlRoutingStore } from './routing/sql-routing-store.ts';
import { type DemoDataset, identityCardOf, loadDemoDataset } from './shared-data/demo-dataset.ts';

/** The day the seeded dataset describes: its latest scenario. */
function datasetDate(dataset: DemoDataset): string {
  return (
    dataset.scenarios
      .map((s) => s.asOf)
      .sort()
      .at(-1) ?? new Date().toISOString().slice(0, 10)
  );
}

import { Prefill } from './shared-data/prefill.ts';
import { createSimulatedSources, type SimulatedSources } from './shared-data/simulated-sources.ts';
import { TerminalRegistry } from './terminals/terminal-registry.ts';
import { terminalAdminRoutes, terminalSelfRoutes } from './terminals/terminal-routes.ts';
import { UploadStore } from './uploads/upload-store.ts';

const log = createLogger('booth-server');
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const VERSION = (
  JSON.parse(readFileSync(path.join(here, '../package.json'), 'utf8')) as { version: string }
).version;

export interface BoothServerOptions {
  /** The clock for session and kiosk-token expiry (default Date.now); tests move it. */
  now?: () => number;
}

/**
 * The booth server: owns its database, services, HTTP server, socket.io namespaces and media
 * worker pool, and closes them in reverse order.
 */
export class BoothServer {
  readonly config: Config;
  readonly database: Database;
  readonly audit: AuditLog;
  readonly accounts: AccountService;
  readonly terminals: TerminalRegistry;
  readonly fleet: FleetService;
  readonly catalogues: CatalogueRegistry;
  readonly sources: SimulatedSources;
  readonly cases: CaseService;
  readonly ratings: RatingService;
  readonly uploads: UploadStore;
  readonly onething: OneThingService;
  readonly electronicId: ElectronicIdVerifier;
  readonly calls: CallManager;
  readonly booth: BoothService;
  readonly metrics = new Metrics();
  readonly pool: WorkerPool;
  readonly app: Express;
  readonly httpServer: http.Server | https.Server;
  readonly io: IoServer;
  readonly startedAt = Date.now();
  /** The clock sessions and kiosk tokens are judged by; tests inject one. */
  readonly now: () => number;
  /** Encryption and blind indexes of personal columns (CRYPTO_SUITE, DATA_KEYS). */
  readonly cipher: FieldCipher;
  readonly retention: RetentionTimer;
  readonly #realtimeCleanups: (() => void)[] = [];
  #closed = false;

  private constructor(
    config: Config,
    database: Database,
    audit: AuditLog,
    catalogues: CatalogueRegistry,
    dataset: DemoDataset,
    cipher: FieldCipher,
    opts: BoothServerOptions,
  ) {
    this.config = config;
    this.now = opts.now ?? Date.now;
    this.cipher = cipher;
    this.retention = new RetentionTimer(config.RETENTION_CHECK_INTERVAL_MS, [
      { name: 'audit_log', run: () => audit.prune(config.AUDIT_RETENTION_DAYS) },
    ]);
    this.database = database;
    this.audit = audit;
    this.catalogues = catalogues;
    // Shared-data sources are simulated over the seeded dataset until a province's data-sharing
    // APIs are configured; each adapter interface is what such an integration implements.
    this.sources = createSimulatedSources(dataset);
    // The seeded world (a newborn three weeks old, a death last week…) is dated; the simulated
    // sources answer as of that day so its stories stay true whenever the demo runs.
    const sharedDataNow = new Date(
      `${config.SHARED_DATA_AS_OF ?? datasetDate(dataset)}T12:00:00+08:00`,
    );
    this.electronicId = new SimulatedElectronicIdVerifier(dataset.people.map(identityCardOf));
    const prefills = new Map<string, Prefill>();
    const prefill = () => {
      const catalogue = catalogues.current();
      let p = prefills.get(catalogue.version.id);
      if (!p) {
        p = new Prefill(catalogue, this.sources, { now: () => sharedDataNow });
        prefills.set(catalogue.version.id, p);
      }
      return p;
    };
    this.cases = new CaseService(
      database.db,
      audit,
      {
        current: () => caseCatalogueOf(catalogues.current()),
        get: (version) => caseCatalogueOf(catalogues.get(version)),
      },
      undefined,
      cipher,
    );
    this.ratings = new RatingService(database.db, audit, {
      followUpWorkingDays: config.RATING_FOLLOW_UP_WORKING_DAYS,
    });
    this.uploads = new UploadStore(database.db, config.DATA_DIR, undefined, cipher);
    this.onething = new OneThingService({
      catalogue: () => catalogues.current(),
      prefill,
      cases: this.cases,
      uploads: this.uploads,
      publicUrl: () => this.config.PUBLIC_URL ?? this.url,
    });
    this.accounts = new AccountService(
      database.db,
      this.audit,
      {
        sessionTtlMs: config.SESSION_TTL_MINUTES * 60_000,
        maxFailures: config.LOGIN_MAX_FAILURES,
        lockMs: config.LOGIN_LOCK_MINUTES * 60_000,
      },
      this.now,
    );
    this.terminals = new TerminalRegistry(database.db, this.audit, this.now);
    this.fleet = new FleetService(database.db, this.terminals, this.audit, {
      heartbeatIntervalMs: config.HEARTBEAT_INTERVAL_MS,
      offlineAfterMs: config.FLEET_OFFLINE_AFTER_SECONDS * 1000,
      openAfterMs: config.ALERT_OPEN_AFTER_SECONDS * 1000,
      clearAfterMs: config.ALERT_CLEAR_AFTER_SECONDS * 1000,
      diskLowPercent: DEFAULT_ALERT_POLICY.diskLowPercent,
      maxClockSkewMs: DEFAULT_ALERT_POLICY.maxClockSkewMs,
      retentionDays: config.TELEMETRY_RETENTION_DAYS,
    });
    this.pool = new WorkerPool({
      disabled: config.MEDIA_DISABLED,
      workers: config.MEDIA_WORKERS,
      listenIp: config.MEDIA_LISTEN_IP,
      announcedAddress: config.MEDIA_ANNOUNCED_ADDRESS,
      basePort: config.MEDIA_PORT,
    });
    this.calls = new CallManager(this.pool, {
      maxIncomingBitrate: config.MEDIA_MAX_INCOMING_BITRATE,
    });
    this.booth = new BoothService({
      store: new SqlRoutingStore(database.db, database.dialect),
      calls: this.calls,
      terminals: this.terminals,
      catalogue: () => catalogues.current(),
      onething: this.onething,
      ratings: this.ratings,
      audit,
      policy: {
        defaultDepartment: config.HELP_DEFAULT_DEPARTMENT,
        reconnectGraceMs: config.RECONNECT_GRACE_SECONDS * 1000,
        wrapUpSeconds: config.WRAP_UP_SECONDS,
        offerTimeoutSeconds: config.OFFER_TIMEOUT_SECONDS,
        escalateAfterSeconds: config.ESCALATE_AFTER_SECONDS,
      },
    });
    // Maintenance mode is set from the fleet; the routing engine must stop sending work there.
    const maintenance = new Map<string, boolean>();
    this.fleet.on('terminal', (t) => {
      if (maintenance.get(t.id) === t.maintenance) return;
      maintenance.set(t.id, t.maintenance);
      void this.booth.engine.setTerminalMaintenance(t.id, t.maintenance).catch(() => undefined);
    });
    this.app = this.#buildApp();
    this.httpServer =
      config.TLS_CERT_FILE && config.TLS_KEY_FILE
        ? https.createServer(
            { cert: readFileSync(config.TLS_CERT_FILE), key: readFileSync(config.TLS_KEY_FILE) },
            this.app,
          )
        : http.createServer(this.app);
    this.io = new IoServer(this.httpServer, {
      maxHttpBufferSize: MAX_SOCKET_PAYLOAD,
      serveClient: false,
      // A recovered connection runs the handshake middleware again (skipMiddlewares: false):
      // the session or credential it was opened with is checked anew, so a socket whose
      // session ended while its transport was down does not come back.
      connectionStateRecovery: { maxDisconnectionDuration: 60_000, skipMiddlewares: false },
    });
    const deps = {
      accounts: this.accounts,
      terminals: this.terminals,
      fleet: this.fleet,
      metrics: this.metrics,
      booth: this.booth,
      calls: this.calls,
      cases: this.cases,
      onething: this.onething,
      ratings: this.ratings,
      audit: this.audit,
      now: this.now,
      sessionCheckIntervalMs: config.SESSION_CHECK_INTERVAL_MS,
      cleanups: this.#realtimeCleanups,
    };
    wireStaffNamespace(this.io, deps);
    wireKioskNamespace(this.io, deps);
    wireBridgeNamespace(this.io, deps);
  }

  static async create(config: Config, opts: BoothServerOptions = {}): Promise<BoothServer> {
    setLogLevel(config.LOG_LEVEL);
    const database = await Database.open({
      dataDir: config.DATA_DIR,
      databaseUrl: config.DATABASE_URL,
    });
    try {
      const cipher = new FieldCipher(config.CRYPTO_SUITE, loadDataKeys(config));
      const audit = new AuditLog(database.db, opts.now, {
        suite: new CryptoSuite(config.CRYPTO_SUITE),
      });
      const catalogues = await CatalogueRegistry.open(database.db, audit, config.CATALOGUE_DIR);
      const dataset = await loadDemoDataset();
      return new BoothServer(config, database, audit, catalogues, dataset, cipher, opts);
    } catch (e) {
      await database.close();
      throw e;
    }
  }

  get tls(): boolean {
    return this.httpServer instanceof https.Server;
  }

  #buildApp(): Express {
    const app = express();
    app.disable('x-powered-by');
    app.set('trust proxy', 'loopback');
    app.use((req, res, next) => {
      const end = this.metrics.httpDuration.startTimer({ method: req.method });
      res.on('finish', () => {
        const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
        end({ route });
        this.metrics.httpRequests.inc({ method: req.method, route, status: res.statusCode });
      });
      next();
    });
    app.use(
      healthRoutes({
        database: this.database,
        pool: this.pool,
        metrics: this.metrics,
        startedAt: this.startedAt,
        version: VERSION,
      }),
    );
    app.use('/api', express.json({ limit: '256kb' }));
    app.use('/api', staffSession(this.accounts));
    app.use('/api/auth', authRoutes(this.accounts, { secureCookies: this.tls }));
    app.use('/api/admin/accounts', accountRoutes(this.accounts));
    app.use('/api/admin/audit', auditRoutes(this.audit));
    app.use('/api/admin/terminals', terminalAdminRoutes(this.terminals));
    app.use('/api/terminal', terminalSelfRoutes(this.terminals));
    app.use(
      '/api/kiosk',
      kioskRoutes({
        terminals: this.terminals,
        onething: this.onething,
        uploads: this.uploads,
        ratings: this.ratings,
        electronicId: this.electronicId,
        servedBy: (terminalId, callId) => this.booth.servedBy(terminalId, callId),
      }),
    );
    app.use('/api/public', publicRoutes(this.onething));
    app.use('/api/cases', caseRoutes(this.cases));
    app.use('/api/ratings', ratingRoutes(this.ratings));
    app.use('/api/admin/catalogue', catalogueAdminRoutes(this.catalogues));
    app.use('/api', notFound);
    this.#serveApp(
      app,
      '/kiosk',
      this.config.STATIC_DIR_KIOSK ?? path.join(repoRoot, 'kiosk/ui/dist'),
    );
    this.#serveApp(
      app,
      '/agent',
      this.config.STATIC_DIR_AGENT ?? path.join(repoRoot, 'agent-console/dist'),
    );
    // The receipt's QR code: a citizen's phone looks the case up here with the ID's last 4.
    app.get('/status', (_req, res) => res.sendFile(path.join(here, 'onething/public/status.html')));
    app.get('/', (_req, res) => res.redirect('/agent/'));
    app.use(notFound);
    app.use(auditRestRefusals(this.audit));
    app.use(errorHandler);
    return app;
  }

  #serveApp(app: Express, mount: string, dir: string): void {
    const index = path.join(dir, 'index.html');
    app.use(mount, express.static(dir, { index: false, maxAge: '1h' }));
    // Client-side routes fall back to the app's index; a missing build says how to make it.
    app.get(`${mount}{/*rest}`, (_req, res) => {
      if (existsSync(index)) {
        res.set('cache-control', 'no-cache').sendFile(index);
      } else {
        res
          .status(503)
          .type('text/plain')
          .send(`${mount} is not built: run "npm run build" (or "npm start", which builds it).`);
      }
    });
  }

  /** Starts media (never fatal) and listens; resolves with the bound address. */
  async listen(): Promise<AddressInfo> {
    await this.fleet.start();
    this.retention.start();
    await this.booth.start();
    await this.pool.start();
    await new Promise<void>((resolve, reject) => {
      this.httpServer.once('error', reject);
      this.httpServer.listen(this.config.PORT, this.config.HOST, () => {
        this.httpServer.off('error', reject);
        resolve();
      });
    });
    const address = this.httpServer.address() as AddressInfo;
    log.info(
      { port: address.port, host: address.address, tls: this.tls },
      'booth server listening',
    );
    return address;
  }

  get url(): string {
    const address = this.httpServer.address() as AddressInfo | null;
    const host = this.config.HOST === '0.0.0.0' ? '127.0.0.1' : this.config.HOST;
    return `${this.tls ? 'https' : 'http'}://${host}:${address?.port ?? this.config.PORT}`;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.fleet.close();
    await this.retention.close();
    await this.booth.close();
    for (const stop of this.#realtimeCleanups.splice(0)) stop();
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
    this.pool.close();
    await this.database.close();
  }
}
