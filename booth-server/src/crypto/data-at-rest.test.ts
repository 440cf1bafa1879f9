import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { kioskSession } from '../testing/kiosk-client.ts';
import { login, readJson, startTestServer, type TestServer } from '../testing/test-server.ts';
import { FieldCipher } from './field-cipher.ts';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataset = await loadDemoDataset();
const mother = identityCardOf(
  dataset.people.find((p) => p.idNumber === '33990219940612022X') ??
    (() => {
      throw new Error('seeded mother missing');
    })(),
);
const newborn = dataset.scenarios.find((s) => s.bundle === 'YJSP001');
const dirs: string[] = [];
/** Free text a person could be named in; neither may reach the database's bytes in clear. */
const NOTE = '请补交出生医学证明原件（王五代办）';
const COMMENT = '窗口的李警官很耐心，谢谢';
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Files a 新生儿出生 case for the seeded mother through the real kiosk API. */
async function fileCase(t: TestServer, terminalId: string): Promise<string> {
  return (await fileCaseAt(t, terminalId)).caseNumber;
}

/** The same, keeping the kiosk session (the visit that filed the case may rate it). */
async function fileCaseAt(t: TestServer, terminalId: string) {
  const admin = await login(t.url, 'admin', 'demo-admin-2026');
  const kiosk = await kioskSession(t.url, admin, terminalId);
  // The card is read at the kiosk: the bridge attests it, so the kiosk's session holds it too.
  expect((await kiosk.attest(mother)).ok).toBe(true);
  const notice = await readJson(await kiosk.call('GET', '/bundles/YJSP001'));
  const res = await kiosk.call('POST', '/cases', {
    idempotencyKey: randomUUID(),
    bundleCode: 'YJSP001',
    consents: [{ purpose: 'minorData', wording: '2026-12' }],
    itemCodes: notice.items.map((i: { code: string }) => i.code),
    answers: newborn?.typed,
  });
  const body = await readJson(res);
  expect(res.status, JSON.stringify(body)).toBe(201);
  return { caseNumber: body.case.caseNumber as string, kiosk };
}

const lookup = (t: TestServer, caseNumber: string, idLast4: string) =>
  fetch(`${t.url}/api/public/cases/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ caseNumber, idLast4 }),
  });

/** What an agent of the case's lead department reads (the decrypted record). */
async function agentReads(t: TestServer, caseNumber: string) {
  const agent = await login(t.url, 'agent.health', 'demo-agent-2026');
  return readJson(await fetch(`${t.url}/api/cases/${caseNumber}`, { headers: { cookie: agent } }));
}

describe('personal data at rest (SQLite)', () => {
  it('keeps the database owner-only and no name, ID number, note or comment in its bytes', async () => {
    const t = await startTestServer();
    try {
      const { caseNumber, kiosk } = await fileCaseAt(t, 'K-REST-1');
      // Free text about the case: the department's note, and the citizen's comment.
      const agent = await login(t.url, 'agent.health', 'demo-agent-2026');
      const moved = await fetch(`${t.url}/api/cases/${caseNumber}/transition`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: agent },
        body: JSON.stringify({ to: 'in_review', note: NOTE }),
      });
      expect(moved.status, JSON.stringify(await readJson(moved.clone()))).toBe(200);
      const rated = await kiosk.call('POST', '/ratings', {
        caseNumber,
        channel: 'onsite',
        level: 'satisfied',
        comment: COMMENT,
      });
      expect(rated.status, JSON.stringify(await readJson(rated.clone()))).toBeLessThan(300);

      const detail = await agentReads(t, caseNumber);
      expect(detail.applicant.name).toBe(mother.name);
      expect(detail.applicant.idNumber).toBe(mother.idNumber);
      // the note reads back in full for the department that wrote it
      expect(detail.timeline.map((e: { note: string | null }) => e.note)).toContain(NOTE);
      expect((await lookup(t, caseNumber, mother.idNumber.slice(-4))).status).toBe(200);
      expect((await lookup(t, caseNumber, '0000')).status).toBe(404);

      const db = path.join(t.dataDir, 'onething.sqlite');
      const files = [db, `${db}-wal`, `${db}-shm`].filter((f) => existsSync(f));
      expect(files.length).toBeGreaterThanOrEqual(2);
      for (const f of files) expect((statSync(f).mode & 0o777).toString(8), f).toBe('600');

      const secrets = [mother.name, mother.idNumber, mother.address, NOTE, COMMENT].filter(
        Boolean,
      ) as string[];
      for (const f of files) {
        const bytes = readFileSync(f);
        for (const s of secrets) {
          expect(bytes.includes(Buffer.from(s, 'utf8')), `${s} in ${path.basename(f)}`).toBe(false);
        }
      }
    } finally {
      await t.close();
    }
  });

  it('narrows a database file an older run left world-readable', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'onething-mode-'));
    dirs.push(dir);
    const first = await startTestServer({}, { keepDataDir: dir, seed: false });
    await first.close();
    const { chmodSync } = await import('node:fs');
    chmodSync(path.join(dir, 'onething.sqlite'), 0o644);
    const again = await startTestServer({}, { keepDataDir: dir, seed: false });
    await again.close();
    expect((statSync(path.join(dir, 'onething.sqlite')).mode & 0o777).toString(8)).toBe('600');
  });

  it('stores uploaded materials encrypted in owner-only files', async () => {
    const t = await startTestServer();
    try {
      const admin = await login(t.url, 'admin', 'demo-admin-2026');
      const kiosk = await kioskSession(t.url, admin, 'K-REST-2');
      const marker = `ID-PHOTO-${randomBytes(6).toString('hex')}`;
      const png = Buffer.concat([
        Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
        Buffer.from(marker),
      ]);
      const res = await kiosk.call('POST', '/uploads', png, { 'content-type': 'image/png' });
      expect(res.status, await res.clone().text()).toBe(201);
      const root = path.join(t.dataDir, 'uploads');
      const stored = readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) =>
        e.isFile(),
      );
      expect(stored.length).toBe(1);
      const file = path.join(stored[0]?.parentPath ?? '', stored[0]?.name ?? '');
      expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
      expect(readFileSync(file).includes(Buffer.from(marker))).toBe(false);
    } finally {
      await t.close();
    }
  });
});

describe('key rotation', () => {
  const key = () => randomBytes(32).toString('base64');
  const k1 = key();
  const k2 = key();
  const indexKey = key();

  it('re-encrypts every case under the new key, after which the old key can go', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'onething-rekey-'));
    dirs.push(dir);
    const keys = (DATA_KEYS: string, DATA_KEY_ID: string) => ({
      DATA_KEYS,
      DATA_KEY_ID,
      DATA_INDEX_KEY: indexKey,
    });
    const before = await startTestServer(keys(`k1=${k1}`, 'k1'), { keepDataDir: dir });
    const caseNumber = await fileCase(before, 'K-ROT-1');
    const raw = async (t: TestServer) =>
      (
        await t.server.database.db
          .selectFrom('cases')
          .select(['applicant', 'answers'])
          .where('case_number', '=', caseNumber)
          .executeTakeFirstOrThrow()
      ).applicant;
    expect(await raw(before)).toMatch(/^enc1:k1:sm:/);
    // A note written before notes were encrypted is plaintext in the table.
    const legacy = await before.server.database.db
      .updateTable('sub_cases')
      .set({ note: NOTE })
      .where('case_number', '=', caseNumber)
      .executeTakeFirst();
    const legacyNotes = Number(legacy.numUpdatedRows);
    expect(legacyNotes).toBeGreaterThan(0);
    await before.close();

    // Step 1: the new key joins and becomes active; old rows stay readable.
    const during = await startTestServer(keys(`k1=${k1},k2=${k2}`, 'k2'), {
      keepDataDir: dir,
      seed: false,
    });
    expect((await agentReads(during, caseNumber)).applicant.name).toBe(mother.name);
    await during.close();

    // Step 2: the rotation command re-encrypts.
    const env = {
      ...process.env,
      DATA_DIR: dir,
      ONETHING_MODE: 'test',
      LOG_LEVEL: 'silent',
      ...keys(`k1=${k1},k2=${k2}`, 'k2'),
    };
    const { stdout } = await run('npm', ['run', '--silent', 'data:rekey'], { cwd: repoRoot, env });
    expect(stdout).toMatch(/1 case\(s\) checked, 1 re-encrypted under key k2 \(sm\)/);
    expect(stdout).toContain(`${legacyNotes} note(s), comment(s) and call record(s) re-encrypted`);

    // Step 3: the old key is gone from configuration; everything still reads and looks up.
    const after = await startTestServer(keys(`k2=${k2}`, 'k2'), { keepDataDir: dir, seed: false });
    try {
      expect(await raw(after)).toMatch(/^enc1:k2:sm:/);
      const notes = await after.server.database.db
        .selectFrom('sub_cases')
        .select('note')
        .where('case_number', '=', caseNumber)
        .execute();
      for (const n of notes) expect(n.note).toMatch(/^enc1:k2:sm:/);
      expect((await agentReads(after, caseNumber)).view.subCases[0].note).toBe(NOTE);
      expect((await agentReads(after, caseNumber)).applicant.idNumber).toBe(mother.idNumber);
      expect((await lookup(after, caseNumber, mother.idNumber.slice(-4))).status).toBe(200);
    } finally {
      await after.close();
    }
  });

  it('refuses production without configured keys, and keys of the wrong size', async () => {
    const { loadDataKeys } = await import('./data-keys.ts');
    expect(() => loadDataKeys({ ONETHING_MODE: 'production', DATA_DIR: os.tmpdir() })).toThrow(
      /DATA_KEYS/,
    );
    expect(() =>
      loadDataKeys({
        ONETHING_MODE: 'test',
        DATA_DIR: os.tmpdir(),
        DATA_KEYS: `k1=${randomBytes(16).toString('base64')}`,
        DATA_INDEX_KEY: indexKey,
      }),
    ).toThrow(/32 bytes/);
  });
});

describe.each(['sm', 'intl'] as const)('the %s suite', (suite) => {
  const keys = () => ({
    keys: new Map([['a', randomBytes(32)]]),
    activeKeyId: 'a',
    indexKey: randomBytes(32),
  });

  it('round-trips, names its key and suite, and refuses an altered ciphertext', () => {
    const cipher = new FieldCipher(suite, keys());
    const stored = cipher.encrypt('林晓雯 33990219940612022X');
    expect(stored.startsWith(`enc1:a:${suite}:`)).toBe(true);
    expect(stored).not.toContain('林晓雯');
    expect(cipher.decrypt(stored)).toBe('林晓雯 33990219940612022X');
    const body = Buffer.from(stored.split(':')[3] ?? '', 'base64');
    body[body.length - 20] = (body[body.length - 20] ?? 0) ^ 1;
    const altered = `enc1:a:${suite}:${body.toString('base64')}`;
    expect(() => cipher.decrypt(altered)).toThrow(/does not authenticate/);
    // Another installation's key cannot read it either.
    expect(() => new FieldCipher(suite, keys()).decrypt(stored)).toThrow(/does not authenticate/);
  });

  it('gives equal blind indexes for equal values under one key only', () => {
    const a = new FieldCipher(suite, keys());
    expect(a.index('id', '33990219940612022X')).toBe(a.index('id', '33990219940612022X'));
    expect(a.index('id', '33990219940612022X')).not.toBe(a.index('id', '33990219940612023X'));
    expect(new FieldCipher(suite, keys()).index('id', '33990219940612022X')).not.toBe(
      a.index('id', '33990219940612022X'),
    );
  });
});
