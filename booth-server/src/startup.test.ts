import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startTestServer } from './testing/test-server.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
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

describe('start-up', () => {
  it('stops with one line naming a bad configuration key', () => {
    const r = runMain({ PORT: 'http', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'ot-')) });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/booth server cannot start: config PORT: .*"http"/);
  });

  it('refuses to run in production while demo accounts exist', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ot-prod-'));
    const t = await startTestServer({}, { seed: true, keepDataDir: dataDir });
    await t.close();
    const r = runMain({
      ONETHING_MODE: 'production',
      DATA_DIR: dataDir,
      // Production takes its data keys from configuration (see docs/security.md).
      DATA_KEYS: `p1=${randomBytes(32).toString('base64')}`,
      DATA_INDEX_KEY: randomBytes(32).toString('base64'),
    });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/refusing to start in production: \d+ demo account/);
  });

  it.skipIf(!hasOpenssl)('serves HTTPS when given a certificate and key', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ot-tls-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
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
