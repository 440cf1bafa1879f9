import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldCipher } from '../crypto/field-cipher.ts';
import { rekeyFreeText } from '../cases/free-text-rekey.ts';
import { Database } from '../db/database.ts';
import { CallRecordStore, freshRecord } from './call-record-store.ts';

let db: Database;
const cipher = FieldCipher.ephemeral();
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
    const store = new CallRecordStore(db.db, cipher);
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
    const store = new CallRecordStore(db.db, cipher);
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
    const again = new CallRecordStore(db.db, cipher);
    await again.load(new Set(['T-new']));
    expect(again.get('T-new')?.chat).toEqual([connected]);
  });

  it('keeps chat and the draft sealed at rest, and data:rekey seals a record written in clear', async () => {
    const store = new CallRecordStore(db.db, cipher);
    await store.create(freshRecord('T-sealed', terminal, null));
    store.addChat('T-sealed', {
      ticketId: 'T-sealed',
      from: 'citizen',
      text: '我的身份证号是 33990219940612022X',
      at: 1,
    });
    await store.flush();
    const row = await db.db
      .selectFrom('booth_calls')
      .select('data')
      .where('ticket_id', '=', 'T-sealed')
      .executeTakeFirstOrThrow();
    expect(row.data).not.toContain('33990219940612022X');
    expect(row.data).not.toContain('云溪市民中心');

    const plain = { ...JSON.parse(cipher.decrypt(row.data)), ticketId: 'T-plain' };
    await db.db
      .insertInto('booth_calls')
      .values({
        ticket_id: 'T-plain',
        terminal_id: 'B-1',
        data: JSON.stringify(plain),
        ended_at: null,
      })
      .execute();
    expect(await rekeyFreeText(db.db, cipher)).toBeGreaterThanOrEqual(1);
    const rekeyed = await db.db
      .selectFrom('booth_calls')
      .select('data')
      .where('ticket_id', '=', 'T-plain')
      .executeTakeFirstOrThrow();
    expect(rekeyed.data).not.toContain('33990219940612022X');
    const again = new CallRecordStore(db.db, cipher);
    await again.load(new Set(['T-sealed', 'T-plain']));
    expect(again.get('T-plain')?.chat[0]).toMatchObject({
      text: '我的身份证号是 33990219940612022X',
    });
  });
});
