import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AccountService } from '../accounts/account-service.ts';
import { AuditLog } from '../audit/audit-log.ts';
import { createPgTestDatabase, type PgTestDatabase } from '../testing/postgres.ts';
import { Database } from './database.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'onething-db-'));
const policy = { sessionTtlMs: 60_000, maxFailures: 3, lockMs: 60_000 };

describe('embedded SQLite storage', () => {
  it('creates the data directory and file on first start, and reopens them', async () => {
    const dir = path.join(tmp, 'fresh', 'nested');
    const db = await Database.open({ dataDir: dir });
    const audit = new AuditLog(db.db);
    await audit.record({ actorType: 'system', actorId: null, action: 'test.kept' });
    await db.close();
    const again = await Database.open({ dataDir: dir });
    const entries = await new AuditLog(again.db).list({ limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(['test.kept']);
    expect((await again.health()).ok).toBe(true);
    await again.close();
  });

  it('refuses a corrupt database file and leaves it untouched', async () => {
    const dir = path.join(tmp, 'corrupt');
    mkdirSync(dir);
    const file = path.join(dir, 'onething.sqlite');
    writeFileSync(file, 'this is not sqlite, but somebody may need it');
    await expect(Database.open({ dataDir: dir })).rejects.toThrow(
      /not a SQLite database.*not modified/,
    );
    expect(readFileSync(file, 'utf8')).toBe('this is not sqlite, but somebody may need it');
  });

  const asRoot = process.getuid?.() === 0;
  if (asRoot) console.warn('[skip] unwritable data directory test: root can write anywhere');
  it.skipIf(asRoot)('says when the data directory is not writable', async () => {
    const dir = path.join(tmp, 'readonly');
    mkdirSync(dir);
    chmodSync(dir, 0o500);
    await expect(Database.open({ dataDir: dir })).rejects.toThrow(/cannot be created or written/);
  });

  it('says when the data directory cannot be created', async () => {
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, 'x');
    await expect(Database.open({ dataDir: path.join(file, 'sub') })).rejects.toThrow(
      /data directory .* cannot be created or written \(ENOTDIR\)/,
    );
  });
});

describe('PostgreSQL connection errors', () => {
  it('names DATABASE_URL, hides the password and says why', async () => {
    await expect(
      Database.open({ dataDir: tmp, databaseUrl: 'postgres://u:secret@127.0.0.1:1/nodb' }),
    ).rejects.toThrow(
      /DATABASE_URL: cannot connect to PostgreSQL at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/nodb/,
    );
  });
});

// The same storage behaviour, proven on both engines.
const pgDb = await createPgTestDatabase();
const engines: [string, () => Promise<Database>, string | null][] = [
  ['sqlite', () => Database.open({ dataDir: mkdtempSync(path.join(tmp, 'engine-')) }), null],
  [
    'postgres',
    () => Database.open({ dataDir: tmp, databaseUrl: (pgDb as PgTestDatabase).url }),
    'skip' in pgDb ? pgDb.skip : null,
  ],
];
for (const [, , reason] of engines)
  if (reason) console.warn(`[skip] PostgreSQL storage tests: ${reason}`);

afterAll(async () => {
  if (!('skip' in pgDb)) await pgDb.drop();
});

describe.each(engines)('storage on %s', (_name, open, skipReason) => {
  it.skipIf(!!skipReason)('stores accounts, sessions and audit entries the same way', async () => {
    const db = await open();
    try {
      const audit = new AuditLog(db.db);
      const accounts = new AccountService(db.db, audit, policy);
      const created = await accounts.create(
        {
          username: 'agent.x',
          displayName: '某坐席',
          password: 'long-enough-pw',
          roles: ['agent'],
          department: 'GA',
          regions: ['440113'],
        },
        { id: null, ip: '127.0.0.1' },
      );
      expect(created.department).toBe('GA');
      const session = await accounts.login('agent.x', 'long-enough-pw', { ip: '127.0.0.1' });
      const back = await accounts.authenticate(session.token);
      expect(back?.profile.id).toBe(created.id);
      expect(typeof back?.expiresAt).toBe('number');
      await expect(accounts.login('agent.x', 'wrong', { ip: '127.0.0.1' })).rejects.toMatchObject({
        code: 'BAD_CREDENTIALS',
      });
      const actions = (await audit.list({ limit: 10 })).map((e) => e.action);
      expect(actions).toEqual(['auth.login.failed', 'auth.login', 'account.create']);
      expect((await db.health()).ok).toBe(true);
    } finally {
      await db.close();
    }
  });
});
