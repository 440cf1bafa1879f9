import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../db/database.ts';
import { healthyHeartbeat } from '../testing/heartbeat.ts';
import { TerminalTelemetry } from './terminal-telemetry.ts';

let db: Database;
beforeAll(async () => {
  db = await Database.open({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'onething-fleet-')) });
});
afterAll(async () => db.close());

const base = 1_800_000_000_000;
const OFFLINE_AFTER = 60_000;

describe('terminal telemetry', () => {
  it('tells a first beat and one after silence from a beat of a terminal online, with its skew', async () => {
    const t = new TerminalTelemetry(db.db, OFFLINE_AFTER);
    expect(await t.record('T1', healthyHeartbeat({ sentAt: base + 5_000 }), base)).toEqual({
      wasOnline: false,
      skewMs: 5_000,
    });
    const again = await t.record('T1', healthyHeartbeat({ sentAt: base + 30_000 }), base + 30_000);
    expect(again.wasOnline).toBe(true);
    expect(t.online('T1', base + 30_000 + OFFLINE_AFTER)).toBe(true);
    expect(t.online('T1', base + 31_000 + OFFLINE_AFTER)).toBe(false);
    expect(t.lastSeenAt('T1')).toBe(base + 30_000);
    expect(t.heartbeat('never')).toBeNull();
  });

  it('counts uptime from the first presence, each interval with one offline gap of grace', async () => {
    const t = new TerminalTelemetry(db.db, OFFLINE_AFTER);
    const hb = healthyHeartbeat();
    await t.record('T2', hb, base);
    await t.record('T2', hb, base + 30_000);
    // Silent for ten minutes: the interval ends once, and a new one starts with the next beat.
    expect(await t.endPresence('T2')).toBe(true);
    expect(await t.endPresence('T2')).toBe(false);
    await t.record('T2', hb, base + 630_000);
    // Online [base, base+90 s] and [base+630 s, base+660 s] of a window that starts at base.
    expect(await t.uptime('T2', base - 86_400_000, base + 660_000)).toBeCloseTo(120 / 660);
    expect(await t.uptime('never', base - 86_400_000, base)).toBeNull();
  });
});
