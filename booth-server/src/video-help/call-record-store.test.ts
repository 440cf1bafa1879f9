import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../db/database.ts';
import { CallRecordStore, freshRecord } from './call-record-store.ts';

let db: Database;
beforeAll(async () => {
  db = await Database.open({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'booth-records-')) });
});
afterAll(() => db.close());

const terminal = { id: 'B-1', site: '云溪市民中心', region: '339902' };

describe('call records', () => {
  it('reads a record written before system lines were codes: its lines come back as codes', async () => {
    // As the earlier server wrote it: names and the booth's own lines as Chinese text.
    const old = {
      ticketId: 'T-old',
      terminal,
      bundleCode: null,
      draft: null,
      caseNumber: null,
      guests: [['chen', { name: '陈主管', role: 'supervisor' }]],
      actions: [],
      chat: [
        {
          ticketId: 'T-old',
          from: 'system',
          name: '系统',
          text: '李警官（云溪市公安局）已接通',
          at: 1,
        },
        { ticketId: 'T-old', from: 'citizen', name: '市民', text: '您好', at: 2 },
        { ticketId: 'T-old', from: 'agent', name: '李警官', text: '请稍等', at: 3 },
        { ticketId: 'T-old', from: 'system', name: '系统', text: '王科员 加入了通话', at: 4 },
        {
          ticketId: 'T-old',
          from: 'system',
          name: '系统',
          text: '陈主管（主管）加入了通话',
          at: 5,
        },
        { ticketId: 'T-old', from: 'system', name: '系统', text: '不认识的一行', at: 6 },
      ],
    };
    await db.db
      .insertInto('booth_calls')
      .values({ ticket_id: 'T-old', terminal_id: 'B-1', data: JSON.stringify(old), ended_at: null })
      .execute();
    const store = new CallRecordStore(db.db);
    await store.load(new Set(['T-old']));
    const line = { ticketId: 'T-old', from: 'system' };
    expect(store.get('T-old')?.chat).toEqual([
      {
        ...line,
        code: 'agentConnected',
        params: { name: '李警官', departmentName: { zh: '云溪市公安局', en: '云溪市公安局' } },
        at: 1,
      },
      { ticketId: 'T-old', from: 'citizen', text: '您好', at: 2 },
      { ticketId: 'T-old', from: 'agent', name: '李警官', text: '请稍等', at: 3 },
      { ...line, code: 'guestJoined', params: { name: '王科员', role: 'agent' }, at: 4 },
      { ...line, code: 'guestJoined', params: { name: '陈主管', role: 'supervisor' }, at: 5 },
    ]);
    expect(store.get('T-old')?.guests.get('chen')).toEqual({ name: '陈主管', role: 'supervisor' });
  });

  it('writes and reads back the current shape as it is', async () => {
    const store = new CallRecordStore(db.db);
    await store.create(freshRecord('T-new', terminal, null));
    const connected = {
      ticketId: 'T-new',
      from: 'system' as const,
      code: 'agentConnected' as const,
      params: { name: '李警官', departmentName: { zh: '云溪市公安局', en: 'Yunxi PSB' } },
      at: 1,
    };
    store.addChat('T-new', connected);
    await store.flush();
    const again = new CallRecordStore(db.db);
    await again.load(new Set(['T-new']));
    expect(again.get('T-new')?.chat).toEqual([connected]);
  });
});
