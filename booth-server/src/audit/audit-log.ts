import type { AuditEntry, AuditQuery } from '@onething/contract/rest/staff';
import { maskPersonal } from '@onething/contract/privacy/mask';
import { type Kysely, sql, type Transaction } from 'kysely';
import { CryptoSuite } from '../crypto/crypto-suite.ts';
import { timeOrderedId } from '../db/ids.ts';
import type { DB } from '../db/schema.ts';
import {
  type AuditVerification,
  type ChainRow,
  chainOf,
  contentDigest,
  GENESIS,
  verifyChain,
} from './audit-chain.ts';

export interface AuditRecord {
  actorType: AuditEntry['actorType'];
  actorId: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditLogOptions {
  /** The digest of entries and of the chain (SM3 with the `sm` suite). */
  suite?: CryptoSuite;
}

/**
 * Append-only audit log: who did what to which record, when, from where. There is no update
 * or delete method by design (retention aside); details are masked before they are stored.
 * Every entry is hash-chained (see audit-chain.ts) and appended while the chain head row is
 * locked, so concurrent writers — several requests, several server processes — cannot fork
 * the chain.
 */
export class AuditLog {
  readonly #db: Kysely<DB>;
  readonly #now: () => number;
  readonly #suite: CryptoSuite;

  constructor(db: Kysely<DB>, now: () => number = Date.now, opts: AuditLogOptions = {}) {
    this.#db = db;
    this.#now = now;
    this.#suite = opts.suite ?? new CryptoSuite('sm');
  }

  async record(entry: AuditRecord): Promise<string> {
    const at = this.#now();
    const id = timeOrderedId(at);
    const row = {
      id,
      at,
      actor_type: entry.actorType,
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      ip: entry.ip ?? null,
      details: entry.details ? JSON.stringify(maskPersonal(entry.details)) : null,
    };
    const digest = contentDigest(this.#suite, row);
    await this.#db.transaction().execute(async (trx) => {
      const head = await this.#lockHead(trx);
      const seq = head.seq + 1;
      const chain = chainOf(this.#suite, head.chain, digest);
      await trx
        .insertInto('audit_log')
        .values({ ...row, seq, digest, chain, redacted_at: null })
        .execute();
      await trx.updateTable('audit_chain').set({ seq, chain }).where('id', '=', 1).execute();
    });
    return id;
  }

  /**
   * Retention: deletes entries older than `retentionDays` from the start of the chain and moves
   * the chain's floor past them, so verification still covers every row that remains.
   */
  /**
   * For an act that cannot be taken back once done and must be audited (a remote action at the
   * booth): a lost database refuses it with DATABASE_UNAVAILABLE before it happens, not after.
   */
  async assertWritable(): Promise<void> {
    await sql`select 1`.execute(this.#db);
  }

  async prune(retentionDays: number): Promise<number> {
    const cutoff = this.#now() - retentionDays * 86_400_000;
    return this.#db.transaction().execute(async (trx) => {
      await this.#lockHead(trx);
      const last = await trx
        .selectFrom('audit_log')
        .select(['seq', 'chain'])
        .where('at', '<', cutoff)
        .where('seq', 'is not', null)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!last || last.seq === null || last.chain === null) return 0;
      const res = await trx.deleteFrom('audit_log').where('seq', '<=', last.seq).executeTakeFirst();
      await trx
        .updateTable('audit_chain')
        .set({ floor_seq: Number(last.seq), floor_chain: last.chain })
        .where('id', '=', 1)
        .execute();
      return Number(res.numDeletedRows);
    });
  }

  /** The chained rows in order, a page at a time (for verification). */
  async *chainRows(pageSize = 1000): AsyncGenerator<ChainRow> {
    let after = -1;
    for (;;) {
      const rows = await this.#db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      for (const r of rows) yield { ...r, at: Number(r.at), seq: Number(r.seq) };
      if (rows.length < pageSize) return;
      after = Number(rows.at(-1)?.seq);
    }
  }

  /** Checks the whole chain; see verifyChain. */
  async verify(): Promise<AuditVerification> {
    return verifyChain(this.chainRows(), await this.head(), await this.unchainedIds());
  }

  /** The chain value stored at position `seq`, if that row exists. */
  async chainAt(seq: number): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('audit_log')
      .select('chain')
      .where('seq', '=', seq)
      .executeTakeFirst();
    return row?.chain ?? undefined;
  }

  /** Ids of rows that carry no chain position: written around the log, not through it. */
  async unchainedIds(): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('audit_log')
      .select('id')
      .where('seq', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async head(): Promise<{ seq: number; chain: string; floorSeq: number; floorChain: string }> {
    const h = await this.#db
      .selectFrom('audit_chain')
      .selectAll()
      .where('id', '=', 1)
      .executeTakeFirst();
    return h
      ? {
          seq: Number(h.seq),
          chain: h.chain,
          floorSeq: Number(h.floor_seq),
          floorChain: h.floor_chain,
        }
      : { seq: 0, chain: GENESIS, floorSeq: 0, floorChain: GENESIS };
  }

  /**
   * Takes the head row's write lock first (an UPDATE, so SQLite takes its write lock at the
   * first statement and PostgreSQL the row lock), then reads it: appends are serialised.
   */
  async #lockHead(trx: Transaction<DB>): Promise<{ seq: number; chain: string }> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const head = await trx
        .updateTable('audit_chain')
        .set({ seq: sql`seq` })
        .where('id', '=', 1)
        .returning(['seq', 'chain'])
        .executeTakeFirst();
      if (head) return { seq: Number(head.seq), chain: head.chain };
      await trx
        .insertInto('audit_chain')
        .values({ id: 1, seq: 0, chain: GENESIS, floor_seq: 0, floor_chain: GENESIS })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    throw new Error('audit chain head cannot be created');
  }

  async list(q: AuditQuery): Promise<AuditEntry[]> {
    let query = this.#db.selectFrom('audit_log').selectAll();
    if (q.action) query = query.where('action', '=', q.action);
    // substr, not LIKE: action names hold `_`, a LIKE wildcard, and SQLite has no default escape.
    if (q.actionPrefix) {
      const prefix = q.actionPrefix;
      query = query.where(sql<string>`substr(action, 1, ${prefix.length})`, '=', prefix);
    }
    if (q.actorId) query = query.where('actor_id', '=', q.actorId);
    if (q.targetType) query = query.where('target_type', '=', q.targetType);
    if (q.targetId) query = query.where('target_id', '=', q.targetId);
    if (q.since !== undefined) query = query.where('at', '>=', q.since);
    if (q.until !== undefined) query = query.where('at', '<=', q.until);
    const rows = await query.orderBy('id', 'desc').limit(q.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      at: Number(r.at),
      actorType: r.actor_type as AuditEntry['actorType'],
      actorId: r.actor_id,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      ip: r.ip,
      details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
      actorName: null,
      targetName: null,
    }));
  }
}
