import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { kioskSession } from '../testing/kiosk-client.ts';
import { enrolTerminal } from '../testing/terminals.ts';
import {
  connectSocket,
  login,
  readJson,
  request,
  requestRefusal,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

/**
 * Least privilege for case data, attacked through the real server: department AND region,
 * cross-region only through an assigned ticket, need-to-know fields, audited reveals.
 */

const ESCALATE_AFTER_SECONDS = 5;
const dataset = await loadDemoDataset();
const mother = identityCardOf(
  dataset.people.find((p) => p.idNumber === '33990219940612022X') ?? dataset.people[0]!,
);
const BANK_ACCOUNT = '6222021234567890123';
const NEWBORN_ITEMS = [
  '110126001000',
  '070117001000',
  '110159001000',
  '110120001000',
  '050159001000',
];
const answers = {
  'child.name': '林小宝',
  'mother.name': mother.name,
  'mother.idNumber': mother.idNumber,
  'mother.bankName': '中国工商银行',
  'mother.bankAccount': BANK_ACCOUNT,
  'applicant.phone': '13800138000',
  'birth.vaccinationClinic': '番禺区妇幼保健院接种门诊',
};

let t: TestServer;
let admin: string;
let auditor: string;
let panyuCase: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await startTestServer({ ESCALATE_AFTER_SECONDS, RECONNECT_GRACE_SECONDS: 5 });
  admin = await login(t.url, 'admin', 'demo-admin-2026');
  auditor = await login(t.url, 'auditor', 'demo-auditor-2026');
  // A terminal in 番禺 (440113) files the newborn bundle: PSB, HEALTH, MEDSEC and HRSS parts.
  await kioskSession(t.url, admin, 'CA-PANYU');
  const { view } = await t.server.cases.submit(
    {
      idempotencyKey: 'case-access-panyu-0001',
      bundleCode: 'YJSP001',
      itemCodes: NEWBORN_ITEMS,
      identity: mother,
      answers,
      materials: {},
      channel: 'terminal',
      terminalId: 'CA-PANYU',
    },
    { type: 'terminal', id: 'CA-PANYU' },
  );
  panyuCase = view.caseNumber;
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await t.close();
});

const api = (cookie: string, path: string, body?: unknown) =>
  fetch(`${t.url}/api/cases${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function refusals(actorUsername: string) {
  const accounts = await readJson(
    await fetch(`${t.url}/api/admin/accounts`, { headers: { cookie: admin } }),
  );
  const id = accounts.accounts.find((a: any) => a.username === actorUsername)?.id;
  const audit = await readJson(
    await fetch(`${t.url}/api/admin/audit?action=case.access.refused&actorId=${id}`, {
      headers: { cookie: auditor },
    }),
  );
  return audit.entries as any[];
}

describe('case access by department and region', () => {
  it('refuses a PSB agent in Chengdu a Panyu case, its list entry and its PSB sub-case move, audited', async () => {
    const remote = await login(t.url, 'agent.remote', 'demo-agent-2026');
    const read = await api(remote, `/${panyuCase}`);
    expect(read.status).toBe(403);
    const body = await readJson(read);
    expect(body.error.code).toBe('CASE_OTHER_REGION');
    expect(JSON.stringify(body)).not.toContain(mother.name);

    const move = await api(remote, `/${panyuCase}/transition`, { to: 'in_review', note: null });
    expect(move.status).toBe(403);
    expect((await readJson(move)).error.code).toBe('CASE_OTHER_REGION');

    const list = await readJson(await api(remote, '/'));
    expect(list.subCases.map((c: any) => c.caseNumber)).not.toContain(panyuCase);

    // The sub-case did not move: the Panyu PSB agent still finds it received.
    const police = await login(t.url, 'agent.police', 'demo-agent-2026');
    const detail = await readJson(await api(police, `/${panyuCase}`));
    const psb = detail.view.subCases.find((s: any) => s.department.zh.includes('公安'));
    expect(psb.status).toBe('received');

    const audited = await refusals('agent.remote');
    expect(audited.map((e) => [e.targetId, e.details.act, e.details.code])).toEqual(
      expect.arrayContaining([
        [panyuCase, 'read', 'CASE_OTHER_REGION'],
        [panyuCase, 'transition', 'CASE_OTHER_REGION'],
      ]),
    );
  });

  it('refuses a department without a part in the case', async () => {
    const hrssCase = await t.server.cases.submit(
      {
        idempotencyKey: 'case-access-psb-only-01',
        bundleCode: 'YJSP001',
        itemCodes: ['070117001000'],
        identity: mother,
        answers,
        materials: {},
        channel: 'terminal',
        terminalId: 'CA-PANYU',
      },
      { type: 'terminal', id: 'CA-PANYU' },
    );
    const health = await login(t.url, 'agent.health', 'demo-agent-2026');
    const res = await api(health, `/${hrssCase.view.caseNumber}`);
    expect(res.status).toBe(403);
    expect((await readJson(res)).error.code).toBe('CASE_OTHER_DEPARTMENT');
    expect((await refusals('agent.health')).map((e) => e.details.code)).toContain(
      'CASE_OTHER_DEPARTMENT',
    );
  });
});

describe('need-to-know fields', () => {
  it('shows the health agent only the fields of the health item: no bank account, anywhere', async () => {
    const health = await login(t.url, 'agent.health', 'demo-agent-2026');
    const res = await api(health, `/${panyuCase}`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(BANK_ACCOUNT);
    expect(text).not.toContain('mother.bankAccount');
    const detail = JSON.parse(text);
    expect(detail.answers['birth.vaccinationClinic']).toBe(answers['birth.vaccinationClinic']);
    expect(detail.answers).not.toHaveProperty('mother.idNumber');
    // Asking for the field outright is refused and audited.
    const reveal = await api(health, `/${panyuCase}/reveal`, {
      field: 'mother.bankAccount',
      reason: '核对',
    });
    expect(reveal.status).toBe(403);
    expect((await readJson(reveal)).error.code).toBe('CASE_FIELD_NOT_NEEDED');
    expect(
      (await refusals('agent.health')).some(
        (e) =>
          e.details.code === 'CASE_FIELD_NOT_NEEDED' && e.details.field === 'mother.bankAccount',
      ),
    ).toBe(true);
  });

  it('masks the ID numbers the PSB item uses until revealed with a reason, which is audited', async () => {
    const police = await login(t.url, 'agent.police', 'demo-agent-2026');
    const detail = await readJson(await api(police, `/${panyuCase}`));
    expect(detail.access).toBe('region');
    expect(detail.masked).toContain('mother.idNumber');
    expect(detail.answers['mother.idNumber']).not.toBe(mother.idNumber);
    expect(detail.answers['mother.idNumber'].endsWith(mother.idNumber.slice(-4))).toBe(true);
    expect(detail.answers).not.toHaveProperty('mother.bankAccount');
    const shown = await readJson(
      await api(police, `/${panyuCase}/reveal`, {
        field: 'mother.idNumber',
        reason: '核对出生登记',
      }),
    );
    expect(shown.value).toBe(mother.idNumber);
    const audit = await readJson(
      await fetch(`${t.url}/api/admin/audit?action=case.field.reveal&targetId=${panyuCase}`, {
        headers: { cookie: auditor },
      }),
    );
    expect(audit.entries[0].details).toMatchObject({
      field: 'mother.idNumber',
      reason: '核对出生登记',
    });
  });
});

describe('跨省通办: cross-region through an assigned ticket', () => {
  it('lets the Chengdu agent who filed a Panyu booth case in a call routed to them work that case, and only that one', async () => {
    const remote = await connectSocket(t.url, '/staff', {
      cookie: await login(t.url, 'agent.remote', 'demo-agent-2026'),
    });
    const booth = await kioskSession(t.url, admin, 'CA-BOOTH');
    const kiosk = await connectSocket(t.url, '/kiosk', { auth: { token: booth.token } });
    sockets.push(remote, kiosk);
    const events: { event: string; payload: any }[] = [];
    for (const s of [remote, kiosk]) s.onAny((event, payload) => events.push({ event, payload }));
    const next = async (event: string, within: number) => {
      const until = Date.now() + within;
      while (Date.now() < until) {
        const i = events.findIndex((e) => e.event === event);
        if (i >= 0) return events.splice(i, 1)[0]!.payload;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no ${event} within ${within} ms`);
    };
    await request(remote, 'agent:setState', { state: 'available' });
    const { ticketId } = (
      await request<any>(kiosk, 'help:request', {
        department: 'PSB',
        bundleCode: 'YJSP001',
        language: 'zh-CN',
      })
    ).data;
    // No PSB agent serves 番禺 right now: after the escalation the ticket reaches Chengdu.
    const offer = await next('offer:new', (ESCALATE_AFTER_SECONDS + 3) * 1000);
    await request(remote, 'offer:accept', { offerId: offer.offerId });
    await request(remote, 'remote:request', { ticketId, action: { kind: 'readIdCard' } });
    const read = await next('remote:action', 5000);
    // The booth's bridge read her card; the citizen consents to show it.
    expect((await booth.attest(mother)).ok).toBe(true);
    await request(kiosk, 'remote:respond', { actionId: read.actionId, consent: true });
    await request(kiosk, 'draft:update', {
      ticketId,
      draft: {
        bundleCode: 'YJSP001',
        itemCodes: [],
        answers: dataset.scenarios.find((s) => s.bundle === 'YJSP001')?.typed ?? {},
        identity: null,
        step: 'form',
      },
    });
    await request(remote, 'remote:request', { ticketId, action: { kind: 'acceptCase' } });
    const accept = await next('remote:action', 5000);
    await request(kiosk, 'remote:respond', { actionId: accept.actionId, consent: true });
    let filed = await next('remote:result', 5000);
    while (filed.kind !== 'acceptCase') filed = await next('remote:result', 5000);
    expect(filed.status, filed.detail).toBe('done');

    const cookie = await login(t.url, 'agent.remote', 'demo-agent-2026');
    const detail = await readJson(await api(cookie, `/${filed.caseNumber}`));
    expect(detail.access).toBe('ticket');
    expect(Object.keys(detail.answers).length).toBeGreaterThan(0);
    expect(detail.answers).not.toHaveProperty('mother.bankAccount');
    const list = await readJson(await api(cookie, '/'));
    const listed = list.subCases.map((c: any) => c.caseNumber);
    expect(listed).toContain(filed.caseNumber);
    expect(listed).not.toContain(panyuCase);
    expect((await api(cookie, `/${panyuCase}`)).status).toBe(403);
    await request(remote, 'call:end', { ticketId });
  });

  it('refuses a supervisor of Panyu the silent monitor of a call from a Chengdu booth, audited', async () => {
    const credential = await enrolTerminal(t.url, admin, 'CA-CHENGDU', { region: '510104' });
    const minted = await readJson(
      await fetch(`${t.url}/api/terminal/kiosk-session`, {
        method: 'POST',
        headers: { authorization: `Bearer ${credential}` },
      }),
    );
    const remote = await connectSocket(t.url, '/staff', {
      cookie: await login(t.url, 'agent.remote', 'demo-agent-2026'),
    });
    const kiosk = await connectSocket(t.url, '/kiosk', { auth: { token: minted.token } });
    const sup = await connectSocket(t.url, '/staff', {
      cookie: await login(t.url, 'supervisor', 'demo-supervisor-2026'),
    });
    sockets.push(remote, kiosk, sup);
    const offered = new Promise<any>((resolve) => remote.once('offer:new', resolve));
    await request(remote, 'agent:setState', { state: 'available' });
    const { ticketId } = (
      await request<any>(kiosk, 'help:request', { department: 'PSB', language: 'zh-CN' })
    ).data;
    await request(remote, 'offer:accept', { offerId: (await offered).offerId });
    const refused = await requestRefusal(sup, 'supervisor:monitor', { ticketId });
    expect(refused.error.code).toBe('CALL_OTHER_REGION');
    const audit = await readJson(
      await fetch(`${t.url}/api/admin/audit?action=booth.monitor.refused&targetId=${ticketId}`, {
        headers: { cookie: auditor },
      }),
    );
    expect(audit.entries).toHaveLength(1);
    await request(remote, 'call:end', { ticketId });
  });
});
