import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Booth-server configuration. Sources, later wins: defaults → JSON file (BOOTH_CONFIG) →
 * environment. Every key has one name, used as-is in the file and in the environment.
 */
const bool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', 'yes', 'no'])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

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
    TLS_CERT_FILE: z.string().min(1).optional(),
    TLS_KEY_FILE: z.string().min(1).optional(),
    SESSION_TTL_MINUTES: int(1, 7 * 24 * 60).default(8 * 60),
    /**
     * How often open sockets are checked against their session's or kiosk token's expiry; an
     * expired session's sockets are disconnected within this interval (must stay under 2 s).
     */
    SESSION_CHECK_INTERVAL_MS: int(100, 2000).default(1000),
    LOGIN_MAX_FAILURES: int(1, 100).default(5),
    LOGIN_LOCK_MINUTES: int(1, 24 * 60).default(15),
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
    /** How often device bridges send heartbeats; the server tells each bridge on every ack. */
    HEARTBEAT_INTERVAL_MS: int(100, 300_000).default(15_000),
    FLEET_OFFLINE_AFTER_SECONDS: int(10, 3600).default(60),
    ALERT_OPEN_AFTER_SECONDS: int(0, 3600).default(20),
    ALERT_CLEAR_AFTER_SECONDS: int(0, 3600).default(30),
    TELEMETRY_RETENTION_DAYS: int(1, 3650).default(30),
    RATING_FOLLOW_UP_WORKING_DAYS: int(1, 30).default(5),
    HELP_DEFAULT_DEPARTMENT: z
      .string()
      .regex(/^[A-Z][A-Z0-9]{1,11}$/)
      .default('PSB'),
    RECONNECT_GRACE_SECONDS: int(1, 600).default(20),
    WRAP_UP_SECONDS: int(0, 3600).default(30),
    OFFER_TIMEOUT_SECONDS: int(5, 600).default(20),
    ESCALATE_AFTER_SECONDS: int(5, 86_400).default(60),
    SHARED_DATA_AS_OF: z.iso.date().optional(),
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
  })
  .superRefine((c, ctx) => {
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
