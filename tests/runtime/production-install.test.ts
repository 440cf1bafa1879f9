import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNode } from '../../scripts/build-node.ts';
import { stageRelease } from '../../scripts/release.ts';

/**
 * Production as an operator runs it: the compiled programs from `npm run build`, laid out by
 * `npm run release`, installed with `npm ci --omit=dev` (no tsx, TypeScript, esbuild or vitest
 * on the machine) and started with plain `node`. mediasoup is left out (--omit=optional) to keep
 * the install offline and quick; the server must then say that video is unavailable.
 */
describe('the compiled booth server from an --omit=dev install', () => {
  let dir: string;
  let server: ChildProcess | null = null;
  let output = '';

  beforeAll(async () => {
    await buildNode();
    dir = mkdtempSync(path.join(tmpdir(), 'onething-release-'));
    stageRelease(dir, { requireWebApps: false });
    const install = spawnSync(
      'npm',
      [
        'ci',
        '--omit=dev',
        '--omit=optional',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
      ],
      { cwd: dir, encoding: 'utf8', timeout: 280_000 },
    );
    expect(install.status, `npm ci --omit=dev failed:\n${install.stdout}\n${install.stderr}`).toBe(
      0,
    );
  }, 300_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server?.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has no development tooling installed', () => {
    for (const dev of ['tsx', 'typescript', 'esbuild', 'vitest', 'eslint']) {
      expect(existsSync(path.join(dir, 'node_modules', dev)), dev).toBe(false);
    }
    expect(existsSync(path.join(dir, 'node_modules', 'better-sqlite3'))).toBe(true);
    expect(existsSync(path.join(dir, 'booth-server', 'src', 'main.ts'))).toBe(false);
  });

  it('starts with plain node and answers /healthz with its database up', async () => {
    server = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
      cwd: path.join(dir, 'booth-server'),
      env: {
        ...process.env,
        ONETHING_MODE: 'production',
        CERTIFICATE_HMAC_KEY: 'k'.repeat(32),
        // Production names its adapters; the simulated ones are all there is so far.
        SHARED_DATA_ADAPTER: 'simulated',
        ELECTRONIC_ID_VERIFIER: 'simulated',
        TIME_STAMP_AUTHORITY: 'simulated',
        SMS_ADAPTER: 'simulated',
        // Production takes its data keys from configuration (see docs/security.md).
        DATA_KEYS: `p1=${randomBytes(32).toString('base64')}`,
        DATA_INDEX_KEY: randomBytes(32).toString('base64'),
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: path.join(dir, 'data'),
        LOG_LEVEL: 'warn',
        MEDIASOUP_WORKER_BIN: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    server.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 30 s:\n${output}`)), 30_000);
      const look = () => {
        const m = /booth server\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      server?.stdout?.on('data', look);
      server?.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
    });
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    const health = (await res.json()) as {
      status: string;
      database: { dialect: string; ok: boolean };
      media: { available: boolean; reason: string | null };
    };
    expect(health.status).toBe('ok');
    expect(health.database).toMatchObject({ dialect: 'sqlite', ok: true });
    expect(health.media.available).toBe(false);
    expect(health.media.reason).toMatch(/mediasoup/);
    // The public status page is a file the compiled server finds next to its sources' place.
    expect((await fetch(`${url}/status`)).status).toBe(200);
  }, 60_000);

  it('runs the compiled bridge tool with plain node', () => {
    const r = spawnSync(
      process.execPath,
      ['dist/cli.js', 'decode', '--kind', 'printer-status', '--hex', '12 12 12 1e'],
      { cwd: path.join(dir, 'kiosk', 'bridge'), encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(0);
  });
});
