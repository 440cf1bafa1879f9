import { z } from 'zod';
import { defineNotifications, defineRequests } from '../wire/contract.ts';
import { IdentityCardSchema } from '../identity/identity-card.ts';
import { AttestRequest } from './attestation.ts';
import { KioskSessionToken, RatingRequest, SubmitCaseRequest } from '../rest/kiosk.ts';

/**
 * The device bridge's local API for the kiosk UI on the same terminal: socket.io namespace
 * `/local` on 127.0.0.1, authenticated by the token the launcher passes to the UI
 * (`handshake.auth.token`). The UI learns bridge URL and token from its URL fragment:
 * `/kiosk/#bridge=http://127.0.0.1:7071&token=…` (a fragment never reaches a server or a log).
 */
export const BRIDGE_LOCAL_NAMESPACE = '/local';

export const DeviceStatus = z.enum(['ok', 'warning', 'fault', 'absent', 'unknown']);
export type DeviceStatus = z.infer<typeof DeviceStatus>;

export const PaperState = z.enum(['ok', 'near_end', 'out', 'unknown']);
export type PaperState = z.infer<typeof PaperState>;

export const DeviceStates = z.object({
  idCardReader: z.object({
    status: DeviceStatus,
    detail: z.string().nullable(),
    cardPresent: z.boolean(),
  }),
  receiptPrinter: z.object({
    status: DeviceStatus,
    detail: z.string().nullable(),
    paper: PaperState,
    coverOpen: z.boolean(),
  }),
  a4Printer: z.object({
    status: DeviceStatus,
    detail: z.string().nullable(),
    queue: z.string().nullable(),
  }),
  scanner: z.object({ status: DeviceStatus, detail: z.string().nullable() }),
});
export type DeviceStates = z.infer<typeof DeviceStates>;

/** A receipt to print on the 80 mm printer: plain lines, a QR code, then a cut. */
export const ReceiptDocument = z.object({
  title: z.string().min(1).max(40),
  lines: z
    .array(
      z.object({
        text: z.string().max(200),
        align: z.enum(['left', 'center', 'right']).default('left'),
        bold: z.boolean().default(false),
        size: z.enum(['normal', 'double']).default('normal'),
      }),
    )
    .max(80),
  qr: z.string().max(300).optional(),
  footer: z.string().max(200).optional(),
});
export type ReceiptDocument = z.input<typeof ReceiptDocument>;

/** An A4 document (certificate, notice, form) to print through CUPS. */
export const A4Document = z.object({
  kind: z.enum(['certificate', 'notice', 'form', 'testPage']),
  title: z.string().min(1).max(60),
  paragraphs: z.array(z.string().max(2000)).max(60),
  serial: z.string().max(64).optional(),
  qr: z.string().max(300).optional(),
  issuer: z.string().max(60).optional(),
  largePrint: z.boolean().default(false),
});
export type A4Document = z.input<typeof A4Document>;

export const PrintJobState = z.enum(['queued', 'waiting', 'printing', 'done', 'failed']);
export type PrintJobState = z.infer<typeof PrintJobState>;

/**
 * Why a job waits or failed, from a closed list: the kiosk says each in the citizen's language,
 * so no printer's or CUPS's own words reach the screen.
 */
export const PrintProblem = z.enum([
  // the receipt printer (waiting, or failed once the job is given up)
  'paperOut',
  'coverOpen',
  'fault',
  'offline',
  'disconnected',
  'interrupted',
  'cancelled',
  // the A4 printer (CUPS)
  'fontMissing',
  'renderFailed',
  'cupsMissing',
  'schedulerDown',
  'queueNotFound',
  'printFailed',
]);
export type PrintProblem = z.infer<typeof PrintProblem>;

export const PrintJobProgress = z.object({
  jobId: z.string(),
  printer: z.enum(['receipt', 'a4']),
  state: PrintJobState,
  /** Set while waiting and when failed; null otherwise. */
  problem: PrintProblem.nullable(),
});
export type PrintJobProgress = z.infer<typeof PrintJobProgress>;

export const OutboxKind = z.enum(['case.submit', 'rating.submit']);
export type OutboxKind = z.infer<typeof OutboxKind>;

const outboxEntry = <K extends OutboxKind, P extends z.ZodType>(kind: K, payload: P) =>
  z.object({
    kind: z.literal(kind),
    idempotencyKey: z.string().min(16).max(64),
    /** The REST request the item stands for, checked as that request is when the page queues it. */
    payload,
    /**
     * Set by the bridge, never by the page (it overwrites whatever the page sent): who the visit
     * that queued this item was, as the bridge read them. The server checks it like a live
     * attestation; a rating is accepted only for a case that visit filed.
     */
    attestation: AttestRequest.optional(),
  });

export const OutboxItem = z.discriminatedUnion('kind', [
  // the item's own idempotency key is the submission's
  outboxEntry('case.submit', SubmitCaseRequest.omit({ idempotencyKey: true })),
  outboxEntry('rating.submit', RatingRequest),
]);
export type OutboxItem = z.infer<typeof OutboxItem>;

export const BridgeLocalRequests = defineRequests({
  /** A kiosk session token for the booth server's /api/kiosk/* and /kiosk namespace. */
  'session:token': { request: z.object({}).strict(), response: KioskSessionToken },
  'devices:get': { request: z.object({}).strict(), response: DeviceStates },
  'print:receipt': {
    request: z.object({ document: ReceiptDocument }),
    response: z.object({ jobId: z.string() }),
  },
  /**
   * Print this session's last receipt again (after paper ran out or a print was cut short):
   * only the receipt the bridge printed in this session, never a document from the page.
   */
  'print:reprintReceipt': {
    request: z.object({}).strict(),
    response: z.object({ jobId: z.string() }),
  },
  'print:a4': {
    request: z.object({ document: A4Document }),
    response: z.object({ jobId: z.string() }),
  },
  /**
   * Identify with the electronic ID (网证) the scanner read just now: the bridge has the server's
   * verifier check that code (never a code from the page) and attests its holder.
   */
  'identity:electronic': {
    request: z.object({}).strict(),
    response: z.object({ card: IdentityCardSchema }),
  },
  /** Forget the current card and anything else of this citizen's session. */
  'session:wipe': {
    request: z.object({}).strict(),
    response: z.object({ wiped: z.literal(true) }),
  },
  /** Queue work for the booth server while it is unreachable; delivered exactly once. */
  'outbox:enqueue': {
    request: OutboxItem,
    response: z.object({ queued: z.boolean(), pending: z.number().int() }),
  },
  'outbox:status': {
    request: z.object({}).strict(),
    response: z.object({ pending: z.number().int(), delivered: z.array(z.string()) }),
  },
  // Demo-mode simulator controls (refused with FORBIDDEN on real hardware).
  'sim:placeCard': {
    request: z.object({
      personId: z.string().max(64).optional(),
      card: IdentityCardSchema.partial().optional(),
      fault: z.enum(['badChecksum', 'unreadable', 'expired']).optional(),
    }),
    response: z.object({ placed: z.literal(true) }),
  },
  'sim:removeCard': {
    request: z.object({}).strict(),
    response: z.object({ removed: z.literal(true) }),
  },
  'sim:scan': {
    request: z.object({ text: z.string().min(1).max(2000) }),
    response: z.object({ sent: z.literal(true) }),
  },
  'sim:paper': {
    request: z.object({
      paper: z.enum(['ok', 'near_end', 'out']),
      coverOpen: z.boolean().optional(),
    }),
    response: z.object({ paper: PaperState }),
  },
});

export const BridgeLocalNotifications = defineNotifications({
  'devices:state': DeviceStates,
  'card:inserted': z.object({
    card: IdentityCardSchema,
    validity: z.enum(['valid', 'expired', 'notYetValid']),
  }),
  'card:removed': z.object({}),
  /** A card was there but could not be used; code tells the UI which calm message to show. */
  'card:error': z.object({
    code: z.enum(['unreadable', 'badChecksum', 'samFault', 'readerFault']),
    message: z.string(),
  }),
  'scanner:scan': z.object({ text: z.string(), symbology: z.string() }),
  'print:progress': PrintJobProgress,
  'outbox:delivered': z.object({
    idempotencyKey: z.string(),
    result: z.record(z.string(), z.unknown()),
  }),
  /** The server refused a queued item for good (e.g. VALIDATION_FAILED); it was set aside. */
  'outbox:failed': z.object({
    idempotencyKey: z.string(),
    code: z.string(),
    message: z.string(),
  }),
  /** Maintenance staff asked for the kiosk page to be reloaded. */
  'ui:reload': z.object({}),
  /** The terminal entered or left maintenance mode (the UI shows an out-of-service page). */
  'ui:maintenance': z.object({ on: z.boolean(), message: z.string().max(200).optional() }),
  /** Whether the bridge is connected to the booth server right now. */
  'server:status': z.object({ connected: z.boolean() }),
});
