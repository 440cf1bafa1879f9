import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../../booth-server/src/config/config.ts';
import {
  login,
  readJson,
  startTestServer,
  type TestServer,
} from '../../../booth-server/src/testing/test-server.ts';
import { loadConfig } from '../../../kiosk/bridge/src/config.ts';
import { KioskBridge } from '../../../kiosk/bridge/src/service/kiosk-bridge.ts';
import { createBridgeLogger } from '../../../kiosk/bridge/src/service/logger.ts';

export interface Stack {
  server: TestServer;
  bridge: KioskBridge;
  /** The kiosk UI URL with the bridge address and token in its fragment, as a launcher opens it. */
  kioskUrl: string;
  adminCookie: string;
  terminalId: string;
  close(): Promise<void>;
}

/**
 * The whole system as `npm start` runs it, for end-to-end tests: a booth server serving the built
 * apps, and a device bridge with simulated hardware enrolled as a booth through the admin API.
 */
export interface StackOptions {
  terminalId?: string;
  kind?: 'terminal' | 'booth';
  /** A CUPS queue for the bridge's A4 printer (BRIDGE_A4_QUEUE); none by default. */
  a4Queue?: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The stack serves the built apps; without them every page would time out, so say why instead. */
function requireBuiltApps(): void {
  for (const app of ['kiosk/ui', 'agent-console']) {
    if (!existsSync(path.join(ROOT, app, 'dist/index.html'))) {
      throw new Error(`${app} is not built: run \`npm run build\` before the end-to-end tests`);
    }
  }
}

export async function startStack(
  overrides: Partial<Record<keyof Config, unknown>> = {},
  opts: StackOptions = {},
): Promise<Stack> {
  requireBuiltApps();
  const server = await startTestServer(overrides);
  const adminCookie = await login(server.url, 'admin', 'demo-admin-2026');
  const terminalId = opts.terminalId ?? 'E2E-BOOTH-01';
  const reg = await readJson(
    await fetch(`${server.url}/api/admin/terminals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: adminCookie },
      body: JSON.stringify({
        id: terminalId,
        name: '番禺区政务服务中心 政务晓屋 测试机',
        site: '番禺区政务服务中心',
        region: '440113',
        kind: opts.kind ?? 'booth',
      }),
    }),
  );
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'onething-e2e-bridge-'));
  const config = loadConfig({
    BRIDGE_SERVER_URL: server.url,
    BRIDGE_DATA_DIR: dataDir,
    BRIDGE_HARDWARE: 'simulated',
    // The OS picks the port as the bridge binds it: no window for another file to take it.
    BRIDGE_LOCAL_PORT: '0',
    BRIDGE_TERMINAL_ID: terminalId,
    BRIDGE_ENROLMENT_CODE: reg.enrolmentCode,
    BRIDGE_KIOSK_URL: `${server.url}/kiosk/`,
    ...(opts.a4Queue ? { BRIDGE_A4_QUEUE: opts.a4Queue } : {}),
  });
  const bridge = await KioskBridge.start(config, { logger: createBridgeLogger('silent') });
  return {
    server,
    bridge,
    kioskUrl: bridge.launchUrl,
    adminCookie,
    terminalId,
    async close() {
      await bridge.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
