import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import path from 'node:path';
import type { Config } from '../config/config.ts';
import type { DB } from '../db/schema.ts';
import { createLogger } from '../logging/logger.ts';
import type { AuditProblem } from './audit-chain.ts';
import type { AuditLog } from './audit-log.ts';
import { SimulatedTimeStampAuthority } from './time-stamp/simulated-time-stamp-authority.ts';
import type { TimeStamp, TimeStampAuthority } from './time-stamp/time-stamp-authority.ts';

const log = createLogger('audit');

/** One anchored head: position, chain value there, and the authority's stamp over both. */
export interface AuditAnchor {
  seq: number;
  chain: string;
  /** SHA-256 (hex) of `seq\nchain`. */
  digest: string;
  stamp: TimeStamp;
}

export function anchorDigest(seq: number, chain: string): string {
  return createHash('sha256').update(`${seq}\n${chain}`).digest('hex');
}

/**
 * The hash chain proves that no row was changed or removed *between* its ends; someone able to
 * write the database could still cut entries off its end (moving the head row back) or build a
 * whole new chain. Anchors close that: the head is time-stamped by a trusted authority at an
 * interval and written both to an append-only file outside the database and to a table.
 * Verification then finds a chain shorter than an anchor (`truncated`), a different chain
 * value at an anchored position (`rewritten`), a stamp that does not cover its anchor
 * (`anchor-invalid`), and an anchor in the file that the table lost (`anchor-missing`). What
 * can still go unnoticed is a cut after the last anchor: at most one interval of entries.
 */
export class AuditAnchors {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #tsa: TimeStampAuthority;
  readonly #file: string;

  constructor(deps: { db: Kysely<DB>; audit: AuditLog; tsa: TimeStampAuthority; file: string }) {
    this.#db = deps.db;
    this.#audit = deps.audit;
    this.#tsa = deps.tsa;
    this.#file = deps.file;
  }

  /** The anchors as configured: the server and `npm run audit:verify` use the same ones. */
  static configured(db: Kysely<DB>, audit: AuditLog, config: Config): AuditAnchors {
    return new AuditAnchors({
      db,
      audit,
      // Simulated until a province configures its RFC 3161 authority; /healthz says so.
      tsa: new SimulatedTimeStampAuthority(path.join(config.DATA_DIR, 'tsa')),
      file: config.AUDIT_ANCHOR_FILE ?? path.join(config.DATA_DIR, 'audit-anchors.jsonl'),
    });
  }

  /** Anchors the current head; nothing when it is already anchored (no entry since). */
  async anchor(): Promise<AuditAnchor | null> {
    const head = await this.#audit.head();
    if (head.seq === 0) return null;
    const last = await this.#db
      .selectFrom('audit_anchors')
      .select('seq')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    if (last && Number(last.seq) >= head.seq) return null;
    const digest = anchorDigest(head.seq, head.chain);
    const stamp = await this.#tsa.stamp(digest);
    const anchor: AuditAnchor = { seq: head.seq, chain: head.chain, digest, stamp };
    // The file first: it is the copy outside the database's reach.
    await this.#append(anchor);
    await this.#db
      .insertInto('audit_anchors')
      .values({
        seq: anchor.seq,
        chain: anchor.chain,
        digest,
        token: stamp.token,
        gen_time: stamp.genTime,
        serial: stamp.serial,
      })
      .onConflict((oc) => oc.column('seq').doNothing())
      .execute();
    log.info({ seq: anchor.seq, serial: stamp.serial }, 'audit chain head anchored');
    return anchor;
  }

  /** Checks the chain as it is now against every anchor in the file and the table. */
  async verify(): Promise<{ anchors: number; problems: AuditProblem[] }> {
    const problems: AuditProblem[] = [];
    const stored = new Map((await this.#stored()).map((a) => [a.seq, a]));
    const { anchors: filed, unreadable } = await this.#filed();
    if (unreadable > 0) {
      problems.push({
        kind: 'anchor-invalid',
        id: null,
        seq: null,
        message: `${unreadable} line(s) of ${this.#file} are not anchors: the file was edited`,
      });
    }
    for (const a of filed.values()) {
      if (!stored.has(a.seq)) {
        problems.push({
          kind: 'anchor-missing',
          id: null,
          seq: a.seq,
          message: `the anchor of entry #${a.seq} (time-stamp ${a.stamp.serial}) is in ${this.#file} but no longer in the database`,
        });
      }
    }
    const all = new Map([...stored, ...filed]);
    const head = await this.#audit.head();
    for (const a of [...all.values()].sort((x, y) => x.seq - y.seq)) {
      if (anchorDigest(a.seq, a.chain) !== a.digest) {
        problems.push(invalid(a, 'its digest does not match its position and chain value'));
        continue;
      }
      try {
        await this.#tsa.verify(a.stamp, a.digest);
      } catch (e) {
        problems.push(invalid(a, (e as Error).message));
        continue;
      }
      if (a.seq > head.seq) {
        problems.push({
          kind: 'truncated',
          id: null,
          seq: head.seq + 1,
          message: `entries #${head.seq + 1}–#${a.seq} are gone: the chain ends at #${head.seq} but #${a.seq} was anchored on ${new Date(a.stamp.genTime).toISOString()}`,
        });
        continue;
      }
      // Retention cuts the start of the chain; an anchor before the floor has nothing to match.
      if (a.seq < head.floorSeq) continue;
      const now = a.seq === head.floorSeq ? head.floorChain : await this.#audit.chainAt(a.seq);
      if (now !== undefined && now !== a.chain) {
        problems.push({
          kind: 'rewritten',
          id: null,
          seq: a.seq,
          message: `the chain at entry #${a.seq} is not the one anchored on ${new Date(a.stamp.genTime).toISOString()}: the log was rebuilt`,
        });
      }
    }
    return { anchors: all.size, problems };
  }

  async #append(anchor: AuditAnchor): Promise<void> {
    const file = await open(this.#file, 'a', 0o600);
    try {
      await file.appendFile(`${JSON.stringify(anchor)}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
  }

  async #stored(): Promise<AuditAnchor[]> {
    const rows = await this.#db.selectFrom('audit_anchors').selectAll().execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      chain: r.chain,
      digest: r.digest,
      stamp: { token: r.token, genTime: Number(r.gen_time), serial: r.serial },
    }));
  }

  /** The file's anchors by position, and how many lines are not anchors (reported). */
  async #filed(): Promise<{ anchors: Map<number, AuditAnchor>; unreadable: number }> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        return { anchors: new Map(), unreadable: 0 };
      throw e;
    }
    const anchors = new Map<number, AuditAnchor>();
    let unreadable = 0;
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      const a = parseAnchor(line);
      if (a) anchors.set(a.seq, a);
      else unreadable++;
    }
    return { anchors, unreadable };
  }
}

function invalid(a: AuditAnchor, why: string): AuditProblem {
  return {
    kind: 'anchor-invalid',
    id: null,
    seq: a.seq,
    message: `the anchor of entry #${a.seq} does not hold: ${why}`,
  };
}

function parseAnchor(line: string): AuditAnchor | null {
  try {
    const a = JSON.parse(line) as Partial<AuditAnchor>;
    const s = a.stamp;
    if (
      typeof a.seq === 'number' &&
      typeof a.chain === 'string' &&
      typeof a.digest === 'string' &&
      s &&
      typeof s.token === 'string' &&
      typeof s.genTime === 'number' &&
      typeof s.serial === 'string'
    ) {
      return { seq: a.seq, chain: a.chain, digest: a.digest, stamp: s };
    }
  } catch {
    // reported by the caller
  }
  return null;
}
