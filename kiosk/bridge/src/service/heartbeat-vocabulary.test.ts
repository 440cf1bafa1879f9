import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { healthyHeartbeat } from '../../../../booth-server/src/testing/heartbeat.ts';
import { enrolTerminal } from '../../../../booth-server/src/testing/terminals.ts';
import {
  connectSocket,
  login,
  request,
  requestRefusal,
  startTestServer,
  type TestServer,
} from '../../../../booth-server/src/testing/test-server.ts';
import { capturedLogger } from '../testing/captured-logger.ts';
import { healthyTelemetry, succeedingCommands } from '../testing/server-link-stubs.ts';
import { ServerLink, type TelemetrySource } from './server-link.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** What a careless driver or a tampered bridge might put in a device's detail. */
const LEAK = '读到 林晓雯 33990219940612022X';

async function serverWithTerminal(id: string): Promise<{ t: TestServer; credential: string }> {
  const t = await startTestServer({ HEARTBEAT_INTERVAL_MS: 200 });
  cleanups.push(() => t.close());
  const admin = await login(t.url, 'admin', 'demo-admin-2026');
  return { t, credential: await enrolTerminal(t.url, admin, id) };
}

async function maintenanceView(t: TestServer, id: string): Promise<string> {
  const maint = await connectSocket(t.url, '/staff', {
    cookie: await login(t.url, 'maint', 'demo-maint-2026'),
  });
  cleanups.push(() => maint.close());
  return JSON.stringify((await request(maint, 'fleet:detail', { terminalId: id })).data);
}

describe('device detail reaches the fleet only as a code of the shared vocabulary', () => {
  it('the server refuses a heartbeat whose detail is free text, and maintenance never sees it', async () => {
    const { t, credential } = await serverWithTerminal('VOCAB-1');
    const bridge = await connectSocket(t.url, '/bridge', { auth: { credential } });
    cleanups.push(() => bridge.close());
    const hb = healthyHeartbeat();
    const forged = {
      ...hb,
      devices: { ...hb.devices, idCardReader: { ...hb.devices.idCardReader, detail: LEAK } },
    };
    const refused = await requestRefusal(bridge, 'telemetry:heartbeat', forged);
    expect(refused.error.code).toBe('VALIDATION_FAILED');
    expect(refused.error.path).toEqual(['devices', 'idCardReader', 'detail']);
    const viaErrors = { ...hb, lastErrors: [{ at: Date.now(), device: 'scanner', code: LEAK }] };
    expect((await requestRefusal(bridge, 'telemetry:heartbeat', viaErrors)).error.code).toBe(
      'VALIDATION_FAILED',
    );
    // A code of the vocabulary is accepted and shown.
    const coded = {
      ...hb,
      devices: {
        ...hb.devices,
        idCardReader: { status: 'fault', detail: 'SAM_SELF_TEST_FAILED', cardPresent: false },
      },
    };
    await request(bridge, 'telemetry:heartbeat', coded);
    const seen = await maintenanceView(t, 'VOCAB-1');
    expect(seen).toContain('SAM_SELF_TEST_FAILED');
    expect(seen).not.toContain('林晓雯');
    expect(seen).not.toContain('33990219940612022X');
  });

  it('a real bridge reduces whatever its devices say to the vocabulary before it leaves the terminal', async () => {
    const { t, credential } = await serverWithTerminal('VOCAB-2');
    const dir = await mkdtemp(path.join(tmpdir(), 'bridge-vocab-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const telemetry: TelemetrySource = {
      states: () => ({
        ...healthyTelemetry.states(),
        idCardReader: { status: 'warning', detail: LEAK, cardPresent: true },
        receiptPrinter: {
          status: 'absent',
          detail: 'not connected',
          paper: 'unknown',
          coverOpen: false,
        },
      }),
      lastErrors: () => [{ at: Date.now(), device: 'idCardReader', code: LEAK }],
    };
    const { logger, lines } = capturedLogger();
    let beats = 0;
    t.server.fleet.on('terminal', (s) => {
      if (s.id === 'VOCAB-2') beats++;
    });
    const link = new ServerLink({
      serverUrl: t.url,
      credential,
      telemetry,
      commands: succeedingCommands,
      dataDir: dir,
      bridgeVersion: 'test',
      logger,
    });
    cleanups.push(() => link.close());
    link.connect();
    const end = Date.now() + 10_000;
    while (beats < 1 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(beats).toBeGreaterThanOrEqual(1);
    expect(lines.filter((l) => /heartbeat refused/.test(l.msg))).toEqual([]);
    const seen = await maintenanceView(t, 'VOCAB-2');
    expect(seen).toContain('"detail":"OTHER"');
    expect(seen).toContain('"detail":"NOT_CONNECTED"');
    expect(seen).not.toContain('林晓雯');
    expect(seen).not.toContain('0612022X');
  });

  it('a command result in free text is refused; as codes it reaches maintenance', async () => {
    const { t, credential } = await serverWithTerminal('VOCAB-3');
    const bridge = await connectSocket(t.url, '/bridge', { auth: { credential } });
    cleanups.push(() => bridge.close());
    const commands: { commandId: string }[] = [];
    bridge.on('command', (c: { commandId: string }) => commands.push(c));
    const maint = await connectSocket(t.url, '/staff', {
      cookie: await login(t.url, 'maint', 'demo-maint-2026'),
    });
    cleanups.push(() => maint.close());
    const results: unknown[] = [];
    maint.on('fleet:commandResult', (r: unknown) => results.push(r));
    await request(maint, 'fleet:action', { terminalId: 'VOCAB-3', action: 'readerSelfTest' });
    const end = Date.now() + 5000;
    while (!commands.length && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    const free = { commandId: commands[0]?.commandId, ok: true, detail: LEAK };
    const refused = await requestRefusal(bridge, 'command:result', free);
    expect(refused.error.code).toBe('VALIDATION_FAILED');
    const freeOutcome = {
      commandId: commands[0]?.commandId,
      ok: true,
      outcome: LEAK,
      detailCode: null,
    };
    expect((await requestRefusal(bridge, 'command:result', freeOutcome)).error.code).toBe(
      'VALIDATION_FAILED',
    );
    await request(bridge, 'command:result', {
      commandId: commands[0]?.commandId,
      ok: true,
      outcome: 'readerOk',
      detailCode: null,
    });
    while (!results.length && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    const seen = JSON.stringify({
      results,
      detail: (await request(maint, 'fleet:detail', { terminalId: 'VOCAB-3' })).data,
    });
    expect(results).toEqual([expect.objectContaining({ ok: true, outcome: 'readerOk' })]);
    expect(seen).not.toContain('林晓雯');
    expect(seen).not.toContain('33990219940612022X');
  });
});
