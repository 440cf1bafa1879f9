import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startTestServer } from './testing/test-server.ts';
import { hasOpenssl, selfSignedCertificate } from './testing/tls.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
if (!hasOpenssl) console.warn('[skip] HTTPS test: no openssl command to make a test certificate');

/** Runs `booth-server/src/main.ts` as a user would, returning its exit code and output. */
function runMain(env: Record<string, string>): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'booth-server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'silent', PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** What a production start must name explicitly. */
const PRODUCTION = {
  ONETHING_MODE: 'production',
  SHARED_DATA_ADAPTER: 'simulated',
  ELECTRONIC_ID_VERIFIER: 'simulated',
  TIME_STAMP_AUTHORITY: 'simulated',
  SMS_ADAPTER: 'simulated',
  CERTIFICATE_HMAC_KEY: 'k'.repeat(32),
  // Production takes its data keys from configuration (see docs/security.md).
  DATA_KEYS: `p1=${randomBytes(32).toString('base64')}`,
  DATA_INDEX_KEY: randomBytes(32).toString('base64'),
} as const;

describe('start-up', () => {
  it('stops with one line naming a bad configuration key', () => {
    const r = runMain({ PORT: 'http', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'ot-')) });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/booth server cannot start: config PORT: .*"http"/);
  });

  it('refuses to run in production without the certificate digest key', () => {
    const { CERTIFICATE_HMAC_KEY: _key, ...withoutKey } = PRODUCTION;
    const r = runMain({ ...withoutKey, DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'ot-prod-')) });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/config CERTIFICATE_HMAC_KEY: required in production/);
  });

  it('refuses to run in production while demo accounts exist', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ot-prod-'));
    const t = await startTestServer({}, { seed: true, keepDataDir: dataDir });
    await t.close();
    const r = runMain({ ...PRODUCTION, DATA_DIR: dataDir });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/refusing to start in production: \d+ demo account/);
  });

  it('refuses SEED_DEMO in production on a fresh database, before creating anything', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ot-prod-seed-'));
    const r = runMain({ ...PRODUCTION, SEED_DEMO: 'true', DATA_DIR: dataDir });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/cannot start: config SEED_DEMO: production never seeds demo data/);
    expect(r.out).not.toContain('demo-admin-2026');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses production while the shared-data and CTID adapters are not named', () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ot-prod-adapters-'));
    const r = runMain({ ONETHING_MODE: 'production', DATA_DIR: dataDir });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/config SHARED_DATA_ADAPTER: production must name this adapter/);
  });

  it('a production start says which adapters are simulated, in its start-up line and /healthz, and has no demo sign-in', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ot-prod-run-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'booth-server/src/main.ts'], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', PORT: '0', ...PRODUCTION, DATA_DIR: dataDir },
    });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /health\s+(\S+)\/healthz/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      expect(out).toMatch(
        /adapters\s+shared data: simulated, CTID verifier: simulated, time-stamps: simulated, SMS: simulated\s+\(SIMULATED: sharedData, electronicId, timeStamp, sms\)/,
      );
      expect(out).not.toContain('demo logins');
      const health = (await (await fetch(`${url}/healthz`)).json()) as { simulated: string[] };
      expect(health.simulated).toEqual(['sharedData', 'electronicId', 'timeStamp', 'sms']);
      const login = await fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'demo-admin-2026' }),
      });
      expect(login.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('a demo account enabled in a production database never signs in, and the refusal is audited', async () => {
    const t = await startTestServer({
      ...PRODUCTION,
      ONETHING_MODE: 'production',
    });
    try {
      const res = await fetch(`${t.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'demo-admin-2026' }),
      });
      expect(res.status).toBe(401);
      const audit = await t.server.audit.list({ action: 'auth.login.demoRefused', limit: 5 });
      expect(audit[0]?.targetId).toBe('admin');
    } finally {
      await t.close();
    }
  });

  it.skipIf(!hasOpenssl)('serves HTTPS when given a certificate and key', async () => {
    const { cert, key } = selfSignedCertificate();
    const t = await startTestServer({ TLS_CERT_FILE: cert, TLS_KEY_FILE: key });
    expect(t.url).toMatch(/^https:/);
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get(`${t.url}/healthz`, { rejectUnauthorized: false }, (res) => {
          let data = '';
          res.on('data', (c) => (data += c));
          res.on('end', () => resolve(data));
        })
        .on('error', reject);
    });
    expect(JSON.parse(body).status).toBe('ok');
    await t.close();
  });
});
