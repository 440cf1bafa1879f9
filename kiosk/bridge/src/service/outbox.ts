import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import path from 'node:path';
import { OutboxItem, OutboxKind } from '@onething/contract/sockets/bridge-local';
import { maskText } from '@onething/contract/privacy/mask';
import { BridgeRequests } from '@onething/contract/sockets/fleet';
import { exponentialBackoff, type RetryPolicy } from '@onething/contract/wire/retry';
import type { AckResult, ErrorCode } from '@onething/contract/errors';
import type { Logger } from 'pino';
import { z } from 'zod';
import { DurableFile } from '../storage/durable-file.ts';

/** Where queued items go: the booth server link. */
export interface OutboxTransport {
  readonly connected: boolean;
  /** Sends one item; resolves with the acknowledgement, rejects when none came in time. */
  deliver(item: OutboxItem): Promise<AckResult<unknown>>;
  /** Calls back on every (re)connection; returns an unsubscribe. */
  onConnected(listener: () => void): () => void;
}

export enum OutboxEvent {
  /** The server took an item: ({ idempotencyKey, result }). */
  Delivered = 'delivered',
  /** The server refused an item for good; it was moved to the dead-letter file. */
  DeadLettered = 'deadLettered',
}

export type OutboxEvents = {
  [OutboxEvent.Delivered]: [{ idempotencyKey: string; result: Record<string, unknown> }];
  [OutboxEvent.DeadLettered]: [{ idempotencyKey: string; code: string; message: string }];
};

/**
 * Refusals that no retry can change: the item itself is wrong. Everything else (timeouts,
 * UNKNOWN_EVENT from a server without the handler yet, INTERNAL, DATABASE_UNAVAILABLE,
 * RATE_LIMITED, authentication trouble) is retried.
 */
export const NON_RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'CONFLICT',
  'FIELD_INVALID',
  'ITEMS_INCOMPLETE',
  'CATALOGUE_UNKNOWN_BUNDLE',
  'CATALOGUE_UNKNOWN_ITEM',
  'UPLOAD_TYPE',
  'CASE_NOT_FOUND',
  'SECOND_FACTOR_MISMATCH',
  'ALREADY_RATED',
  // The visit that queued it is not the one that may (no attestation, another visit's case).
  'IDENTITY_NOT_ATTESTED',
  'RATING_NOT_ALLOWED',
]);

const Pending = z.object({
  item: OutboxItem,
  enqueuedAt: z.number(),
  attempts: z.number().int().nonnegative(),
});
type Pending = z.infer<typeof Pending>;

const OutboxFile = z.object({
  version: z.literal(1),
  pending: z.array(Pending),
  /** Keys recently delivered, newest last: a repeat enqueue of one is not queued again. */
  delivered: z.array(z.string()),
});

/**
 * What an operator needs of a refused item — which kind, which key (to find it in the kiosk's
 * log), which refusal, when, and for a case the bundle — and nothing about the person.
 */
const DeadLetter = z.object({
  kind: OutboxKind,
  idempotencyKey: z.string(),
  bundleCode: z.string().max(32).nullable(),
  code: z.string(),
  message: z.string(),
  at: z.number(),
});
type DeadLetter = z.infer<typeof DeadLetter>;

/**
 * Earlier bridges kept the whole item (the citizen's identity and answers) here, in whatever
 * shape the page sent then: only what minimising reads is checked.
 */
const LegacyDeadLetter = z.object({
  item: z.object({
    kind: OutboxKind,
    idempotencyKey: z.string(),
    payload: z.record(z.string(), z.unknown()),
  }),
  code: z.string(),
  message: z.string(),
  at: z.number(),
});

const DeadFile = z.object({
  version: z.literal(1),
  items: z.array(z.union([DeadLetter, LegacyDeadLetter.transform((l) => minimise(l.item, l))])),
});

function holdsWholeItems(text: string): boolean {
  try {
    const items = (JSON.parse(text) as { items?: unknown[] }).items ?? [];
    return items.some((i) => typeof i === 'object' && i !== null && 'item' in i);
  } catch {
    return false;
  }
}

function minimise(
  item: Pick<OutboxItem, 'kind' | 'idempotencyKey'> & { payload: Record<string, unknown> },
  refusal: { code: string; message: string; at: number },
): DeadLetter {
  const bundle = item.kind === 'case.submit' ? item.payload.bundleCode : null;
  return {
    kind: item.kind,
    idempotencyKey: item.idempotencyKey,
    bundleCode: typeof bundle === 'string' ? bundle.slice(0, 32) : null,
    code: refusal.code,
    // The server's message can quote a value; ID and phone numbers are masked, length bounded.
    message: maskText(refusal.message).slice(0, 200),
    at: refusal.at,
  };
}

const DeliverResponse = BridgeRequests['outbox:deliver'].response;

/** Delivered keys remembered for de-duplication and outbox:status. */
const KEEP_DELIVERED = 100;

export interface OutboxOptions {
  dataDir: string;
  logger: Logger;
  /**
   * Delay before retrying after a retryable failure; null waits for the next (re)connection or
   * enqueue instead. Default 1 s doubling to 60 s.
   */
  nextRetryDelayMs?: RetryPolicy;
  clock?: () => number;
  /** How long dead letters are kept for an operator. Default 30 days. */
  deadLetterRetentionMs?: number;
  /** How often dead letters past their retention are removed. Default hourly. */
  retentionCheckMs?: number;
}

/**
 * Work for the booth server that must not be lost while it is unreachable (a case submission, a
 * rating). Items are kept in `<dataDir>/outbox.json` (atomic writes, mode 0600) and delivered in
 * order, one at a time, over `outbox:deliver`; an item leaves the file only after the server
 * acknowledged it. The server de-duplicates by idempotency key, so a delivery repeated after a
 * lost acknowledgement takes effect once. Items the server refuses for good move to
 * `<dataDir>/outbox-dead.json` for an operator — minimised (kind, key, bundle, refusal; no
 * identity or answers) and kept for a retention period a timer enforces — and the UI is told.
 */
export class Outbox extends SafeEventEmitter<OutboxEvents> {
  readonly #file: DurableFile;
  readonly #deadFile: DurableFile;
  readonly #log: Logger;
  readonly #nextRetryDelayMs: RetryPolicy;
  readonly #clock: () => number;
  #pending: Pending[] = [];
  #delivered: string[] = [];
  #dead: DeadLetter[] = [];
  #transport: OutboxTransport | null = null;
  #unsubscribe: (() => void) | null = null;
  #draining: Promise<void> | null = null;
  #retryTimer: NodeJS.Timeout | null = null;
  /** Failed deliveries in a row, and since when. */
  #failures = 0;
  #failingSince: number | null = null;
  #closed = false;
  readonly #deadRetentionMs: number;
  readonly #retentionCheckMs: number;
  #retentionTimer: NodeJS.Timeout | null = null;
  /** True after loading a file in the old, unminimised form. */
  #deadFileStale = false;

  private constructor(options: OutboxOptions) {
    super(options.logger);
    this.#log = options.logger;
    this.#nextRetryDelayMs =
      options.nextRetryDelayMs ?? exponentialBackoff({ initialMs: 1000, factor: 2, maxMs: 60_000 });
    this.#clock = options.clock ?? Date.now;
    const clock = this.#clock;
    this.#file = new DurableFile(path.join(options.dataDir, 'outbox.json'), { clock });
    this.#deadFile = new DurableFile(path.join(options.dataDir, 'outbox-dead.json'), { clock });
    this.#deadRetentionMs = options.deadLetterRetentionMs ?? 30 * 86_400_000;
    this.#retentionCheckMs = options.retentionCheckMs ?? 60 * 60_000;
  }

  static async open(options: OutboxOptions): Promise<Outbox> {
    const outbox = new Outbox(options);
    await outbox.#load();
    await outbox.expireDeadLetters();
    outbox.#retentionTimer = setInterval(
      () => void outbox.expireDeadLetters(),
      outbox.#retentionCheckMs,
    );
    outbox.#retentionTimer.unref();
    return outbox;
  }

  /**
   * Drops dead letters older than their retention (the timer calls this); rewrites the file
   * whenever it held anything to drop or to minimise.
   */
  async expireDeadLetters(): Promise<number> {
    const cutoff = this.#clock() - this.#deadRetentionMs;
    const kept = this.#dead.filter((d) => d.at >= cutoff);
    const dropped = this.#dead.length - kept.length;
    if (dropped === 0 && !this.#deadFileStale) return 0;
    this.#dead = kept;
    this.#deadFileStale = false;
    await this.#writeDead();
    if (dropped) this.#log.info({ dropped }, 'dead letters past retention removed');
    return dropped;
  }

  #writeDead(): Promise<void> {
    return this.#deadFile.write(JSON.stringify({ version: 1, items: this.#dead }));
  }

  get file(): string {
    return this.#file.path;
  }

  get deadFile(): string {
    return this.#deadFile.path;
  }

  get pending(): number {
    return this.#pending.length;
  }

  /** Keys of items set aside, oldest first. */
  get deadLetters(): string[] {
    return this.#dead.map((d) => d.idempotencyKey);
  }

  status(): { pending: number; delivered: string[] } {
    return { pending: this.#pending.length, delivered: [...this.#delivered] };
  }

  /** Persists the item (unless its key is known already), then tries to deliver. */
  async enqueue(item: OutboxItem): Promise<{ queued: boolean; pending: number }> {
    const key = item.idempotencyKey;
    const known =
      this.#pending.some((p) => p.item.idempotencyKey === key) ||
      this.#delivered.includes(key) ||
      this.#dead.some((d) => d.idempotencyKey === key);
    if (known || this.#closed) return { queued: false, pending: this.#pending.length };
    this.#pending.push({ item, enqueuedAt: this.#clock(), attempts: 0 });
    await this.#persist();
    this.#log.info({ idempotencyKey: key, kind: item.kind }, 'outbox item queued');
    this.kick();
    return { queued: true, pending: this.#pending.length };
  }

  /** Where to deliver; delivery starts when it is connected. */
  setTransport(transport: OutboxTransport): void {
    this.#unsubscribe?.();
    this.#transport = transport;
    this.#unsubscribe = transport.onConnected(() => this.kick());
    this.kick();
  }

  /** Tries to deliver now (on connect, after an enqueue); a pending retry wait is skipped. */
  kick(): void {
    if (this.#closed || this.#draining || !this.#pending.length) return;
    if (!this.#transport?.connected) return;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    this.#draining = this.#drain()
      .catch((e: unknown) => this.#log.error({ err: e }, 'outbox delivery stopped'))
      .finally(() => {
        this.#draining = null;
      });
  }

  /** Stops delivering; what is pending stays in the file for the next start. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retentionTimer) clearInterval(this.#retentionTimer);
    this.#retentionTimer = null;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    await Promise.all([this.#file.settled(), this.#deadFile.settled()]);
  }

  async #drain(): Promise<void> {
    while (!this.#closed) {
      const transport = this.#transport;
      const head = this.#pending[0];
      if (!head || !transport?.connected) return;
      const key = head.item.idempotencyKey;
      let ack: AckResult<unknown>;
      try {
        ack = await transport.deliver(head.item);
      } catch (e) {
        this.#retryLater(head, 'no acknowledgement', (e as Error).message);
        return;
      }
      if (ack.ok) {
        const parsed = DeliverResponse.safeParse(ack.data);
        if (!parsed.success) this.#log.warn({ idempotencyKey: key }, 'delivery ack without result');
        const result = parsed.success ? parsed.data.result : {};
        this.#endFailureStreak();
        this.#remove(head);
        this.#delivered.push(key);
        if (this.#delivered.length > KEEP_DELIVERED) this.#delivered.shift();
        await this.#persist();
        this.#log.info({ idempotencyKey: key }, 'outbox item delivered');
        this.safeEmit(OutboxEvent.Delivered, { idempotencyKey: key, result });
        continue;
      }
      const { code, message } = ack.error;
      if (NON_RETRYABLE.has(code)) {
        this.#endFailureStreak();
        // The dead-letter file is written first: a crash in between leaves the item in both
        // files, and loading drops it from the pending ones.
        this.#dead.push(minimise(head.item, { code, message, at: this.#clock() }));
        await this.#writeDead();
        this.#remove(head);
        await this.#persist();
        this.#log.error(
          { idempotencyKey: key, code },
          'outbox item refused; moved to dead letters',
        );
        this.safeEmit(OutboxEvent.DeadLettered, { idempotencyKey: key, code, message });
        continue;
      }
      this.#retryLater(head, code, message);
      return;
    }
  }

  #retryLater(head: Pending, code: string, message: string): void {
    head.attempts++;
    const now = this.#clock();
    this.#failingSince ??= now;
    const delay = this.#nextRetryDelayMs({
      attempt: ++this.#failures,
      elapsedMs: now - this.#failingSince,
      error: { code, message },
    });
    this.#log.warn(
      { idempotencyKey: head.item.idempotencyKey, code, reason: message, retryInMs: delay },
      delay === null
        ? 'outbox delivery failed; retried on the next connection'
        : 'outbox delivery failed; will retry',
    );
    if (this.#closed || delay === null) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.kick();
    }, delay);
  }

  #endFailureStreak(): void {
    this.#failures = 0;
    this.#failingSince = null;
  }

  #remove(entry: Pending): void {
    this.#pending = this.#pending.filter((p) => p !== entry);
  }

  async #load(): Promise<void> {
    const dead = await this.#readOrQuarantine(this.#deadFile, DeadFile);
    this.#dead = dead?.value.items ?? [];
    // A file written by an earlier bridge still holds whole items: rewrite it minimised.
    this.#deadFileStale = dead !== null && holdsWholeItems(dead.text);
    const state = (await this.#readOrQuarantine(this.#file, OutboxFile))?.value;
    if (!state) return;
    const deadKeys = new Set(this.#dead.map((d) => d.idempotencyKey));
    this.#pending = state.pending.filter((p) => !deadKeys.has(p.item.idempotencyKey));
    this.#delivered = state.delivered.slice(-KEEP_DELIVERED);
  }

  /** The parsed file, or null when absent or damaged (then it was moved aside). */
  async #readOrQuarantine<S extends z.ZodType>(
    file: DurableFile,
    schema: S,
  ): Promise<{ value: z.output<S>; text: string } | null> {
    const read = await file.read(schema);
    if (read.kind === 'read') return read;
    if (read.kind === 'quarantined') {
      this.#log.error({ file: read.aside }, 'outbox file damaged; moved aside, starting empty');
    }
    return null;
  }

  #persist(): Promise<void> {
    return this.#file.write(
      JSON.stringify({ version: 1, pending: this.#pending, delivered: this.#delivered }),
    );
  }
}
