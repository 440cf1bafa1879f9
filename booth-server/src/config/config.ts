import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { ServiceHoursSchema } from '../call-backs/service-hours.ts';

/**
 * Booth-server configuration. Sources, later wins: defaults → JSON file (BOOTH_CONFIG) →
 * environment. Every key has one name, used as-is in the file and in the environment.
 */
const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const list = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : v;
const addressList = z.preprocess(
  list,
  z.array(
    z.string().refine((a) => {
      const [addr = '', bits, extra] = a.split('/');
      const v = isIP(addr);
      if (!v || extra !== undefined) return false;
      return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (v === 4 ? 32 : 128));
    }, 'each entry an IPv4/IPv6 address or CIDR range, e.g. 10.0.0.0/8'),
  ),
);
const originList = z.preprocess(
  list,
  z.array(z.url().refine((u) => new URL(u).origin === u, 'each entry an origin, e.g. https://a.b')),
);

export const ConfigSchema = z
  .object({
    ONETHING_MODE: z.enum(['demo', 'production', 'test']).default('demo'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: int(0, 65535).default(8080),
    PUBLIC_URL: z.url().optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(
        /^(postgres(ql)?:\/\/|sqlite:)/,
        'must start with postgres://, postgresql:// or sqlite:',
      )
      .optional(),
    /**
     * Cluster mode: several booth-server processes share PostgreSQL (DATABASE_URL, required) and
     * this Redis (socket.io Streams adapter, cluster-wide rate limits, cross-process notices).
     * Unset: one process, SQLite by default, no Redis.
     */
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
    /** Put before every Redis key and stream of this cluster (several clusters, one Redis). */
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/)
      .default('onething:'),
    /** This process's name in the cluster (logs, /healthz); default host name and PID. */
    CLUSTER_NODE_NAME: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/)
      .optional(),
    TLS_CERT_FILE: z.string().min(1).optional(),
    TLS_KEY_FILE: z.string().min(1).optional(),
    SESSION_TTL_MINUTES: int(1, 7 * 24 * 60).default(8 * 60),
    /**
     * How often open sockets are checked against their session's or kiosk token's expiry; an
     * expired session's sockets are disconnected within this interval (must stay under 2 s).
     */
    SESSION_CHECK_INTERVAL_MS: int(100, 2000).default(1000),
    /**
     * Proxies whose `X-Forwarded-For` is believed (addresses or CIDR ranges, comma-separated).
     * Empty: the peer address is the client, whatever the header says.
     */
    TRUSTED_PROXIES: addressList.default([]),
    /** Sign-in: attempts from one address at one account before the progressive delay. */
    LOGIN_PAIR_FREE_ATTEMPTS: int(1, 100).default(5),
    /** Sign-in: attempts at one account from all addresses (a spread-out guesser). */
    LOGIN_ACCOUNT_FREE_ATTEMPTS: int(1, 1000).default(20),
    /** Sign-in: attempts from one address at all accounts; higher, a hall's staff share a NAT. */
    LOGIN_ADDRESS_FREE_ATTEMPTS: int(1, 10_000).default(20),
    /** How long the sign-in counters remember attempts, from a key's first attempt. */
    LOGIN_WINDOW_MINUTES: int(1, 24 * 60).default(15),
    /** The first delay once a limit is reached; each further attempt doubles it, up to the max. */
    LOGIN_DELAY_BASE_MS: int(100, 3_600_000).default(1000),
    LOGIN_DELAY_MAX_MS: int(1000, 86_400_000).default(15 * 60_000),
    /** Password hashes (scrypt, 32 MiB each) running at once, and sign-ins waiting for one. */
    LOGIN_SCRYPT_CONCURRENCY: int(1, 64).default(2),
    LOGIN_SCRYPT_QUEUE: int(0, 1000).default(8),
    /** Public status lookup: tries per case number per window (the ID's last four). */
    STATUS_LOOKUP_FREE_ATTEMPTS: int(1, 100).default(5),
    STATUS_LOOKUP_WINDOW_MINUTES: int(1, 24 * 60).default(60),
    /** Origins besides the server's own (and PUBLIC_URL's) allowed to send state changes. */
    ALLOWED_ORIGINS: originList.default([]),
    /** `/metrics` with `Authorization: Bearer <token>`; without a token, loopback only. */
    METRICS_TOKEN: z.string().min(24, 'at least 24 characters').optional(),
    METRICS_ALLOW_LOOPBACK: bool.default(true),
    /**
     * Which shared-data sources and which CTID verifier the server uses. Only simulated ones
     * exist so far; production must name them explicitly, so nobody runs on simulations by
     * accident.
     */
    SHARED_DATA_ADAPTER: z.enum(['simulated']).optional(),
    ELECTRONIC_ID_VERIFIER: z.enum(['simulated']).optional(),
    /** The RFC 3161 time-stamp authority that anchors the audit chain's head. */
    TIME_STAMP_AUTHORITY: z.enum(['simulated']).optional(),
    LOG_LEVEL: z
      .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
      .default('info'),
    SEED_DEMO: bool.optional(),
    CATALOGUE_DIR: z.string().min(1).optional(),
    MEDIA_DISABLED: bool.default(false),
    MEDIA_WORKERS: int(0, 64).default(0),
    MEDIA_LISTEN_IP: z.string().min(1).default('127.0.0.1'),
    MEDIA_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
    MEDIA_PORT: int(1024, 65000).default(40000),
    MEDIA_MAX_INCOMING_BITRATE: int(100_000, 50_000_000).default(2_500_000),
    /**
     * Where calls' media lives: `local` — this process's own workers, nothing announced (one
     * machine); `registry` — media nodes announce themselves in the database (`media_nodes`)
     * and each call is placed on a live node of its parties' regions (docs/architecture.md,
     * "Media nodes").
     */
    MEDIA_NODES: z.enum(['local', 'registry']).default('local'),
    /** In registry mode: whether this booth server is a media node itself (else signalling only). */
    MEDIA_NODE_SERVE: bool.default(true),
    /** This node's id in `media_nodes`; default `<hostname>:<PORT>`. */
    MEDIA_NODE_ID: z
      .string()
      .regex(/^[\w.-]{1,64}$/, 'letters, digits, . _ - (at most 64)')
      .optional(),
    /** The region (行政区划 code) this node serves; empty: any region, used when none matches. */
    MEDIA_NODE_REGION: z.string().max(12).default(''),
    /** Where signalling processes and other nodes reach this node's /media-node namespace. */
    MEDIA_NODE_CONTROL_URL: z.url().optional(),
    /** Shared by all nodes and signalling processes; required in registry mode. */
    MEDIA_NODE_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    MEDIA_NODE_HEARTBEAT_MS: int(200, 60_000).default(5_000),
    /** A node silent this long is dead: its calls move to a live node. */
    MEDIA_NODE_DEAD_AFTER_MS: int(500, 600_000).default(15_000),
    /** Pipe transports between nodes: listen IP and the address other nodes send to. */
    MEDIA_PIPE_LISTEN_IP: z.string().min(1).optional(),
    MEDIA_PIPE_ANNOUNCED_ADDRESS: z.string().min(1).optional(),
    /** Encrypt the RTP between nodes (SRTP on the pipe transports); for links outside a LAN. */
    MEDIA_PIPE_SRTP: bool.default(false),
    /** How often device bridges send heartbeats; the server tells each bridge on every ack. */
    HEARTBEAT_INTERVAL_MS: int(100, 300_000).default(15_000),
    FLEET_OFFLINE_AFTER_SECONDS: int(10, 3600).default(60),
    ALERT_OPEN_AFTER_SECONDS: int(0, 3600).default(20),
    ALERT_CLEAR_AFTER_SECONDS: int(0, 3600).default(30),
    TELEMETRY_RETENTION_DAYS: int(1, 3650).default(30),
    /** 差评 follow-up: working days to put it right, and to call the citizen back first. */
    RATING_FOLLOW_UP_WORKING_DAYS: int(1, 30).default(15),
    RATING_CALL_BACK_WORKING_DAYS: int(1, 30).default(1),
    /** How often follow-up deadlines are checked (overdue steps alert supervisors). */
    FOLLOW_UP_CHECK_INTERVAL_MS: int(100, 3_600_000).default(60_000),
    /** How often the queue of reports to the national 好差评 platform is delivered. */
    RATING_REPORT_INTERVAL_MS: int(100, 3_600_000).default(30_000),
    /** How often the KPI wallboard reloads when nothing new arrives over the socket. */
    KPI_WALLBOARD_REFRESH_SECONDS: int(5, 3600).default(60),
    HELP_DEFAULT_DEPARTMENT: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{1,11}$/)
      .default('PSB'),
    /**
     * When video help answers, in China time: `DAYS HH:MM-HH:MM` openings joined by `;`, DAYS an
     * ISO weekday (1 = Monday) or a range. Outside them the kiosk offers a call-back and the hotline.
     */
    HELP_SERVICE_HOURS: ServiceHoursSchema.default([
      { days: [1, 2, 3, 4, 5], from: 9 * 60, to: 12 * 60 },
      { days: [1, 2, 3, 4, 5], from: 13 * 60 + 30, to: 17 * 60 + 30 },
    ]),
    /** The hotline the kiosk names when video help cannot answer (政务服务便民热线). */
    HELP_HOTLINE: z
      .string()
      .regex(/^[0-9-]{3,20}$/)
      .default('12345'),
    /**
     * Which SMS gateway texts citizens (call-back booked, 补正 requested). Only a simulated one
     * exists so far; production must name it, like the shared-data adapters.
     */
    SMS_ADAPTER: z.enum(['simulated']).optional(),
    /** How often the queue of text messages is delivered (failed ones are retried with back-off). */
    SMS_DELIVERY_INTERVAL_MS: int(100, 3_600_000).default(10_000),
    RECONNECT_GRACE_SECONDS: int(1, 600).default(20),
    WRAP_UP_SECONDS: int(0, 3600).default(30),
    OFFER_TIMEOUT_SECONDS: int(5, 600).default(20),
    ESCALATE_AFTER_SECONDS: int(5, 86_400).default(60),
    SHARED_DATA_AS_OF: z.iso.date().optional(),
    /**
     * Key of the digest (HMAC-SHA256) stored with each certificate and carried in its QR code;
     * at least 32 characters. Required in production; elsewhere a random key is kept in
     * DATA_DIR/certificate-hmac.key (0600).
     */
    CERTIFICATE_HMAC_KEY: z.string().min(32).optional(),
    STATIC_DIR_KIOSK: z.string().min(1).optional(),
    STATIC_DIR_AGENT: z.string().min(1).optional(),
    /** sm: SM4 + SM3 (national algorithms, 密评); intl: AES-256-GCM + SHA-256. */
    CRYPTO_SUITE: z.enum(['sm', 'intl']).default('sm'),
    /** Data keys for personal fields at rest: `id=base64,id=base64`, 32 bytes each. */
    DATA_KEYS: z.string().min(1).optional(),
    DATA_KEY_ID: z.string().min(1).optional(),
    DATA_INDEX_KEY: z.string().min(1).optional(),
    /** 等保 2.0 asks for at least six months of audit trail. */
    AUDIT_RETENTION_DAYS: z.coerce
      .number()
      .int()
      .min(180, 'must be at least 180 days (等保 2.0 keeps audit six months)')
      .max(36_500)
      .default(180),
    /** How often retention (audit, telemetry, dead letters) is enforced. */
    RETENTION_CHECK_INTERVAL_MS: int(1000, 24 * 60 * 60_000).default(60 * 60_000),
    /**
     * How often the audit chain's head is time-stamped and written outside the database; what
     * is deleted from the end of the log after the last anchor is what can go unnoticed.
     */
    AUDIT_ANCHOR_INTERVAL_MS: int(1000, 24 * 60 * 60_000).default(15 * 60_000),
    /** The append-only file anchors are written to (default DATA_DIR/audit-anchors.jsonl). */
    AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
    /**
     * How often a process looks at the job table for deadlines armed elsewhere and for leases
     * that ran out; a deadline it knows of wakes it on time regardless.
     */
    JOBS_POLL_MS: int(50, 60_000).default(500),
    /** How long a claimed job is held for its process (renewed while it runs). */
    JOBS_LEASE_MS: int(1000, 10 * 60_000).default(10_000),
  })
  .superRefine((c, ctx) => {
    if (c.ONETHING_MODE === 'production') {
      if (c.SEED_DEMO) {
        ctx.addIssue({
          code: 'custom',
          path: ['SEED_DEMO'],
          message: 'production never seeds demo data or demo credentials; remove SEED_DEMO',
        });
      }
      for (const key of [
        'SHARED_DATA_ADAPTER',
        'ELECTRONIC_ID_VERIFIER',
        'TIME_STAMP_AUTHORITY',
        'SMS_ADAPTER',
      ] as const) {
        if (!c[key]) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message:
              'production must name this adapter explicitly (only "simulated" exists so far)',
          });
        }
      }
    }
    if (c.REDIS_URL && !/^postgres(ql)?:\/\//.test(c.DATABASE_URL ?? '')) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_URL'],
        message:
          'cluster mode (REDIS_URL) needs PostgreSQL: set DATABASE_URL=postgres://…, or unset REDIS_URL for one machine on SQLite',
      });
    }
    // Each process must read what another sealed or signed: generated per-DATA_DIR keys
    // would differ from machine to machine.
    if (c.REDIS_URL) {
      for (const key of ['DATA_KEYS', 'DATA_INDEX_KEY', 'CERTIFICATE_HMAC_KEY'] as const) {
        if (!c[key]) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: 'cluster mode (REDIS_URL) needs the same value on every booth server',
          });
        }
      }
    }
    if (Boolean(c.TLS_CERT_FILE) !== Boolean(c.TLS_KEY_FILE)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE'],
        message: 'TLS_CERT_FILE and TLS_KEY_FILE must be given together',
      });
    }
    if (c.FLEET_OFFLINE_AFTER_SECONDS * 1000 < 2 * c.HEARTBEAT_INTERVAL_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['FLEET_OFFLINE_AFTER_SECONDS'],
        message: 'must cover at least two heartbeat intervals (HEARTBEAT_INTERVAL_MS)',
      });
    }
    if (c.ONETHING_MODE === 'production' && !c.CERTIFICATE_HMAC_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['CERTIFICATE_HMAC_KEY'],
        message: 'required in production (certificates are verified with it)',
      });
    }
    if (c.MEDIA_NODES === 'registry' && !c.MEDIA_NODE_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEDIA_NODE_SECRET'],
        message:
          'required when MEDIA_NODES is registry (nodes and signalling authenticate with it)',
      });
    }
    if (c.MEDIA_NODE_DEAD_AFTER_MS < 2 * c.MEDIA_NODE_HEARTBEAT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEDIA_NODE_DEAD_AFTER_MS'],
        message: 'must cover at least two heartbeats (MEDIA_NODE_HEARTBEAT_MS)',
      });
    }
    if (c.MEDIA_LISTEN_IP === '0.0.0.0' && !c.MEDIA_ANNOUNCED_ADDRESS) {
      ctx.addIssue({
        code: 'custom',
        path: ['MEDIA_ANNOUNCED_ADDRESS'],
        message: 'required when MEDIA_LISTEN_IP is 0.0.0.0 (browsers need a reachable address)',
      });
    }
  });

export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const KEYS = Object.keys(ConfigSchema.shape) as (keyof Config)[];

/** Loads and validates configuration; throws ConfigError with one line naming the key. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<keyof Config, unknown>> = {},
): Config {
  const raw: Record<string, unknown> = {};
  const file = env.BOOTH_CONFIG;
  if (file) {
    if (!existsSync(file)) throw new ConfigError(`config file ${file}: not found (BOOTH_CONFIG)`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`config file ${file}: not valid JSON (${(e as Error).message})`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ConfigError(`config file ${file}: must hold a JSON object of KEY: value`);
    }
    for (const [k, v] of Object.entries(parsed)) {
      if (!KEYS.includes(k as keyof Config)) {
        throw new ConfigError(`config file ${file}: unknown key ${k}`);
      }
      raw[k] = v;
    }
  }
  for (const k of KEYS) {
    const v = env[k];
    if (v !== undefined && v !== '') raw[k] = v;
  }
  Object.assign(raw, overrides);
  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = issue?.path.join('.') || '(config)';
    const got = issue?.path[0] !== undefined ? raw[String(issue.path[0])] : undefined;
    const shown = got === undefined ? '' : ` (got ${JSON.stringify(got)})`;
    throw new ConfigError(`config ${key}: ${issue?.message ?? 'invalid'}${shown}`);
  }
  const config = result.data;
  for (const k of ['TLS_CERT_FILE', 'TLS_KEY_FILE'] as const) {
    const p = config[k];
    if (p && !existsSync(p)) throw new ConfigError(`config ${k}: file ${p} does not exist`);
  }
  config.DATA_DIR = path.resolve(config.DATA_DIR);
  return config;
}
