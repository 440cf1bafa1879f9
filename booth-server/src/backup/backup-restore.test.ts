import { randomBytes, randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { kioskSession } from '../testing/kiosk-client.ts';
import { createPgTestDatabase, type PgTestDatabase } from '../testing/postgres.ts';
import { login, readJson, startTestServer, type TestServer } from '../testing/test-server.ts';
import { BackupError } from './backup-error.ts';
import { backupData } from './data-backup.ts';
import { restoreData } from './data-restore.ts';

const dataset = await loadDemoDataset();
const mother = identityCardOf(
  dataset.people.find((p) => p.idNumber === '33990219940612022X') ?? dataset.people[0]!,
);
const newborn = dataset.scenarios.find((s) => s.bundle === 'YJSP001');
const key = () => randomBytes(32).toString('base64');
// The keys come from configuration, as in production: the backup never holds them.
const KEYS = { DATA_KEYS: `k1=${key()}`, DATA_KEY_ID: 'k1', DATA_INDEX_KEY: key() };
const dirs: string[] = [];
const tmp = (name: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), `onething-${name}-`));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A case filed and a document uploaded through the real kiosk API. */
async function someData(t: TestServer) {
  const admin = await login(t.url, 'admin', 'demo-admin-2026');
  const kiosk = await kioskSession(t.url, admin, 'K-BACKUP');
  expect((await kiosk.attest(mother)).ok).toBe(true);
  const notice = await readJson(await kiosk.call('GET', '/bundles/YJSP001'));
  const filed = await kiosk.call('POST', '/cases', {
    idempotencyKey: randomUUID(),
    bundleCode: 'YJSP001',
    consents: [{ purpose: 'minorData', wording: '2026-12' }],
    itemCodes: notice.items.map((i: { code: string }) => i.code),
    answers: newborn?.typed,
  });
  const body = await readJson(filed);
  expect(filed.status, JSON.stringify(body)).toBe(201);
  const png = Buffer.concat([
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    randomBytes(64),
  ]);
  const up = await kiosk.call('POST', '/uploads', png, { 'content-type': 'image/png' });
  expect(up.status).toBe(201);
  kiosk.close();
  return {
    caseNumber: body.case.caseNumber as string,
    uploadId: (await readJson(up)).uploadId,
    png,
  };
}

async function agentReads(t: TestServer, caseNumber: string) {
  const agent = await login(t.url, 'agent.health', 'demo-agent-2026');
  return readJson(await fetch(`${t.url}/api/cases/${caseNumber}`, { headers: { cookie: agent } }));
}

/** Backs up a live server, restores into a fresh place, and reads the same data back there. */
async function roundTrip(place: {
  source?: string;
  target?: () => string;
}): Promise<{ backup: string; restoredDir: string; targetUrl: string | undefined }> {
  const original = await startTestServer({
    ...KEYS,
    ...(place.source ? { DATABASE_URL: place.source } : {}),
  });
  const backup = path.join(tmp('backup'), 'set');
  let made: Awaited<ReturnType<typeof someData>>;
  try {
    made = await someData(original);
    // Taken while the server runs, as an operator's nightly job would.
    const manifest = await backupData(
      { dataDir: original.dataDir, databaseUrl: place.source },
      backup,
    );
    expect(manifest.files.length).toBeGreaterThan(0);
    expect(manifest.migrations.length).toBeGreaterThan(0);
  } finally {
    await original.close();
  }
  const restoredDir = tmp('restored');
  const targetUrl = place.target?.();
  await restoreData(backup, { dataDir: restoredDir, databaseUrl: targetUrl });
  // Over data now there: refused unless told.
  await expect(
    restoreData(backup, { dataDir: restoredDir, databaseUrl: targetUrl }),
  ).rejects.toThrow(/already/);

  const restored = await startTestServer(
    { ...KEYS, ...(targetUrl ? { DATABASE_URL: targetUrl } : {}) },
    { keepDataDir: restoredDir, seed: false },
  );
  try {
    const detail = await agentReads(restored, made.caseNumber);
    expect(detail.applicant.name).toBe(mother.name);
    expect(detail.applicant.idNumber).toBe(mother.idNumber);
    const file = await restored.server.uploads.read(made.uploadId);
    expect(Buffer.from(file.bytes).equals(made.png)).toBe(true);
  } finally {
    await restored.close();
  }
  return { backup, restoredDir, targetUrl };
}

describe('backup and restore (SQLite)', () => {
  it('restores a running server’s database and uploads into a fresh data directory', async () => {
    const { backup } = await roundTrip({});
    // With --force it replaces what is there.
    const again = tmp('again');
    await restoreData(backup, { dataDir: again });
    await expect(restoreData(backup, { dataDir: again }, { force: true })).resolves.toBeTruthy();
  });

  it('refuses a backup whose files do not match the manifest, before writing anything', async () => {
    const t = await startTestServer(KEYS);
    const backup = path.join(tmp('backup'), 'set');
    let manifest;
    try {
      await someData(t);
      manifest = await backupData({ dataDir: t.dataDir }, backup);
    } finally {
      await t.close();
    }
    appendFileSync(path.join(backup, manifest.files[0]!.path), 'x');
    const target = tmp('tampered');
    const refused = restoreData(backup, { dataDir: target });
    await expect(refused).rejects.toBeInstanceOf(BackupError);
    await expect(refused).rejects.toThrow(/SHA-256/);
    expect(readdirSync(target)).toEqual([]);
  });
});

const pgSource = await createPgTestDatabase();
const pgTarget = 'skip' in pgSource ? pgSource : await createPgTestDatabase();
const skip = 'skip' in pgSource ? pgSource.skip : 'skip' in pgTarget ? pgTarget.skip : null;
if (skip) console.warn(`skipping the PostgreSQL backup test: ${skip}`);

(skip ? describe.skip : describe)('backup and restore (PostgreSQL)', () => {
  const source = pgSource as PgTestDatabase;
  const target = pgTarget as PgTestDatabase;
  afterAll(async () => {
    await source.drop();
    await target.drop();
  });

  it('restores with pg_dump/pg_restore into a fresh database, uploads and all', async () => {
    const { backup } = await roundTrip({ source: source.url, target: () => target.url });
    // The database is refused on its own too (an empty DATA_DIR does not make it fresh)...
    const elsewhere = { dataDir: tmp('elsewhere'), databaseUrl: target.url };
    await expect(restoreData(backup, elsewhere)).rejects.toThrow(/table\(s\)/);
    // ...and replaced when told.
    await expect(restoreData(backup, elsewhere, { force: true })).resolves.toBeTruthy();
  });
});
