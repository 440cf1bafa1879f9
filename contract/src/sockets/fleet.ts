import { z } from 'zod';
import { defineNotifications, defineRequests } from '../wire/contract.ts';
import { DeviceStatus, OutboxItem, PaperState } from './bridge-local.ts';
import { DeviceDetailCode } from './device-detail.ts';
import { TerminalKind } from '../rest/terminals.ts';

/**
 * Fleet telemetry and maintenance. Nothing here may carry personal data: the schemas are strict,
 * so a heartbeat that tried to include a card or a name would be refused, not stored.
 */
/** A device's detail in the fleet is a code from the closed vocabulary, never free text. */
const Detail = DeviceDetailCode.nullable();

export const CameraState = z.strictObject({
  status: z.enum(['ok', 'warning', 'fault', 'absent', 'unknown']),
  detail: Detail,
});

/** The bridge's device states as the fleet receives them (details reduced to codes). */
export const FleetDeviceStates = z.strictObject({
  idCardReader: z.strictObject({ status: DeviceStatus, detail: Detail, cardPresent: z.boolean() }),
  receiptPrinter: z.strictObject({
    status: DeviceStatus,
    detail: Detail,
    paper: PaperState,
    coverOpen: z.boolean(),
  }),
  a4Printer: z.strictObject({
    status: DeviceStatus,
    detail: Detail,
    /** The configured CUPS queue name. */
    queue: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/)
      .nullable(),
  }),
  scanner: z.strictObject({ status: DeviceStatus, detail: Detail }),
  camera: CameraState,
});
export type FleetDeviceStates = z.infer<typeof FleetDeviceStates>;

export const Heartbeat = z.strictObject({
  /** The terminal's clock when it sent this (epoch ms): clock skew is measured from it. */
  sentAt: z.number().int().positive(),
  uptimeSeconds: z.number().nonnegative(),
  versions: z.strictObject({
    bridge: z.string().max(40),
    ui: z.string().max(40).nullable(),
    node: z.string().max(40),
    os: z.string().max(80),
  }),
  devices: FleetDeviceStates,
  resources: z.strictObject({
    cpuLoad: z.number().min(0).max(1000),
    memoryUsedPercent: z.number().min(0).max(100),
    diskFreePercent: z.number().min(0).max(100),
  }),
  /** Round trip of the previous heartbeat's acknowledgement, ms. */
  rttMs: z.number().nonnegative().max(600_000).nullable(),
  lastErrors: z
    .array(
      z.strictObject({
        at: z.number().int(),
        device: z.enum(['idCardReader', 'receiptPrinter', 'a4Printer', 'scanner', 'camera']),
        code: DeviceDetailCode,
      }),
    )
    .max(10),
  maintenance: z.boolean(),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

/** Where to send citizens while a terminal is in maintenance: the nearest one in service. */
export const TerminalAlternative = z.object({ name: z.string().max(80), site: z.string().max(80) });
export type TerminalAlternative = z.infer<typeof TerminalAlternative>;

export const FleetAction = z.enum([
  'maintenanceOn',
  'maintenanceOff',
  'reloadUi',
  'restartBridge',
  'printTestPage',
  'readerSelfTest',
]);
export type FleetAction = z.infer<typeof FleetAction>;

/**
 * What a fleet command did on the terminal, in a closed vocabulary the console words: the bridge
 * once reported free English here ("restarting the bridge", "failed: <error>").
 */
export const FleetCommandOutcome = z.enum([
  // done
  'maintenanceOn',
  'maintenanceOff',
  'restarting',
  'testPagePrinted',
  'readerOk',
  'readerCardInField',
  'uiReloaded',
  // not done
  'noKioskPage',
  'testPageNotQueued',
  'testPageFailed',
  'testPageTimedOut',
  'readerNotConnected',
  'readerNoAnswer',
  'readerSamFailed',
  'failed',
  /** A result recorded before outcomes were codes: its text is not shown. */
  'legacy',
]);
export type FleetCommandOutcome = z.infer<typeof FleetCommandOutcome>;

export const AlertRule = z.enum([
  'offline',
  'paperNearEnd',
  'paperOut',
  'coverOpen',
  'printerError',
  'cardReaderFault',
  'diskLow',
  'clockSkew',
]);
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertView = z.object({
  id: z.string(),
  terminalId: z.string(),
  rule: AlertRule,
  severity: z.enum(['warning', 'critical']),
  detail: z.string(),
  openedAt: z.number(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.number().nullable(),
  resolvedAt: z.number().nullable(),
});
export type AlertView = z.infer<typeof AlertView>;

export const TerminalHealth = z.enum(['ok', 'warning', 'critical', 'offline', 'maintenance']);
export type TerminalHealth = z.infer<typeof TerminalHealth>;

export const TerminalSummary = z.object({
  id: z.string(),
  name: z.string(),
  site: z.string(),
  region: z.string(),
  kind: TerminalKind,
  online: z.boolean(),
  health: TerminalHealth,
  maintenance: z.boolean(),
  lastSeenAt: z.number().nullable(),
  paper: z.enum(['ok', 'near_end', 'out', 'unknown']),
  faults: z.array(z.string()),
  openAlerts: z.number().int(),
});
export type TerminalSummary = z.infer<typeof TerminalSummary>;

export const TerminalDetail = z.object({
  summary: TerminalSummary,
  heartbeat: Heartbeat.nullable(),
  uptime: z.object({ last24h: z.number().nullable(), last7d: z.number().nullable() }),
  alerts: z.array(AlertView),
  timeline: z.array(z.object({ at: z.number(), kind: z.string(), detail: z.string() })),
});
export type TerminalDetail = z.infer<typeof TerminalDetail>;

const Tid = z.string().min(1).max(40);

/** Device bridge → booth server (namespace /bridge). */
export const BridgeRequests = defineRequests({
  'telemetry:heartbeat': {
    request: Heartbeat,
    response: z.object({
      serverTime: z.number(),
      clockSkewMs: z.number(),
      maintenance: z.boolean(),
      /** While in maintenance: the nearest terminal in service, to send citizens to. */
      alternative: TerminalAlternative.nullable(),
      /**
       * The server owns the heartbeat interval: the bridge beats this often from now on. The
       * server's per-terminal limit allows twice this rate, so a bridge that follows it is never
       * refused.
       */
      intervalMs: z.number().int().positive(),
    }),
  },
  'command:result': {
    request: z.strictObject({
      commandId: z.string().max(64),
      ok: z.boolean(),
      outcome: FleetCommandOutcome,
      /** The device's own reason, when the outcome has one (e.g. why the test page failed). */
      detailCode: DeviceDetailCode.nullable(),
    }),
    response: z.object({ recorded: z.literal(true) }),
  },
  /** Durable outbox delivery: the same item may arrive more than once; it takes effect once. */
  'outbox:deliver': {
    request: OutboxItem,
    response: z.object({ result: z.record(z.string(), z.unknown()) }),
  },
});

/** Booth server → device bridge. */
export const BridgeNotifications = defineNotifications({
  command: z.object({
    commandId: z.string(),
    action: FleetAction,
    issuedBy: z.string(),
    /** With maintenanceOn: where the kiosk sends citizens, so it can say so at once. */
    alternative: TerminalAlternative.nullable().optional(),
  }),
});

/** Maintenance staff console (namespace /staff, role maintenance). */
export const FleetRequests = defineRequests({
  'fleet:list': {
    request: z.object({}).strict(),
    response: z.object({ terminals: z.array(TerminalSummary) }),
  },
  'fleet:detail': { request: z.object({ terminalId: Tid }), response: TerminalDetail },
  'fleet:acknowledge': {
    request: z.object({ alertId: z.string().max(64) }),
    response: AlertView,
  },
  'fleet:action': {
    request: z.object({ terminalId: Tid, action: FleetAction }),
    response: z.object({ commandId: z.string(), delivered: z.boolean() }),
  },
});

export const FleetNotifications = defineNotifications({
  'fleet:terminal': TerminalSummary,
  'fleet:alert': AlertView,
  'fleet:commandResult': z.object({
    commandId: z.string(),
    terminalId: z.string(),
    action: FleetAction,
    ok: z.boolean(),
    outcome: FleetCommandOutcome,
    detailCode: DeviceDetailCode.nullable(),
  }),
});
