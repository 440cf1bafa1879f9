import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { MAX_SOCKET_PAYLOAD } from '@onething/contract/wire/contract';
import type { Express } from 'express';
import { Server as IoServer } from 'socket.io';
import { AccountService } from './accounts/account-service.ts';
import { migrateLegacyAdminRoles } from './accounts/legacy-roles.ts';
import { RoleGrants } from './accounts/role-grants.ts';
import { AuditAnchors } from './audit/audit-anchors.ts';
import { AuditLog } from './audit/audit-log.ts';
import { CertificateService } from './certificates/certificate-service.ts';
import { BoothService } from './video-help/booth-service.ts';
import { CallRecordStore } from './video-help/call-record-store.ts';
import { GraceTimers } from './video-help/grace-timers.ts';
import { JobQueue } from './jobs/job-queue.ts';
import { jobDeadlines } from './jobs/job-deadlines.ts';
import { Notices } from './video-help/notices.ts';
import { CaseService } from './cases/case-service.ts';
import { CatalogueRegistry } from './catalogue/catalogue-registry.ts';
import type { Config } from './config/config.ts';
import { CryptoSuite } from './crypto/crypto-suite.ts';
import { loadDataKeys } from './crypto/data-keys.ts';
import { ConsentLedger } from './consent/consent-ledger.ts';
import { FieldCipher } from './crypto/field-cipher.ts';
import { Database } from './db/database.ts';
import { DEFAULT_ALERT_POLICY } from './fleet/alert-rules.ts';
import { FleetService } from './fleet/fleet-service.ts';
import type { AdapterChoice } from './health/health-routes.ts';
import { Metrics } from './health/metrics.ts';
import { ClientAddress } from './http/client-address.ts';
import { RateLimiter, type RateLimits } from './http/rate-limiter.ts';
import { ClusterLink } from './cluster/cluster-link.ts';
import { SharedHits } from './cluster/shared-hits.ts';
import { OriginPolicy } from './http/origin-policy.ts';
import {
  type ElectronicIdVerifier,
  SimulatedElectronicIdVerifier,
} from './identity/electronic-id.ts';
import { createLogger, setLogLevel } from './logging/logger.ts';
import { AttemptCounter } from './limits/attempt-counter.ts';
import type { WorkerPool } from './media/worker-pool.ts';
import type { MediaCalls } from './media-nodes/media-calls.ts';
import { MediaNodes } from './media-nodes/media-nodes.ts';
import { KioskIdentity } from './identity/kiosk-identity.ts';
import { caseCatalogueOf, OneThingService } from './citizen/onething-service.ts';
import { StatusLookup } from './citizen/status-lookup.ts';
import { RetentionTimer } from './retention/retention-timer.ts';
import { RatingService } from './ratings/rating-service.ts';
import { FollowUpService } from './ratings/follow-up-service.ts';
import { KpiService } from './kpis/kpi-service.ts';
import { catalogueNames } from './catalogue/catalogue-names.ts';
import { StaffDirectory } from './staff-directory/staff-directory.ts';
import { FollowUpWatcher } from './ratings/follow-up-watcher.ts';
import { RatingReporter } from './ratings/national-platform/rating-reporter.ts';
import { CallBackQueue } from './call-backs/call-back-queue.ts';
import { ServiceHours } from './call-backs/service-hours.ts';
import { SimulatedSmsGateway } from './sms/simulated-sms-gateway.ts';
import { SmsOutbox } from './sms/sms-outbox.ts';
import { SimulatedRatingPlatform } from './ratings/national-platform/simulated-rating-platform.ts';
import { exponentialBackoff } from '@onething/contract/wire/retry';
import type { StaffProfile } from '@onething/contract/rest/staff';
import { Namespace } from '@onething/contract/sockets/namespaces';
import type { StaffContext } from './realtime/contexts.ts';
import {
  refuseRootNamespace,
  staffRoom,
  wireBridgeNamespace,
  wireKioskNamespace,
  wireStaffNamespace,
} from './realtime/namespaces.ts';
import { SqlRoutingStore } from './routing/sql-routing-store.ts';
import { certificateKey } from './certificates/certificate-key.ts';
import { buildHttpApp } from './http-app.ts';
import { type DemoDataset, identityCardOf, loadDemoDataset } from './data-sharing/demo-dataset.ts';

/** The day the seeded dataset describes: its latest scenario. */
function datasetDate(dataset: DemoDataset): string {
  return (
    dataset.scenarios
      .map((s) => s.asOf)
      .sort()
      .at(-1) ?? new Date().toISOString().slice(0, 10)
  );
}

import { Prefill } from './data-sharing/prefill.ts';
import { createSimulatedSources, type SimulatedSources } from './data-sharing/simulated-sources.ts';
import { TerminalRegistry } from './terminals/terminal-registry.ts';
import { UploadStore } from './uploads/upload-store.ts';

const log = createLogger('booth-server');

/** How often one process reloads the routing mirror to re-arm deadlines a dead process left unstored. */
const ROUTING_RESYNC_MS = 30_000;

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
  /** The audit chain's head, time-stamped and kept outside the database at an interval. */
  readonly anchors: AuditAnchors;
  readonly accounts: AccountService;
  readonly grants: RoleGrants;
  readonly terminals: TerminalRegistry;
  readonly fleet: FleetService;
  readonly catalogues: CatalogueRegistry;
  readonly sources: SimulatedSources;
  readonly cases: CaseService;
  readonly ratings: RatingService;
  readonly followUps: FollowUpService;
  readonly kpis: KpiService;
  readonly directory: StaffDirectory;
  readonly followUpWatcher: FollowUpWatcher;
  /** The national 好差评 platform: simulated until a province configures the real one. */
  readonly ratingPlatform: SimulatedRatingPlatform;
  readonly ratingReporter: RatingReporter;
  /** The SMS gateway: simulated until a deployment configures a provider (SMS_ADAPTER). */
  readonly smsGateway: SimulatedSmsGateway;
  /** Text messages to citizens, retried until the gateway takes them. */
  readonly sms: SmsOutbox;
  readonly status: StatusLookup;
  /** The one place a client address is decided (TRUSTED_PROXIES). */
  readonly clientAddress: ClientAddress;
  readonly origins: OriginPolicy;
  readonly adapters: AdapterChoice;
  readonly uploads: UploadStore;
  readonly onething: OneThingService;
  readonly electronicId: ElectronicIdVerifier;
  readonly identity: KioskIdentity;
  readonly certificates: CertificateService;
  /** Calls' media: placed on media nodes (this process's own, or others in registry mode). */
  readonly calls: MediaCalls;
  readonly media: MediaNodes;
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
  /** Deadlines and periodic work, each run once by one of the processes on the database. */
  readonly jobs: JobQueue;
  /** Cluster mode (REDIS_URL): this process's link to the others; null on one machine. */
  readonly cluster: ClusterLink | null;
  /** Request limits, counted cluster-wide in cluster mode (nginx spreads a client's requests). */
  readonly limits: RateLimits;
  readonly #realtimeCleanups: (() => void)[] = [];
  /** Stops the daily warning about next year's missing holiday calendar. */
  readonly #stopCalendarWarnings: () => void;
  #closed = false;

  private constructor(
    config: Config,
    database: Database,
    audit: AuditLog,
    catalogues: CatalogueRegistry,
    dataset: DemoDataset,
    cipher: FieldCipher,
    cluster: ClusterLink | null,
    opts: BoothServerOptions,
  ) {
    this.config = config;
    this.cluster = cluster;
    const hits = cluster ? new SharedHits(cluster) : null;
    this.limits = (name, limit, windowMs) =>
      new RateLimiter(limit, windowMs, { shared: hits ? { hits, name } : undefined });
    this.now = opts.now ?? Date.now;
    this.cipher = cipher;
    this.jobs = new JobQueue({
      db: database.db,
      dialect: database.dialect,
      pollMs: config.JOBS_POLL_MS,
      leaseMs: config.JOBS_LEASE_MS,
    });
    this.retention = new RetentionTimer(config.RETENTION_CHECK_INTERVAL_MS, [
      { name: 'audit_log', run: () => audit.prune(config.AUDIT_RETENTION_DAYS) },
    ]);
    this.database = database;
    this.audit = audit;
    this.anchors = AuditAnchors.configured(database.db, audit, config);
    this.catalogues = catalogues;
    // Shared-data sources are simulated over the seeded dataset until a province's data-sharing
    // APIs are configured; each adapter interface is what such an integration implements.
    // Production names each adapter explicitly (config); elsewhere the simulations are the
    // default. Only simulated adapters exist so far, and /healthz says so.
    this.adapters = {
      sharedData: config.SHARED_DATA_ADAPTER ?? 'simulated',
      electronicId: config.ELECTRONIC_ID_VERIFIER ?? 'simulated',
      timeStamp: config.TIME_STAMP_AUTHORITY ?? 'simulated',
      sms: config.SMS_ADAPTER ?? 'simulated',
    };
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
    // From October, a missing calendar for next year is named in the log every day.
    this.#stopCalendarWarnings = this.cases.calendar.warnWhileMissing(this.now);
    this.ratings = new RatingService(
      database.db,
      audit,
      {
        followUpWorkingDays: config.RATING_FOLLOW_UP_WORKING_DAYS,
        callBackWorkingDays: config.RATING_CALL_BACK_WORKING_DAYS,
        // 差评 deadlines count the same working days as the cases they are about
        addWorkingDays: (from, days) => this.cases.calendar.addWorkingDays(from, days).dueAt,
      },
      cipher,
      this.now,
    );
    this.followUps = new FollowUpService({
      db: database.db,
      audit,
      cipher,
      names: catalogueNames(() => catalogues.current()),
      now: this.now,
    });
    this.kpis = new KpiService({
      db: database.db,
      names: catalogueNames(() => catalogues.current()),
      refreshSeconds: config.KPI_WALLBOARD_REFRESH_SECONDS,
      now: this.now,
    });
    this.followUpWatcher = new FollowUpWatcher(this.followUps, config.FOLLOW_UP_CHECK_INTERVAL_MS);
    this.ratingPlatform = new SimulatedRatingPlatform();
    this.ratingReporter = new RatingReporter({
      db: database.db,
      platform: this.ratingPlatform,
      nextRetryDelayMs: exponentialBackoff({ initialMs: 5_000, maxMs: 15 * 60_000 }),
      intervalMs: config.RATING_REPORT_INTERVAL_MS,
      now: this.now,
    });
    this.smsGateway = new SimulatedSmsGateway();
    this.sms = new SmsOutbox({
      db: database.db,
      gateway: this.smsGateway,
      cipher,
      nextRetryDelayMs: exponentialBackoff({ initialMs: 5_000, maxMs: 15 * 60_000 }),
      intervalMs: config.SMS_DELIVERY_INTERVAL_MS,
      now: this.now,
    });
    // The citizen hears of a 补正 by text as well as on the status page.
    this.cases.on('correctionRequested', (notice) => {
      this.sms
        .enqueue(database.db, {
          template: 'correctionRequested',
          phone: notice.phone,
          params: {
            caseNumber: notice.caseNumber,
            materials: notice.materials.map((m) => m.zh).join('、'),
            hotline: config.HELP_HOTLINE,
          },
        })
        .then(() => this.sms.deliver())
        .catch((err: unknown) => log.error({ err }, '补正 SMS could not be queued'));
    });
    this.status = new StatusLookup({
      db: database.db,
      cases: this.cases,
      ratings: this.ratings,
      audit,
      policy: {
        freeAttempts: config.STATUS_LOOKUP_FREE_ATTEMPTS,
        windowMs: config.STATUS_LOOKUP_WINDOW_MINUTES * 60_000,
      },
      now: this.now,
    });
    this.uploads = new UploadStore(database.db, config.DATA_DIR, undefined, cipher);
    this.onething = new OneThingService({
      catalogue: () => catalogues.current(),
      prefill,
      cases: this.cases,
      uploads: this.uploads,
      audit,
      consents: new ConsentLedger(database.db),
    });
    this.certificates = new CertificateService({
      db: database.db,
      audit,
      catalogue: () => catalogues.current(),
      publicUrl: () => this.config.PUBLIC_URL ?? this.url,
      key: certificateKey(config),
      now: this.now,
    });
    this.accounts = new AccountService(
      database.db,
      this.audit,
      {
        sessionTtlMs: config.SESSION_TTL_MINUTES * 60_000,
        signIn: {
          pairFree: config.LOGIN_PAIR_FREE_ATTEMPTS,
          accountFree: config.LOGIN_ACCOUNT_FREE_ATTEMPTS,
          addressFree: config.LOGIN_ADDRESS_FREE_ATTEMPTS,
          windowMs: config.LOGIN_WINDOW_MINUTES * 60_000,
          delayBaseMs: config.LOGIN_DELAY_BASE_MS,
          delayMaxMs: config.LOGIN_DELAY_MAX_MS,
          scryptConcurrency: config.LOGIN_SCRYPT_CONCURRENCY,
          scryptQueue: config.LOGIN_SCRYPT_QUEUE,
        },
        refuseDemoAccounts: config.ONETHING_MODE === 'production',
      },
      this.now,
    );
    this.grants = new RoleGrants(database.db, this.audit, this.accounts, this.now);
    this.terminals = new TerminalRegistry(database.db, this.audit, this.now);
    this.identity = new KioskIdentity({
      db: database.db,
      audit,
      terminals: this.terminals,
      verifier: this.electronicId,
      cipher,
      now: this.now,
    });
    this.fleet = new FleetService(database.db, this.terminals, this.audit, {
      heartbeatIntervalMs: config.HEARTBEAT_INTERVAL_MS,
      offlineAfterMs: config.FLEET_OFFLINE_AFTER_SECONDS * 1000,
      openAfterMs: config.ALERT_OPEN_AFTER_SECONDS * 1000,
      clearAfterMs: config.ALERT_CLEAR_AFTER_SECONDS * 1000,
      diskLowPercent: DEFAULT_ALERT_POLICY.diskLowPercent,
      maxClockSkewMs: DEFAULT_ALERT_POLICY.maxClockSkewMs,
      retentionDays: config.TELEMETRY_RETENTION_DAYS,
    });
    this.media = new MediaNodes({
      config,
      db: database.db,
      url: () => this.url,
      signalling: true,
    });
    this.pool = this.media.pool;
    this.calls = this.media.calls;
    this.booth = new BoothService({
      store: new SqlRoutingStore(database.db, database.dialect),
      calls: this.calls,
      terminals: this.terminals,
      catalogue: () => catalogues.current(),
      onething: this.onething,
      ratings: this.ratings,
      audit,
      records: new CallRecordStore(database.db, cipher),
      grace: new GraceTimers(this.jobs, { graceMs: config.RECONNECT_GRACE_SECONDS * 1000 }),
      deadlines: jobDeadlines(this.jobs),
      notices: new Notices(database.db),
      caseAccess: this.cases.access,
      identity: this.identity,
      callBacks: new CallBackQueue({
        db: database.db,
        cipher,
        audit,
        sms: this.sms,
        catalogue: () => catalogues.current(),
        hotline: config.HELP_HOTLINE,
        now: this.now,
      }),
      now: this.now,
      staffElsewhere: cluster ? (id) => this.#staffElsewhere(id) : undefined,
      policy: {
        serviceHours: new ServiceHours(config.HELP_SERVICE_HOURS),
        hotline: config.HELP_HOTLINE,
        defaultDepartment: config.HELP_DEFAULT_DEPARTMENT,
        reconnectGraceMs: config.RECONNECT_GRACE_SECONDS * 1000,
        wrapUpSeconds: config.WRAP_UP_SECONDS,
        offerTimeoutSeconds: config.OFFER_TIMEOUT_SECONDS,
        escalateAfterSeconds: config.ESCALATE_AFTER_SECONDS,
      },
    });
    this.directory = new StaffDirectory({
      db: database.db,
      presence: async () =>
        new Map((await this.booth.engine.snapshot()).agents.map((a) => [a.id, a.state])),
      departmentName: (code) => catalogues.current().department(code)?.name,
    });
    // Maintenance mode is set from the fleet; the routing engine must stop sending work there.
    const maintenance = new Map<string, boolean>();
    this.fleet.on('terminal', (t) => {
      if (maintenance.get(t.id) === t.maintenance) return;
      maintenance.set(t.id, t.maintenance);
      void this.booth.engine.setTerminalMaintenance(t.id, t.maintenance).catch(() => undefined);
    });
    this.clientAddress = new ClientAddress(config.TRUSTED_PROXIES);
    this.origins = new OriginPolicy({
      publicUrl: config.PUBLIC_URL,
      allowedOrigins: config.ALLOWED_ORIGINS,
      audit,
      clientAddress: this.clientAddress,
    });
    this.app = buildHttpApp(this);
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
      // A handshake from a foreign page (a browser always sends Origin) is refused before any
      // namespace sees it.
      allowRequest: this.origins.socketHandshake(this.tls),
      // Cluster mode: rooms, notifications and recovery sessions span every process.
      ...(cluster ? { adapter: cluster.adapter() } : {}),
    });
    this.#wireCluster();
    refuseRootNamespace(this.io, audit, this.clientAddress);
    // A caller without the media nodes' secret is refused and audited, as any refused socket.
    this.media.serve(this.io, (from, req) => {
      void audit
        .record({
          actorType: 'system',
          actorId: null,
          action: 'socket.refused',
          targetType: 'namespace',
          targetId: '/media-node',
          ip: this.clientAddress.of(req),
          details: { from },
        })
        .catch(() => undefined);
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
      followUpWatcher: this.followUpWatcher,
      identity: this.identity,
      audit: this.audit,
      clientAddress: this.clientAddress,
      now: this.now,
      sessionCheckIntervalMs: config.SESSION_CHECK_INTERVAL_MS,
      cleanups: this.#realtimeCleanups,
      clusterReachable: cluster ? () => cluster.up : undefined,
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
    let cluster: ClusterLink | null = null;
    try {
      if (config.REDIS_URL) {
        cluster = await ClusterLink.open({
          url: config.REDIS_URL,
          node: config.CLUSTER_NODE_NAME,
          prefix: config.REDIS_KEY_PREFIX,
        });
      }
      const cipher = new FieldCipher(config.CRYPTO_SUITE, loadDataKeys(config));
      const audit = new AuditLog(database.db, opts.now, {
        suite: new CryptoSuite(config.CRYPTO_SUITE),
      });
      await migrateLegacyAdminRoles(database.db, audit, opts.now);
      const catalogues = await CatalogueRegistry.open(database.db, audit, config.CATALOGUE_DIR);
      const dataset = await loadDemoDataset();
      return new BoothServer(config, database, audit, catalogues, dataset, cipher, cluster, opts);
    } catch (e) {
      await cluster?.close();
      await database.close();
      throw e;
    }
  }

  /**
   * Whether the server speaks HTTPS — from the configuration, because the app (and its cookie
   * flags) is built before the HTTPS server exists.
   */
  get tls(): boolean {
    return Boolean(this.config.TLS_CERT_FILE && this.config.TLS_KEY_FILE);
  }

  /** Cookies are Secure under TLS here or at a TLS-terminating proxy (an https PUBLIC_URL). */
  get secureCookies(): boolean {
    return this.tls || (this.config.PUBLIC_URL?.startsWith('https:') ?? false);
  }

  /** Starts media (never fatal) and listens; resolves with the bound address. */
  async listen(): Promise<AddressInfo> {
    await this.fleet.start();
    await this.jobs.every('fleet.prune', 3_600_000, () => this.fleet.prune(), Date.now());
    await this.#sweepAttempts();
    await this.retention.start(this.jobs);
    // A periodic job: one process of a cluster anchors each turn (its host keeps the file).
    await this.jobs.every('audit.anchor', this.config.AUDIT_ANCHOR_INTERVAL_MS, () =>
      this.anchors.anchor(),
    );
    await this.followUpWatcher.start(this.jobs);
    await this.ratingReporter.start(this.jobs);
    await this.sms.start(this.jobs);
    // Media first: the booth reopens a room for every call that was connected at the last stop.
    await this.media.start();
    await this.booth.start();
    // A process that died between a routing commit and storing its deadline leaves the change
    // without it; any engine reloading re-arms every deadline, so one does every so often.
    await this.jobs.every('routing.resync', ROUTING_RESYNC_MS, () => this.booth.engine.start());
    // Deadlines run once the booth has restored its tickets and calls.
    this.jobs.start();
    await new Promise<void>((resolve, reject) => {
      this.httpServer.once('error', reject);
      this.httpServer.listen(this.config.PORT, this.config.HOST, () => {
        this.httpServer.off('error', reject);
        resolve();
      });
    });
    // A media node is announced once its control URL (this server) answers.
    await this.media.announce();
    const address = this.httpServer.address() as AddressInfo;
    log.info(
      { port: address.port, host: address.address, tls: this.tls },
      'booth server listening',
    );
    return address;
  }

  /**
   * What one process changes that the others hold in memory: a published catalogue version is
   * announced (socket.io server-side emit through Redis) and each process loads it; after a
   * Redis outage each process looks for versions it missed.
   */
  #wireCluster(): void {
    const cluster = this.cluster;
    if (!cluster) return;
    const refresh = () =>
      void this.catalogues.refresh().catch((err: unknown) => {
        log.error({ err }, 'catalogue refresh failed');
      });
    this.catalogues.on('published', (id) => this.io.serverSideEmit('catalogue:published', id));
    this.io.on('catalogue:published', refresh);
    cluster.on('state', (state) => {
      if (state === 'up') refresh();
    });
  }

  /** A colleague's profile from the socket they hold on another process (cluster mode). */
  async #staffElsewhere(staffId: string): Promise<StaffProfile | undefined> {
    if (!this.cluster?.up) return undefined;
    const found = await this.io
      .of(Namespace.Staff)
      .in(staffRoom(staffId))
      .fetchSockets()
      .catch(() => []);
    return (found[0]?.data as StaffContext | undefined)?.staff;
  }

  /** Attempt counters whose longest window has passed are forgotten every quarter hour. */
  #sweepAttempts(): Promise<void> {
    const counter = new AttemptCounter(this.database.db, this.now);
    const longest =
      Math.max(this.config.LOGIN_WINDOW_MINUTES, this.config.STATUS_LOOKUP_WINDOW_MINUTES) * 60_000;
    return this.jobs.every('limits.attemptSweep', 15 * 60_000, () =>
      counter.sweep(this.now() - longest),
    );
  }

  get url(): string {
    const address = this.httpServer.address() as AddressInfo | null;
    const host = this.config.HOST === '0.0.0.0' ? '127.0.0.1' : this.config.HOST;
    return `${this.tls ? 'https' : 'http'}://${host}:${address?.port ?? this.config.PORT}`;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // The booth's first, synchronous step stops reconnect graces, so the sockets this stop
    // drops start none (the next start gives each a full one).
    const booth = this.booth.close();
    // No deadline or sweep starts on parts being closed; running ones finish (a deadline that
    // meets the closed engine fails and is retried by the next process).
    await this.jobs.close();
    await booth;
    this.fleet.close();
    this.#stopCalendarWarnings();
    await this.retention.close();
    await this.followUpWatcher.close();
    await this.ratingReporter.close();
    await this.sms.close();
    for (const stop of this.#realtimeCleanups.splice(0)) stop();
    await this.media.close();
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
    await this.cluster?.close();
    await this.database.close();
  }
}
