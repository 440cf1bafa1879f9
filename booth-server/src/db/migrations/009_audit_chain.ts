import type { Kysely } from 'kysely';
import { chainOf, contentDigest, GENESIS } from '../../audit/audit-chain.ts';
import { CryptoSuite } from '../../crypto/crypto-suite.ts';
import type { DB } from '../schema.ts';

/**
 * Audit entries are hash-chained: `digest` is the hash of the entry's content, `chain` is
 * H(previous chain ‖ digest), `seq` numbers them without gaps. The single `audit_chain` row is
 * the head every append locks, and remembers where retention cut the chain (`floor_*`), so a
 * deleted row anywhere after the floor is found.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('seq', 'bigint').execute();
  await db.schema.alterTable('audit_log').addColumn('digest', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('chain', 'text').execute();
  await db.schema.alterTable('audit_log').addColumn('redacted_at', 'bigint').execute();
  await db.schema.createIndex('audit_log_seq').on('audit_log').column('seq').unique().execute();
  await db.schema
    .createTable('audit_chain')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('chain', 'text', (c) => c.notNull())
    .addColumn('floor_seq', 'bigint', (c) => c.notNull())
    .addColumn('floor_chain', 'text', (c) => c.notNull())
    .execute();
  // Entries written before the chain existed are chained now, in id order, with SM3 (each
  // digest names its hash, so verification holds whichever suite is configured later).
  const typed = db.withTables<Pick<DB, 'audit_log' | 'audit_chain'>>();
  const suite = new CryptoSuite('sm');
  const rows = await typed.selectFrom('audit_log').selectAll().orderBy('id').execute();
  let chain = GENESIS;
  let seq = 0;
  for (const r of rows) {
    seq += 1;
    const digest = contentDigest(suite, r);
    chain = chainOf(suite, chain, digest);
    await typed
      .updateTable('audit_log')
      .set({ seq, digest, chain })
      .where('id', '=', r.id)
      .execute();
  }
  await typed
    .insertInto('audit_chain')
    .values({ id: 1, seq, chain, floor_seq: 0, floor_chain: GENESIS })
    .execute();
}
