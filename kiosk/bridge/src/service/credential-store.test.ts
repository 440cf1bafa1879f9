import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enrolTerminal } from '../../../../booth-server/src/testing/terminals.ts';
import {
  login,
  readJson,
  startTestServer,
  type TestServer,
} from '../../../../booth-server/src/testing/test-server.ts';
import { BoothHttp, SERVER_UNREACHABLE } from './booth-http.ts';
import { CredentialError, CredentialStore } from './credential-store.ts';

let t: TestServer;
let admin: string;
let dir: string;
const log = pino({ level: 'silent' });

beforeAll(async () => {
  t = await startTestServer();
  admin = await login(t.url, 'admin', 'demo-admin-2026');
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bridge-cred-'));
  return () => rm(dir, { recursive: true, force: true });
});

/** Registers a terminal as an admin would and returns its one-time enrolment code. */
async function register(id: string): Promise<string> {
  const res = await fetch(`${t.url}/api/admin/terminals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: admin },
    body: JSON.stringify({
      id,
      name: `终端 ${id}`,
      site: '青川区政务服务中心',
      region: '440113',
      kind: 'terminal',
    }),
  });
  expect(res.status).toBe(201);
  return (await readJson(res)).enrolmentCode;
}

describe('CredentialStore against a real booth server', () => {
  it('enrols once with the code, stores the credential 0600, and reuses it after the code is spent', async () => {
    const code = await register('CRED-0001');
    const http = new BoothHttp(t.url);
    const store = new CredentialStore(dir, http, log);
    const first = await store.obtain({ terminalId: 'CRED-0001', code });
    expect(first.terminalId).toBe('CRED-0001');
    expect(first.credential.startsWith('CRED-0001.')).toBe(true);
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(store.file, 'utf8'))).toEqual(first);

    // The code is spent: a second start must use the stored credential, not enrol again.
    const again = await new CredentialStore(dir, http, log).obtain({
      terminalId: 'CRED-0001',
      code,
    });
    expect(again).toEqual(first);

    // The credential really identifies the terminal: the server issues a kiosk session for it.
    const session = await http.kioskSession(first.credential);
    expect(session.terminalId).toBe('CRED-0001');
    expect(session.expiresAt).toBeGreaterThan(Date.now());
  });

  it('refuses a wrong code with the server reason, and stores nothing', async () => {
    await register('CRED-0002');
    const store = new CredentialStore(dir, new BoothHttp(t.url), log);
    const err = await store
      .obtain({ terminalId: 'CRED-0002', code: 'wrong-code-123' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(CredentialError);
    expect(err.message).toContain('ENROLMENT_CODE_INVALID');
    expect(await store.read()).toBeNull();
  });

  it('says what to set when there is neither a credential nor an enrolment code', async () => {
    const store = new CredentialStore(dir, new BoothHttp(t.url), log);
    const err = await store.obtain(null).catch((e) => e);
    expect(err).toBeInstanceOf(CredentialError);
    expect(err.message).toMatch(/BRIDGE_TERMINAL_ID and BRIDGE_ENROLMENT_CODE/);
  });

  it('refuses a damaged credential file instead of enrolling over it', async () => {
    const store = new CredentialStore(dir, new BoothHttp(t.url), log);
    await writeFile(store.file, '{"terminalId":');
    await expect(store.obtain(null)).rejects.toThrow(/damaged/);
  });

  it('passes the server code through for a revoked-looking credential and reports an unreachable server', async () => {
    const credential = await enrolTerminal(t.url, admin, 'CRED-0003');
    const http = new BoothHttp(t.url);
    await expect(http.kioskSession(`${credential}x`)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const down = new BoothHttp('http://127.0.0.1:9', { timeoutMs: 2000 });
    const err = await down.kioskSession(credential).catch((e) => e);
    expect(err.code).toBe(SERVER_UNREACHABLE);
    expect(err.message).toMatch(/booth server unreachable/);
    expect(err.details).toEqual({ upstream: 'booth-server' });
  });
});
