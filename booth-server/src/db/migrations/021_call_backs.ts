import type { Kysely } from 'kysely';

/**
 * Call-backs booked at a kiosk when video help is closed or nobody is online, worked from the
 * agent's seat, and the persisted queue of text messages to citizens (retried until the SMS
 * gateway takes them). Phone numbers are stored encrypted (FieldCipher) next to a masked copy.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('call_backs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('queue_id', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('site', 'text', (c) => c.notNull())
    .addColumn('bundle_code', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('call_backs_queue_state')
    .on('call_backs')
    .columns(['queue_id', 'state', 'created_at'])
    .execute();
  await db.schema
    .createTable('sms_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('phone_enc', 'text', (c) => c.notNull())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_at', 'bigint', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('sms_outbox_due')
    .on('sms_outbox')
    .columns(['sent_at', 'next_at'])
    .execute();
}
