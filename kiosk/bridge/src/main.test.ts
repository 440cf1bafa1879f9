import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  login,
  startTestServer,
  type TestServer,
} from '../../../booth-server/src/testing/test-server.ts';
import { registerTerminal } from '../../../booth-server/src/testing/terminals.ts';
import { LOCAL_TOKEN_FILE } from './service/kiosk-bridge.ts';

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');

describe('bridge process output', () => {
  let server: TestServer | null = null;
  let child: ChildProcess | null = null;
  let dataDir: string | null = null;

  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    server = child = dataDir = null;
  });

  it('never writes the local token (which mints kiosk tokens) to stdout or stderr', async () => {
    server = await startTestServer();
    const admin = await login(server.url, 'admin', 'demo-admin-2026');
    const code = await registerTerminal(server.url, admin, 'OUT-TERM-01');
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'onething-bridge-out-'));
    child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: {
        ...process.env,
        BRIDGE_SERVER_URL: server.url,
        BRIDGE_DATA_DIR: dataDir,
        BRIDGE_HARDWARE: 'simulated',
        BRIDGE_LOCAL_PORT: '0',
        BRIDGE_TERMINAL_ID: 'OUT-TERM-01',
        BRIDGE_ENROLMENT_CODE: code,
        // The most a journal would hold.
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    // The start line is the last thing the bridge writes once it is up.
    await expect
      .poll(() => output, { timeout: 60_000, interval: 100 })
      .toMatch(/kiosk-bridge: simulated hardware.*local API/);
    const tokenFile = path.join(dataDir, LOCAL_TOKEN_FILE);
    const token = readFileSync(tokenFile, 'utf8').trim();
    expect(token.length).toBeGreaterThan(20);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(output).not.toContain(token);
    // What the operator still learns: where the kiosk is and where the launcher finds the token.
    expect(output).toContain(`${server.url}/kiosk/`);
    expect(output).toContain(tokenFile);
  });
});
