import { decodeTimelineDetail } from '@onething/contract/sockets/fleet-detail';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../db/database.ts';
import { type FleetCommand, FleetCommands } from './fleet-commands.ts';
import { TerminalEventLog } from './terminal-events.ts';

let db: Database;
beforeAll(async () => {
  db = await Database.open({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'onething-fleet-')) });
});
afterAll(async () => db.close());

const command = (commandId: string): FleetCommand => ({
  commandId,
  action: 'reloadUi',
  issuedBy: '王工',
});

describe('fleet commands', () => {
  it('go out through the installed sender; an undelivered one says so on the timeline', async () => {
    const events = new TerminalEventLog(db.db);
    const commands = new FleetCommands(events, () => 1_000);
    const sent: string[] = [];
    commands.setSender((terminalId, c) => {
      sent.push(`${terminalId}:${c.commandId}`);
      return Promise.resolve(terminalId === 'T1');
    });
    expect(await commands.send('T1', command('c1'))).toBe(true);
    expect(await commands.send('T2', command('c2'))).toBe(false);
    expect(sent).toEqual(['T1:c1', 'T2:c2']);
    expect((await events.recent('T2', 10)).map((e) => decodeTimelineDetail(e.detail))).toEqual([
      { code: 'commandSent', action: 'reloadUi', by: '王工', delivered: false },
    ]);
  });

  it('take one result, from the terminal the command was sent to only, as codes', async () => {
    const events = new TerminalEventLog(db.db);
    const commands = new FleetCommands(events, () => 2_000);
    commands.setSender(() => Promise.resolve(true));
    await commands.send('T3', command('c3'));
    await expect(
      commands.result('T4', { commandId: 'c3', ok: true, outcome: 'uiReloaded', detailCode: null }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const r = await commands.result('T3', {
      commandId: 'c3',
      ok: false,
      outcome: 'failed',
      detailCode: 'TIMEOUT',
    });
    expect(r).toEqual({
      commandId: 'c3',
      terminalId: 'T3',
      action: 'reloadUi',
      ok: false,
      outcome: 'failed',
      detailCode: 'TIMEOUT',
    });
    expect((await events.recent('T3', 10)).map((e) => e.detail)).toContain(
      'reloadUi: failed — failed TIMEOUT',
    );
    await expect(
      commands.result('T3', { commandId: 'c3', ok: true, outcome: 'uiReloaded', detailCode: null }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
