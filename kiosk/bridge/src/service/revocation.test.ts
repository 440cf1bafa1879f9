import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerTerminal } from '../../../../booth-server/src/testing/terminals.ts';
import { login, startTestServer } from '../../../../booth-server/src/testing/test-server.ts';
import { loadConfig } from '../config.ts';
import { capturedLogger } from '../testing/captured-logger.ts';
import { KioskBridge } from './kiosk-bridge.ts';
import { ServerLinkEvent } from './server-link.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The bound: a revoked terminal's link is gone within 2 s. */
const END_WITHIN_MS = 2000;

describe('a revoked terminal', () => {
  it('loses its server link within 2 s, says why once, and delivers nothing more over it', async () => {
    const t = await startTestServer();
    cleanups.push(() => t.close());
    const admin = await login(t.url, 'admin', 'demo-admin-2026');
    const enrolmentCode = await registerTerminal(t.url, admin, 'REVOKE-0001');
    const dir = await mkdtemp(path.join(tmpdir(), 'bridge-revoke-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const { logger, lines } = capturedLogger();
    const bridge = await KioskBridge.start(
      loadConfig({
        BRIDGE_SERVER_URL: t.url,
        BRIDGE_DATA_DIR: dir,
        BRIDGE_LOCAL_PORT: '0',
        BRIDGE_TERMINAL_ID: 'REVOKE-0001',
        BRIDGE_ENROLMENT_CODE: enrolmentCode,
      }),
      { logger },
    );
    cleanups.push(() => bridge.close());
    const start = Date.now();
    while (!bridge.server.connected) {
      if (Date.now() - start > 5000) throw new Error('bridge never connected');
      await new Promise((r) => setTimeout(r, 10));
    }
    const refused: string[] = [];
    bridge.server.on(ServerLinkEvent.Refused, (code) => refused.push(code));
    const lost = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('link still up')), END_WITHIN_MS);
      bridge.server.on(ServerLinkEvent.Status, (up) => {
        if (!up) {
          clearTimeout(timer);
          resolve(Date.now());
        }
      });
    });
    const revokedAt = Date.now();
    const res = await fetch(`${t.url}/api/admin/terminals/REVOKE-0001/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin },
      body: '{}',
    });
    expect(res.status).toBeLessThan(300);
    expect((await lost) - revokedAt).toBeLessThanOrEqual(END_WITHIN_MS);
    expect(bridge.server.connected).toBe(false);
    expect(refused).toEqual(['TERMINAL_REVOKED']);
    expect(
      lines.some(
        (l) => l.msg === 'booth server is ending the terminal link' && l.reason === 'revoked',
      ),
    ).toBe(true);
    expect(
      lines.some(
        (l) => l.msg === 'booth server ended the terminal link' && l.code === 'TERMINAL_REVOKED',
      ),
    ).toBe(true);
    // Nothing can go out over the link now: the outbox keeps what it would deliver.
    await expect(
      bridge.server.deliver({
        kind: 'rating.submit',
        idempotencyKey: 'revoked-terminal-0001',
        payload: {
          caseNumber: 'YJ20261207000001',
          channel: 'onsite',
          level: 'satisfied',
          dimensions: {},
        },
      }),
    ).rejects.toMatchObject({ kind: 'unreachable', code: 'DEVICE_UNAVAILABLE' });
  });
});
