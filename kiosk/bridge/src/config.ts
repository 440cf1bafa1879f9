import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TerminalId } from '@onething/contract/rest/terminals';
import { z } from 'zod';
import { MIAXIS_PRODUCT_ID, MIAXIS_VENDOR_ID } from './devices/id-card/hid-wrapper.ts';
import { HID_POS_USAGE_PAGE } from './devices/scanner/hid-pos.ts';

export type HardwareMode = 'simulated' | 'hid';

export interface BridgeConfig {
  /** Booth server base URL, without a trailing slash. */
  serverUrl: string;
  /** Absolute; holds the credential, the local token, the print queue and the outbox. */
  dataDir: string;
  hardware: HardwareMode;
  local: { host: string; port: number };
  /** Used once, when no credential is stored yet. */
  enrolment: { terminalId: string; code: string } | null;
  /** The kiosk UI address the launcher opens (printed with the token fragment). */
  kioskUrl: string;
  /** The only browser origin allowed to use the local API. */
  kioskOrigin: string;
  /** CUPS queue for A4 documents; null means no A4 printer at this terminal. */
  a4Queue: string | null;
  /** people.yaml of the demo dataset, for sim:placeCard { personId }. */
  demoPeople: string | null;
  hid: {
    reader: { vendorId: number; productId: number };
    /** vendorId null: any vendor's HID POS interface (found by usage page). */
    scanner: { vendorId: number | null; productId: number | null; usagePage: number };
    /** The receipt printer's device file (USB printer class). */
    receiptDevice: string;
  };
  logLevel: string;
}

/** A configuration problem, in one line that names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly key: string;

  constructor(key: string, problem: string) {
    super(`${key}: ${problem}`);
    this.key = key;
  }
}

/** Next to the monorepo's booth server; only used when that file exists (a checkout). */
const REPO_DEMO_PEOPLE = fileURLToPath(
  new URL('../../../booth-server/catalogue/demo-data/people.yaml', import.meta.url),
);

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optional = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s);

const HttpUrl = z
  .string()
  .trim()
  .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
    message: 'must be an http:// or https:// URL',
  });

const HexId = z
  .string()
  .trim()
  .regex(/^(0x)?[0-9a-fA-F]{1,4}$/, 'must be a hexadecimal USB id such as 10c4')
  .transform((v) => Number.parseInt(v.replace(/^0x/i, ''), 16));

/** 127.0.0.0/8, ::1 or localhost: the local API must never be reachable from the network. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

const EnvSchema = z.object({
  BRIDGE_SERVER_URL: HttpUrl,
  BRIDGE_DATA_DIR: z.string().trim().min(1).default('./data/bridge'),
  BRIDGE_HARDWARE: z.enum(['simulated', 'hid']).default('simulated'),
  BRIDGE_LOCAL_HOST: z
    .string()
    .trim()
    .default('127.0.0.1')
    .refine(isLoopbackHost, 'must be a loopback address (127.0.0.1, ::1 or localhost)'),
  BRIDGE_LOCAL_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be 0-65535')
    .max(65535, 'must be 0-65535')
    .default(7071),
  BRIDGE_TERMINAL_ID: TerminalId.optional(),
  BRIDGE_ENROLMENT_CODE: z.string().trim().min(8, 'must be 8-64 characters').max(64).optional(),
  BRIDGE_KIOSK_URL: HttpUrl.optional(),
  BRIDGE_KIOSK_ORIGIN: HttpUrl.optional(),
  BRIDGE_A4_QUEUE: z
    .string()
    .trim()
    .regex(/^[^\s/#]+$/, 'must be a CUPS queue name (no spaces, / or #)')
    .optional(),
  BRIDGE_DEMO_PEOPLE: z.string().trim().optional(),
  BRIDGE_READER_VID: HexId.optional(),
  BRIDGE_READER_PID: HexId.optional(),
  BRIDGE_SCANNER_VID: HexId.optional(),
  BRIDGE_SCANNER_PID: HexId.optional(),
  BRIDGE_SCANNER_USAGE_PAGE: HexId.optional(),
  BRIDGE_RECEIPT_DEVICE: z
    .string()
    .trim()
    .refine((v) => path.isAbsolute(v), 'must be an absolute device path such as /dev/usb/lp0')
    .default('/dev/usb/lp0'),
  BRIDGE_LOG_LEVEL: z.enum(LEVELS).optional(),
  LOG_LEVEL: z.enum(LEVELS).optional(),
});

const KEYS = Object.keys(EnvSchema.shape) as (keyof typeof EnvSchema.shape)[];

/**
 * Reads the bridge's settings from the environment. Throws ConfigError naming the first bad
 * variable; blank values count as unset.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): BridgeConfig {
  const input: Record<string, string | undefined> = {};
  for (const key of KEYS) input[key] = optional(env[key]);
  const parsed = EnvSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'environment');
    const problem =
      issue?.code === 'invalid_type' && input[key] === undefined
        ? 'is required'
        : (issue?.message ?? 'is not valid');
    throw new ConfigError(key, problem);
  }
  const e = parsed.data;
  const serverUrl = e.BRIDGE_SERVER_URL.replace(/\/+$/, '');

  if ((e.BRIDGE_TERMINAL_ID === undefined) !== (e.BRIDGE_ENROLMENT_CODE === undefined)) {
    const missing =
      e.BRIDGE_TERMINAL_ID === undefined ? 'BRIDGE_TERMINAL_ID' : 'BRIDGE_ENROLMENT_CODE';
    throw new ConfigError(missing, 'is required together with the other enrolment setting');
  }
  const kioskUrl = e.BRIDGE_KIOSK_URL ?? `${serverUrl}/kiosk/`;
  const kioskOrigin = new URL(e.BRIDGE_KIOSK_ORIGIN ?? kioskUrl).origin;
  if (e.BRIDGE_KIOSK_ORIGIN !== undefined && new URL(e.BRIDGE_KIOSK_ORIGIN).pathname !== '/') {
    throw new ConfigError('BRIDGE_KIOSK_ORIGIN', 'must be an origin only, e.g. https://host:8443');
  }

  return {
    serverUrl,
    dataDir: path.resolve(cwd, e.BRIDGE_DATA_DIR),
    hardware: e.BRIDGE_HARDWARE,
    local: { host: e.BRIDGE_LOCAL_HOST, port: e.BRIDGE_LOCAL_PORT },
    enrolment:
      e.BRIDGE_TERMINAL_ID !== undefined && e.BRIDGE_ENROLMENT_CODE !== undefined
        ? { terminalId: e.BRIDGE_TERMINAL_ID, code: e.BRIDGE_ENROLMENT_CODE }
        : null,
    kioskUrl,
    kioskOrigin,
    a4Queue: e.BRIDGE_A4_QUEUE ?? null,
    demoPeople:
      e.BRIDGE_DEMO_PEOPLE !== undefined
        ? path.resolve(cwd, e.BRIDGE_DEMO_PEOPLE)
        : e.BRIDGE_HARDWARE === 'simulated'
          ? REPO_DEMO_PEOPLE
          : null,
    hid: {
      reader: {
        vendorId: e.BRIDGE_READER_VID ?? MIAXIS_VENDOR_ID,
        productId: e.BRIDGE_READER_PID ?? MIAXIS_PRODUCT_ID,
      },
      scanner: {
        vendorId: e.BRIDGE_SCANNER_VID ?? null,
        productId: e.BRIDGE_SCANNER_PID ?? null,
        usagePage: e.BRIDGE_SCANNER_USAGE_PAGE ?? HID_POS_USAGE_PAGE,
      },
      receiptDevice: e.BRIDGE_RECEIPT_DEVICE,
    },
    logLevel: e.BRIDGE_LOG_LEVEL ?? e.LOG_LEVEL ?? 'info',
  };
}

/** `http://127.0.0.1:7071` for the UI's fragment (IPv6 in brackets). */
export function localApiUrl(host: string, port: number): string {
  return `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

/** The kiosk URL with the launch fragment the UI reads: bridge address and local token. */
export function kioskLaunchUrl(kioskUrl: string, bridgeUrl: string, token: string): string {
  const base = kioskUrl.split('#')[0] as string;
  return `${base}#bridge=${bridgeUrl}&token=${token}`;
}
