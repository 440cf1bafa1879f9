import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthyHeartbeat, withPaper } from '../testing/heartbeat.ts';
import { enrolTerminal } from '../testing/terminals.ts';
import {
  connectSocket,
  login,
  request,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

let t: TestServer;
let admin: string;

beforeAll(async () => {
  // alerts open late here: only the paper rule itself can keep a terminal out
  t = await startTestServer({ ALERT_OPEN_AFTER_SECONDS: 3600 });
  admin = await login(t.url, 'admin', 'demo-admin-2026');
});
afterAll(async () => t?.close());

const bridge = async (id: string) =>
  connectSocket(t.url, '/bridge', { auth: { credential: await enrolTerminal(t.url, admin, id) } });

describe('the nearest terminal in service', () => {
  it('is never one without receipt paper', async () => {
    const here = await bridge('ALT-1');
    const there = await bridge('ALT-2');
    await request(here, 'telemetry:heartbeat', withPaper(healthyHeartbeat(), 'out'));
    await request(there, 'telemetry:heartbeat', healthyHeartbeat());
    expect(t.server.fleet.alternativeTo('ALT-1')).toEqual({
      name: '终端 ALT-2',
      site: '番禺区政务服务中心',
    });
    await request(there, 'telemetry:heartbeat', withPaper(healthyHeartbeat(), 'out'));
    expect(t.server.fleet.alternativeTo('ALT-1')).toBeNull();
    here.close();
    there.close();
  });
});
