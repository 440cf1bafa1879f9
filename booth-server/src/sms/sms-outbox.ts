import { randomUUID } from 'node:crypto';
import type { RetryPolicy } from '@onething/contract/wire/retry';
import { maskPhone } from '@onething/contract/privacy/phone';
import type { Kysely, Transaction } from 'kysely';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { DB } from '../db/schema.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { createLogger } from '../logging/logger.ts';
import type { SmsGateway } from './sms-gateway.ts';
import { type SmsTemplate, smsText } from './sms-texts.ts';

const log = createLogger('sms');

/** When the retry policy gives up, a message still waits this long and is tried again. */
const PARKED_MS = 3_600_000;

export interface SmsOutboxOptions {
  db: Kysely<DB>;
  gateway: SmsGateway;
  cipher: FieldCipher;
  nextRetryDelayMs: RetryPolicy;
  /** How often the queue is looked at, ms. */
  intervalMs: number;
  now?: () => number;
}

/**
 * Text messages to citizens: queued in the caller's transaction (the number encrypted, a masked
 * copy for logs and views), then delivered to the SMS gateway with the row id as idempotency key;
 * a failure is tried again after the retry policy's delay. Nothing leaves the queue but by the
 * gateway taking it. Logs name the masked number only.
 */
export class SmsOutbox {
  readonly #db: Kysely<DB>;
  readonly #gateway: SmsGateway;
  readonly #cipher: FieldCipher;
  readonly #policy: RetryPolicy;
  readonly #intervalMs: number;
  readonly #now: () => number;
  #running: Promise<number> | null = null;

  constructor(opts: SmsOutboxOptions) {
    this.#db = opts.db;
    this.#gateway = opts.gateway;
    this.#cipher = opts.cipher;
    this.#policy = opts.nextRetryDelayMs;
    this.#intervalMs = opts.intervalMs;
    this.#now = opts.now ?? Date.now;
  }

  /** Delivers every interval, in one process of a cluster at a time (a periodic job). */
  start(jobs: Pick<JobQueue, 'every'>): Promise<void> {
    return jobs.every('sms.deliver', this.#intervalMs, () => this.deliver());
  }

  async close(): Promise<void> {
    await this.#running;
  }

  /** Queues one message; it goes out on the next pass (call deliver() to send it at once). */
  async enqueue(
    trx: Transaction<DB> | Kysely<DB>,
    entry: { template: SmsTemplate; phone: string; params: Record<string, string> },
  ): Promise<string> {
    const id = randomUUID();
    const at = this.#now();
    await trx
      .insertInto('sms_outbox')
      .values({
        id,
        template: entry.template,
        phone_enc: this.#cipher.encrypt(entry.phone),
        phone_masked: maskPhone(entry.phone),
        text: smsText(entry.template, entry.params),
        attempts: 0,
        next_at: at,
        first_at: at,
        last_error: null,
        sent_at: null,
      })
      .execute();
    log.info({ sms: id, template: entry.template, to: maskPhone(entry.phone) }, 'SMS queued');
    return id;
  }

  /** One pass over the due messages; a pass still running is joined. Resolves with how many went. */
  deliver(): Promise<number> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  /** Messages not yet taken by the gateway. */
  async pending(): Promise<number> {
    const row = await this.#db
      .selectFrom('sms_outbox')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('sent_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async #pass(): Promise<number> {
    const now = this.#now();
    const due = await this.#db
      .selectFrom('sms_outbox')
      .selectAll()
      .where('sent_at', 'is', null)
      .where('next_at', '<=', now)
      .orderBy('first_at')
      .limit(100)
      .execute();
    let sent = 0;
    for (const row of due) {
      const attempt = row.attempts + 1;
      try {
        await this.#gateway.send(
          { to: this.#cipher.decrypt(row.phone_enc), text: row.text },
          row.id,
        );
        await this.#db
          .updateTable('sms_outbox')
          .set({ sent_at: this.#now(), attempts: attempt, last_error: null })
          .where('id', '=', row.id)
          .execute();
        log.info({ sms: row.id, to: row.phone_masked, attempt }, 'SMS sent');
        sent++;
      } catch (error) {
        const delay = this.#policy({ attempt, elapsedMs: now - Number(row.first_at), error });
        const reason = error instanceof Error ? error.message.slice(0, 200) : 'failed';
        log.warn(
          { sms: row.id, to: row.phone_masked, attempt, reason },
          'SMS not sent; will retry',
        );
        await this.#db
          .updateTable('sms_outbox')
          .set({
            attempts: attempt,
            next_at: this.#now() + (delay ?? PARKED_MS),
            last_error: reason,
          })
          .where('id', '=', row.id)
          .execute();
      }
    }
    return sent;
  }
}
