import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CryptoSuite } from '../crypto/crypto-suite.ts';
import { Database } from '../db/database.ts';
import { AuditAnchors } from './audit-anchors.ts';
import { chainOf, contentDigest, GENESIS } from './audit-chain.ts';
import { AuditLog } from './audit-log.ts';
import { verifyAuditTrail } from './audit-verification.ts';
import { SimulatedTimeStampAuthority } from './time-stamp/simulated-time-stamp-authority.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The real `npm run audit:verify` against a data directory. */
async function verifyCommand(dataDir: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('npm', ['run', '--silent', 'audit:verify'], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: `${err.stdout}${err.stderr}` };
  }
}

describe('time-stamped anchors of the audit chain', () => {
  let dataDir: string;
  let database: Database;
  let audit: AuditLog;
  let tsa: SimulatedTimeStampAuthority;
  let anchors: AuditAnchors;
  const file = () => path.join(dataDir, 'audit-anchors.jsonl');

  beforeEach(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'onething-anchor-'));
    database = await Database.open({ dataDir });
    // The same suite the command uses by default (CRYPTO_SUITE=sm).
    audit = new AuditLog(database.db, Date.now, { suite: new CryptoSuite('sm') });
    tsa = new SimulatedTimeStampAuthority(path.join(dataDir, 'tsa'));
    anchors = new AuditAnchors({ db: database.db, audit, tsa, file: file() });
    for (let i = 0; i < 8; i++) {
      await audit.record({ actorType: 'system', actorId: null, action: `test.entry${i}` });
    }
  });

  afterEach(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('anchors the head once per change, in the database and an owner-only file outside it', async () => {
    const first = await anchors.anchor();
    expect(first?.seq).toBe(8);
    expect(await anchors.anchor()).toBeNull();
    await audit.record({ actorType: 'system', actorId: null, action: 'test.later' });
    expect((await anchors.anchor())?.seq).toBe(9);

    const lines = readFileSync(file(), 'utf8').trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([8, 9]);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    // The stamp is the authority's over exactly this head, at about now.
    expect(Math.abs((first?.stamp.genTime ?? 0) - Date.now())).toBeLessThan(60_000);
    await expect(tsa.verify(first!.stamp, first!.digest)).resolves.toBeTruthy();
    await expect(tsa.verify(first!.stamp, '0'.repeat(64))).rejects.toThrow();

    const clean = await verifyAuditTrail(audit, anchors);
    expect(clean).toMatchObject({ ok: true, anchors: 2, problems: [] });
  });

  it('finds entries cut off the end of the log, which the chain alone cannot see', async () => {
    await anchors.anchor();
    // An insider deletes the last three entries and moves the head back to the fifth.
    const db = database.db;
    await db.deleteFrom('audit_log').where('seq', '>', 5).execute();
    const fifth = await audit.chainAt(5);
    await db
      .updateTable('audit_chain')
      .set({ seq: 5, chain: fifth! })
      .where('id', '=', 1)
      .execute();

    expect((await audit.verify()).ok).toBe(true);
    const result = await verifyAuditTrail(audit, anchors);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      expect.objectContaining({
        kind: 'truncated',
        seq: 6,
        message: expect.stringMatching(/#6–#8 are gone/),
      }),
    ]);

    const command = await verifyCommand(dataDir);
    expect(command.code).toBe(1);
    expect(command.out).toMatch(/truncated: entries #6–#8 are gone/);
  });

  it('finds a log rebuilt with a consistent chain of its own', async () => {
    await anchors.anchor();
    // Rewrite who did entry 2, then recompute every digest and link so the chain verifies.
    const db = database.db;
    await db
      .updateTable('audit_log')
      .set({ actor_id: 'someone-else' })
      .where('seq', '=', 2)
      .execute();
    const suite = new CryptoSuite('sm');
    let previous = GENESIS;
    for await (const row of audit.chainRows()) {
      const digest = contentDigest(suite, row);
      const chain = chainOf(suite, previous, digest);
      await db.updateTable('audit_log').set({ digest, chain }).where('id', '=', row.id).execute();
      previous = chain;
    }
    await db.updateTable('audit_chain').set({ chain: previous }).where('id', '=', 1).execute();

    expect((await audit.verify()).ok).toBe(true);
    const result = await verifyAuditTrail(audit, anchors);
    expect(result.problems.map((p) => [p.kind, p.seq])).toEqual([['rewritten', 8]]);
  });

  it('finds an anchor deleted from the database, and one whose stamp covers something else', async () => {
    const a = await anchors.anchor();
    await database.db.deleteFrom('audit_anchors').execute();
    expect((await verifyAuditTrail(audit, anchors)).problems.map((p) => p.kind)).toEqual([
      'anchor-missing',
    ]);

    // A forged anchor: a real stamp, but over another value than the one it claims to anchor.
    const other = await tsa.stamp('1'.repeat(64));
    await database.db
      .insertInto('audit_anchors')
      .values({
        seq: a!.seq,
        chain: a!.chain,
        digest: a!.digest,
        token: other.token,
        gen_time: other.genTime,
        serial: other.serial,
      })
      .execute();
    rmSync(file());
    const forged = await verifyAuditTrail(audit, anchors);
    expect(forged.problems.map((p) => p.kind)).toEqual(['anchor-invalid']);
  });
});
