import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AlertView } from '@onething/contract/sockets/fleet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log.ts';
import { Database } from '../db/database.ts';
import { DEFAULT_ALERT_POLICY, DEVICE_RULES } from './alert-rules.ts';
import { FleetAlerts } from './fleet-alerts.ts';
import { TerminalEventLog } from './terminal-events.ts';

let db: Database;
beforeAll(async () => {
  db = await Database.open({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'onething-fleet-')) });
});
afterAll(async () => db.close());

const policy = { ...DEFAULT_ALERT_POLICY, openAfterMs: 10_000, clearAfterMs: 10_000 };
const t0 = 1_800_000_000_000;

function alerts(now = () => t0) {
  const seen: string[] = [];
  const views: AlertView[] = [];
  const events = new TerminalEventLog(db.db);
  const a = new FleetAlerts({
    db: db.db,
    audit: new AuditLog(db.db),
    events,
    policy,
    now,
    listener: {
      alert: (v) => {
        views.push(v);
        seen.push(`alert ${v.rule} ${v.resolvedAt ? 'resolved' : 'open'}`);
      },
      terminal: (id) => seen.push(`terminal ${id}`),
    },
  });
  return { a, seen, views, events };
}

describe('fleet alerts', () => {
  it('open once a condition has held, resolve once it has cleared, each on the timeline', async () => {
    const { a, seen, events } = alerts();
    const paperOut = new Map([['paperOut' as const, { code: 'paperOut' as const }]]);
    await a.observe('A1', DEVICE_RULES, paperOut, t0);
    expect(seen).toEqual([]);
    await a.observe('A1', DEVICE_RULES, paperOut, t0 + 10_000);
    expect(seen).toEqual(['alert paperOut open', 'terminal A1']);
    expect(a.openFor('A1').map((r) => r.rule)).toEqual(['paperOut']);
    await a.observe('A1', DEVICE_RULES, new Map(), t0 + 20_000);
    await a.observe('A1', DEVICE_RULES, new Map(), t0 + 30_000);
    expect(seen.slice(2)).toEqual(['alert paperOut resolved', 'terminal A1']);
    expect(a.openFor('A1')).toEqual([]);
    expect((await events.recent('A1', 10)).map((e) => e.kind)).toEqual([
      'alert.resolve',
      'alert.open',
    ]);
  });

  it('are acknowledged once, and a later run takes up the ones left open', async () => {
    const { a, views } = alerts();
    await a.observe('A2', ['offline'], new Map([['offline', { code: 'silent', seconds: 90 }]]), t0);
    await a.observe(
      'A2',
      ['offline'],
      new Map([['offline', { code: 'silent', seconds: 90 }]]),
      t0 + 10_000,
    );
    const id = views[0]?.id as string;
    const staff = { id: 'm1', name: '王工', ip: null };
    expect(await a.acknowledge(id, staff)).toMatchObject({ acknowledgedBy: '王工' });
    await a.acknowledge(id, staff);
    expect(views).toHaveLength(2);
    await expect(a.acknowledge('nope', staff)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const next = alerts();
    await next.a.restore();
    expect(next.a.openFor('A2').map((r) => r.acknowledged_by)).toEqual(['王工']);
    await next.a.observe('A2', ['offline'], new Map(), t0 + 20_000);
    await next.a.observe('A2', ['offline'], new Map(), t0 + 30_000);
    expect(next.views.map((v) => v.resolvedAt)).toEqual([t0 + 30_000]);
    expect(await next.a.recent('A2', 10)).toHaveLength(1);
  });
});
