import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/config.ts';
import { createPgTestDatabase, type PgTestDatabase } from '../testing/postgres.ts';
import {
  connectSocket,
  login,
  readJson,
  requestRefusal,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';
import { REFUSAL_ACTION } from './refusal-audit.ts';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const pg = await createPgTestDatabase();
afterAll(async () => {
  if (!('skip' in pg)) await pg.drop();
});

/** The real `npm run audit:verify` command against the server's database. */
async function verifyCommand(env: Record<string, string>) {
  try {
    const { stdout } = await run('npm', ['run', '--silent', 'audit:verify'], {
      cwd: repoRoot,
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
    });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: `${err.stdout}${err.stderr}` };
  }
}

const engines = [
  { name: 'sqlite', skip: null as string | null, url: undefined as string | undefined },
  {
    name: 'postgres',
    skip: 'skip' in pg ? pg.skip : null,
    url: 'skip' in pg ? undefined : (pg as PgTestDatabase).url,
  },
];

describe.each(engines)('the audit trail on $name', (engine) => {
  let t: TestServer;
  let auditor: string;
  const env = (): Record<string, string> =>
    engine.url ? { DATABASE_URL: engine.url, DATA_DIR: t.dataDir } : { DATA_DIR: t.dataDir };

  beforeAll(async () => {
    if (engine.skip) return;
    t = await startTestServer({
      LOGIN_PAIR_FREE_ATTEMPTS: 2,
      ...(engine.url ? { DATABASE_URL: engine.url } : {}),
    });
    auditor = await login(t.url, 'auditor', 'demo-auditor-2026');
  });
  afterAll(async () => t?.close());

  const refusals = async (targetId: string) => {
    const res = await fetch(
      `${t.url}/api/admin/audit?action=${REFUSAL_ACTION}&targetId=${encodeURIComponent(targetId)}&limit=50`,
      { headers: { cookie: auditor } },
    );
    return (await readJson(res)).entries as any[];
  };

  it.skipIf(!!engine.skip)(
    'records a refused REST request with the caller, the route and the source address',
    async () => {
      const agent = await login(t.url, 'agent.police', 'demo-agent-2026');
      const me = await readJson(
        await fetch(`${t.url}/api/auth/me`, { headers: { cookie: agent } }),
      );
      const res = await fetch(`${t.url}/api/admin/accounts`, { headers: { cookie: agent } });
      expect(res.status).toBe(403);
      const anon = await fetch(`${t.url}/api/admin/terminals`);
      expect(anon.status).toBe(401);

      const [forbidden] = await refusals('GET /api/admin/accounts');
      expect(forbidden).toMatchObject({
        actorType: 'staff',
        actorId: me.profile.id,
        targetType: 'route',
        details: { code: 'FORBIDDEN' },
      });
      expect(forbidden.ip).toMatch(/127\.0\.0\.1/);
      const [unauthenticated] = await refusals('GET /api/admin/terminals');
      expect(unauthenticated).toMatchObject({
        actorType: 'anonymous',
        actorId: null,
        details: { code: 'UNAUTHENTICATED' },
      });
      expect(unauthenticated.ip).toMatch(/127\.0\.0\.1/);
    },
  );

  it.skipIf(!!engine.skip)(
    'records a failed enrolment and a throttled sign-in as refusals',
    async () => {
      const enrol = await fetch(`${t.url}/api/terminal/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ terminalId: 'PY-BOOTH-404', code: 'ABCD-EFGH-JKLM' }),
      });
      expect(enrol.status).toBe(401);
      const [entry] = await refusals('POST /api/terminal/enrol');
      expect(entry.details.code).toBe('ENROLMENT_CODE_INVALID');
      expect(entry.ip).toMatch(/127\.0\.0\.1/);
      const attempt = () =>
        fetch(`${t.url}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'supervisor', password: 'wrong' }),
        });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await attempt()).status);
      expect(statuses).toContain(429);
      const entries = await refusals('POST /api/auth/login');
      const codes = entries.map((e) => e.details.code);
      expect(codes).toContain('LOGIN_THROTTLED');
      expect(codes).toContain('BAD_CREDENTIALS');
      expect(entries.every((e) => /127\.0\.0\.1/.test(e.ip))).toBe(true);
    },
  );

  it.skipIf(!!engine.skip)(
    'records a socket event refused as FORBIDDEN and a refused handshake',
    async () => {
      const agent = await login(t.url, 'agent.police', 'demo-agent-2026');
      const socket = await connectSocket(t.url, '/staff', { cookie: agent });
      try {
        // fleet:list is for maintenance staff only.
        const refused = await requestRefusal(socket, 'fleet:list', {});
        expect(refused.error.code).toBe('FORBIDDEN');
        // Joining the media of a call one is not in.
        const notInCall = await requestRefusal(socket, 'media:join', { callId: 'call-of-another' });
        expect(notInCall.error.code).toBe('NOT_IN_CALL');
      } finally {
        socket.close();
      }
      const [media] = await refusals('/staff media:join');
      expect(media).toMatchObject({ actorType: 'staff', details: { code: 'NOT_IN_CALL' } });
      expect(media.ip).toMatch(/127\.0\.0\.1/);
      const [entry] = await refusals('/staff fleet:list');
      expect(entry).toMatchObject({ actorType: 'staff', details: { code: 'FORBIDDEN' } });
      expect(entry.ip).toMatch(/127\.0\.0\.1/);

      await expect(
        connectSocket(t.url, '/kiosk', { auth: { token: 'not-a-kiosk-token' } }),
      ).rejects.toThrow();
      const [handshake] = await refusals('/kiosk handshake');
      expect(handshake).toMatchObject({ actorType: 'anonymous', targetType: 'namespace' });
      expect(handshake.ip).toMatch(/127\.0\.0\.1/);
    },
  );

  it.skipIf(!!engine.skip)('keeps one unbroken chain under concurrent writers', async () => {
    const writes = Array.from({ length: 40 }, (_, i) =>
      t.server.audit.record({
        actorType: 'system',
        actorId: null,
        action: 'test.concurrent',
        details: { i },
      }),
    );
    // …and REST refusals racing them from outside.
    const refused = Array.from({ length: 10 }, () => fetch(`${t.url}/api/admin/accounts`));
    await Promise.all([...writes, ...refused]);
    const result = await t.server.audit.verify();
    expect(result.problems).toEqual([]);
    const head = await t.server.audit.head();
    expect(result.checked).toBe(head.seq - head.floorSeq);
  });

  it.skipIf(!!engine.skip)(
    'keeps one chain when a second server process appends to the same database',
    async () => {
      // A second process on the same database, as a second booth server would be.
      const script = `
        const { Database } = await import(${JSON.stringify(path.join(here, '../db/database.ts'))});
        const { AuditLog } = await import(${JSON.stringify(path.join(here, 'audit-log.ts'))});
        const db = await Database.open({ dataDir: process.env.DATA_DIR, databaseUrl: process.env.DATABASE_URL || undefined });
        const log = new AuditLog(db.db);
        await Promise.all(Array.from({ length: 30 }, (_, i) =>
          log.record({ actorType: 'system', actorId: null, action: 'test.second-process', details: { i } })));
        await db.close();
      `;
      const child = run(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        {
          cwd: repoRoot,
          env: { ...process.env, ...env(), LOG_LEVEL: 'silent' },
        },
      );
      // …while this one appends too (both stay within their busy timeout).
      await Promise.all([
        child,
        ...Array.from({ length: 30 }, (_, i) =>
          t.server.audit.record({
            actorType: 'system',
            actorId: null,
            action: 'test.first-process',
            details: { i },
          }),
        ),
      ]);
      const result = await t.server.audit.verify();
      expect(result.problems).toEqual([]);
      const second = await t.server.audit.list({ action: 'test.second-process', limit: 100 });
      expect(second).toHaveLength(30);
    },
  );

  it.skipIf(!!engine.skip)(
    'verify command finds a changed row and a deleted row and names them',
    async () => {
      const clean = await verifyCommand(env());
      expect(clean.out).toMatch(/audit chain intact/);
      expect(clean.code).toBe(0);

      const db = t.server.database.db;
      const rows = await db.selectFrom('audit_log').select(['id', 'seq']).orderBy('seq').execute();
      expect(rows.length).toBeGreaterThan(10);
      const changed = rows[3] as { id: string; seq: number };
      const deleted = rows[7] as { id: string; seq: number };
      // An insider rewrites who did something, and removes another entry entirely.
      await db
        .updateTable('audit_log')
        .set({ actor_id: 'someone-else' })
        .where('id', '=', changed.id)
        .execute();
      await db.deleteFrom('audit_log').where('id', '=', deleted.id).execute();

      const broken = await verifyCommand(env());
      expect(broken.code).toBe(1);
      expect(broken.out).toContain(`changed: entry ${changed.id}`);
      expect(broken.out).toMatch(new RegExp(`deleted: entries ${Number(deleted.seq)} are missing`));
      expect(broken.out).toMatch(/audit chain BROKEN/);

      // Covering the change by recomputing that row's digest still breaks the link to it.
      await sql`update audit_log set digest = 'sm3:00' where id = ${changed.id}`.execute(db);
      const covered = await verifyCommand(env());
      expect(covered.out).toContain(`chain-broken: entry ${changed.id}`);
    },
  );
});

describe('audit retention', () => {
  it('refuses a retention under six months', () => {
    expect(() => loadConfig({}, { AUDIT_RETENTION_DAYS: 179 })).toThrow(ConfigError);
    expect(() => loadConfig({}, { AUDIT_RETENTION_DAYS: 179 })).toThrow(/180 days/);
    expect(loadConfig({}, {}).AUDIT_RETENTION_DAYS).toBe(180);
  });

  it('deletes entries older than the retention on its timer and the chain still verifies', async () => {
    let now = Date.UTC(2026, 0, 1);
    const interval = 300;
    const t = await startTestServer(
      { AUDIT_RETENTION_DAYS: 200, RETENTION_CHECK_INTERVAL_MS: 1000 },
      { now: () => now },
    );
    try {
      const old = await t.server.audit.record({
        actorType: 'system',
        actorId: null,
        action: 'test.old',
      });
      now += 100 * 86_400_000;
      const recent = await t.server.audit.record({
        actorType: 'system',
        actorId: null,
        action: 'test.recent',
      });
      const has = async (id: string) =>
        !!(await t.server.database.db
          .selectFrom('audit_log')
          .select('id')
          .where('id', '=', id)
          .executeTakeFirst());
      now += 101 * 86_400_000; // the old entry is now 201 days old, the recent one 101
      // No request, no later write: the timer alone must remove it within one interval.
      const deadline = Date.now() + 1000 + 2 * interval + 2000;
      while ((await has(old)) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, interval));
      }
      expect(await has(old)).toBe(false);
      expect(await has(recent)).toBe(true);
      const result = await t.server.audit.verify();
      expect(result.problems).toEqual([]);
      expect((await t.server.audit.head()).floorSeq).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
