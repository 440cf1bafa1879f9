import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { recordEvents } from '../testing/event-recorder.ts';
import { kioskSession } from '../testing/kiosk-client.ts';
import {
  connectSocket,
  login,
  readJson,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

const dataset = await loadDemoDataset();
const mother = identityCardOf(
  dataset.people.find((p) => p.idNumber === '33990219940612022X') ?? dataset.people[0]!,
);

/**
 * The supervisors' REST and socket surface end to end on a real server: a 差评 filed from a
 * kiosk is followed up (roles, validation, the alert when overdue), the KPIs and their CSV, and
 * the staff directory that replaces typed staff ids.
 */
describe('supervision over HTTP and /staff', () => {
  let t: TestServer;
  let sup: string;
  let agent: string;
  beforeAll(async () => {
    t = await startTestServer({ FOLLOW_UP_CHECK_INTERVAL_MS: 100 });
    sup = await login(t.url, 'supervisor', 'demo-supervisor-2026');
    agent = await login(t.url, 'agent.police', 'demo-agent-2026');
  });
  afterAll(async () => {
    await t?.close();
  });
  const get = (path: string, cookie: string) => fetch(`${t.url}${path}`, { headers: { cookie } });
  const post = (path: string, cookie: string, body: unknown) =>
    fetch(`${t.url}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', origin: t.url },
      body: JSON.stringify(body),
    });

  it('follows a kiosk 差评 up: supervisors only, overdue alert once, comment never to the agent', async () => {
    const kiosk = await kioskSession(
      t.url,
      await login(t.url, 'admin', 'demo-admin-2026'),
      'SUP-1',
    );
    expect((await kiosk.attest(mother)).ok).toBe(true);
    const filed = await readJson(
      await kiosk.call('POST', '/cases', {
        idempotencyKey: randomUUID(),
        bundleCode: 'YJSP001',
        consents: [{ purpose: 'minorData', wording: '2026-12' }],
        itemCodes: t.server.catalogues.current().bundle('YJSP001')?.items,
        answers: dataset.scenarios.find((s) => s.bundle === 'YJSP001')?.typed,
      }),
    );
    const caseNumber: string = filed.case.caseNumber;
    const rated = await kiosk.call('POST', '/ratings', {
      caseNumber,
      channel: 'onsite',
      level: 'very_unsatisfied',
      comment: '材料被退回三次',
    });
    expect(rated.status).toBe(201);
    kiosk.close();

    expect((await get('/api/ratings/follow-ups', agent)).status).toBe(403);
    const list = await readJson(await get('/api/ratings/follow-ups', sup));
    const f = list.followUps.find((x: { caseNumber: string }) => x.caseNumber === caseNumber);
    expect(f).toMatchObject({ stage: 'callBack', rating: { comment: '材料被退回三次' } });
    // The agent's own view is counts only.
    const mine = await readJson(await get('/api/ratings/mine', agent));
    expect(JSON.stringify(mine)).not.toContain('材料');

    const socket = await connectSocket(t.url, '/staff', { cookie: sup });
    const events = recordEvents(socket);
    // The working day to call back has passed.
    await t.server.database.db
      .updateTable('follow_ups')
      .set({ call_back_due_at: Date.now() - 1 })
      .where('id', '=', f.id)
      .execute();
    const alert = await events.next('followUp:overdue');
    expect(alert).toMatchObject({ id: f.id, caseNumber, stage: 'callBack' });
    expect(JSON.stringify(alert)).not.toContain('材料');

    // A payload outside the contract is never sent (the Notifier checks it and logs).
    t.server.followUpWatcher.safeEmit('overdue', {
      id: f.id,
      caseNumber,
      stage: 'late' as 'fix',
      dueAt: 1,
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(events.events.filter((e) => e.payload?.stage === 'late')).toEqual([]);

    const bad = await post(`/api/ratings/follow-ups/${f.id}/call-back`, sup, {
      at: Date.now(),
      note: '',
    });
    expect(bad.status).toBe(400);
    expect((await readJson(bad)).error.path).toEqual(['note']);
    const called = await post(`/api/ratings/follow-ups/${f.id}/call-back`, sup, {
      at: Date.now(),
      note: '已电话回访，群众同意补正后继续办理',
    });
    expect(called.status).toBe(200);
    // Once the step is done, the next look tells nobody again.
    await t.server.followUpWatcher.check();
    expect(events.events.filter((e) => e.event === 'followUp:overdue')).toEqual([]);
    const fixed = await post(`/api/ratings/follow-ups/${f.id}/resolve`, sup, {
      resolution: '一次性告知材料清单，已办结',
    });
    expect((await readJson(fixed)).stage).toBe('closed');
    socket.close();
  });

  it('serves the KPIs as JSON and as CSV Excel opens, to supervisors', async () => {
    expect((await get('/api/kpis', agent)).status).toBe(403);
    const report = await readJson(await get('/api/kpis', sup));
    expect(report.casesByBundle.some((b: { channel: string }) => b.channel === 'terminal')).toBe(
      true,
    );
    const csv = await get('/api/kpis/export.csv', sup);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('.csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('指标,对象,渠道,数值,说明');
    expect((await get('/api/kpis/export.csv', agent)).status).toBe(403);
  });

  it('finds colleagues by name, department and language, with presence and nothing personal', async () => {
    const all = await readJson(await get('/api/staff/directory', agent));
    const names = all.staff.map((s: { name: string }) => s.name);
    expect(names).toContain('王社保');
    expect(names).toContain('陈主管');
    expect(names).not.toContain('运维小周');
    // Not the asker themselves.
    expect(names).not.toContain('李警官');
    expect(JSON.stringify(all)).not.toMatch(/agent\.hrss|username|regions|4401/);
    const hrss = await readJson(await get('/api/staff/directory?department=HRSS', agent));
    expect(hrss.staff.map((s: { name: string }) => s.name)).toEqual(['王社保']);
    expect(hrss.staff[0]).toMatchObject({ presence: 'offline', languages: ['zh-CN'] });
    const english = await readJson(await get('/api/staff/directory?language=en&q=周', agent));
    expect(english.staff.map((s: { name: string }) => s.name)).toEqual(['周医生（卫健）']);
    const online = await readJson(await get('/api/staff/directory?presence=online', agent));
    expect(online.staff.every((s: { presence: string }) => s.presence !== 'offline')).toBe(true);
    expect((await get('/api/staff/directory?presence=asleep', agent)).status).toBe(400);
  });
});
