import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { kioskSession } from '../testing/kiosk-client.ts';
import { createPgTestDatabase } from '../testing/postgres.ts';
import {
  connectSocket,
  login,
  readJson,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

/**
 * The department workbench through the real server, on SQLite and (when one answers)
 * PostgreSQL: a newborn case filed at a kiosk is accepted by PSB, HEALTH asks for more material,
 * the applicant supplies it at a kiosk, both finish; two PSB reviewers racing get one winner.
 */

const dataset = await loadDemoDataset();
const person = (id: string) => {
  const p = dataset.people.find((x) => x.idNumber === id);
  if (!p) throw new Error(id);
  return identityCardOf(p);
};
const mother = person('33990219940612022X');
const stranger = identityCardOf(dataset.people.find((p) => p.idNumber !== mother.idNumber)!);
const newborn = dataset.scenarios.find((s) => s.bundle === 'YJSP001');
// Enough of a PNG for the upload store's type check (it reads the signature).
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

const pg = await createPgTestDatabase();
if ('skip' in pg) console.warn(`[skip] workbench on PostgreSQL: ${pg.skip}`);
const engines = [
  { name: 'sqlite', skip: null as string | null },
  { name: 'postgres', skip: 'skip' in pg ? pg.skip : null },
];

describe.each(engines)('the department workbench on $name', ({ name, skip }) => {
  let t: TestServer;
  let admin: string;
  let auditor: string;
  let kiosk: Awaited<ReturnType<typeof kioskSession>>;
  let police: string;
  let health: string;
  let caseNumber: string;
  const sockets: Socket[] = [];

  const wb = (cookie: string, p: string, body?: unknown) =>
    fetch(`${t.url}/api/workbench${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const screen = async (cookie: string) => readJson(await wb(cookie, `/cases/${caseNumber}`));
  const act = (cookie: string, body: Record<string, unknown>) =>
    wb(cookie, `/cases/${caseNumber}/actions`, body);
  const audit = async (action: string) =>
    (
      await readJson(
        await fetch(`${t.url}/api/admin/audit?action=${action}&targetId=${caseNumber}`, {
          headers: { cookie: auditor },
        }),
      )
    ).entries as any[];

  beforeAll(async () => {
    if (skip) return;
    let extra: Record<string, unknown> = {};
    if (name === 'postgres') {
      const db = await createPgTestDatabase();
      if ('skip' in db) throw new Error(db.skip);
      extra = {
        DATABASE_URL: db.url,
        DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'onething-wb-')),
      };
    }
    t = await startTestServer(extra);
    admin = await login(t.url, 'admin', 'demo-admin-2026');
    auditor = await login(t.url, 'auditor', 'demo-auditor-2026');
    await t.server.accounts.create(
      {
        username: 'agent.police2',
        displayName: '第二位户籍民警',
        password: 'demo-agent-2026',
        roles: ['agent'],
        department: 'PSB',
        regions: ['440100'],
        languages: ['zh-CN'],
      },
      { id: null, ip: null },
      { demo: true },
    );
    kiosk = await kioskSession(t.url, admin, 'K-WB-1');
    expect((await kiosk.attest(mother)).ok).toBe(true);
    const notice = await readJson(await kiosk.call('GET', '/bundles/YJSP001'));
    const filed = await readJson(
      await kiosk.call('POST', '/cases', {
        idempotencyKey: randomUUID(),
        bundleCode: 'YJSP001',
        consents: [{ purpose: 'minorData', wording: '2026-12' }],
        itemCodes: notice.items.map((i: any) => i.code),
        answers: newborn?.typed,
      }),
    );
    caseNumber = filed.case.caseNumber;
    police = await login(t.url, 'agent.police', 'demo-agent-2026');
    health = await login(t.url, 'agent.health', 'demo-agent-2026');
  });
  afterAll(async () => {
    if (skip) return;
    for (const s of sockets) s.close();
    kiosk.close();
    await t.close();
  });

  it.skipIf(!!skip)(
    'lists the department’s sub-cases in the regions served, filtered, with counts',
    async () => {
      const list = await readJson(await wb(police, '/sub-cases'));
      const entry = list.entries.find((e: any) => e.caseNumber === caseNumber);
      expect(entry).toMatchObject({
        status: 'received',
        region: '440113',
        overdue: false,
        version: 0,
      });
      expect(entry.applicant.name).not.toBe(mother.name);
      expect(list.counts.received).toBeGreaterThanOrEqual(1);
      expect((await readJson(await wb(police, '/sub-cases?status=done'))).entries).toEqual([]);
      expect((await readJson(await wb(police, '/sub-cases?bundle=YJSP001'))).entries.length).toBe(
        1,
      );
      expect((await readJson(await wb(police, '/sub-cases?region=510104'))).entries).toEqual([]);
      // Another region's agent of the same department does not see it at all.
      const remote = await login(t.url, 'agent.remote', 'demo-agent-2026');
      expect((await readJson(await wb(remote, '/sub-cases'))).entries).toEqual([]);
      // Past its due date it is overdue, and the overdue filter finds it.
      await t.server.database.db
        .updateTable('sub_cases')
        .set({ due_at: Date.now() - 60_000 })
        .where('case_number', '=', caseNumber)
        .where('department', '=', 'PSB')
        .execute();
      const late = await readJson(await wb(police, '/sub-cases?overdue=true'));
      expect(late.entries.map((e: any) => [e.caseNumber, e.overdue])).toEqual([[caseNumber, true]]);
      expect(late.overdue).toBe(1);
      const bad = await wb(police, '/sub-cases?overdue=maybe');
      expect(bad.status).toBe(400);
    },
  );

  it.skipIf(!!skip)(
    'shows the need-to-know answers, materials, 免提交 licences and evidence with sources',
    async () => {
      const s = await screen(police);
      expect(s.subCase.items.map((i: any) => i.code)).toEqual(['070117001000']);
      expect(s.allowed).toEqual(['accept', 'requestMaterial', 'reject']);
      expect(s.reasons.reject.map((r: any) => r.code)).toContain('lateDeclaration');
      expect(s.materials.length).toBeGreaterThan(0);
      expect(s.materials.every((m: any) => ['upload', 'licence', 'missing'].includes(m.held))).toBe(
        true,
      );
      const licence = s.materials.find((m: any) => m.held === 'licence');
      if (licence) expect(licence.licence?.number).toMatch(/\*/);
      expect(s.evidence.length).toBeGreaterThan(0);
      expect(s.evidence.every((e: any) => e.source !== 'citizen' && e.label.zh)).toBe(true);
    },
  );

  it.skipIf(!!skip)(
    'lets one of two PSB reviewers acting at once win; the other is told and sees the fresh state',
    async () => {
      // A case of its own: either action may win the race.
      const { view } = await t.server.cases.submit(
        {
          idempotencyKey: randomUUID(),
          bundleCode: 'YJSP001',
          itemCodes: ['070117001000'],
          identity: mother,
          answers: {},
          materials: {},
          channel: 'terminal',
          terminalId: 'K-WB-1',
        },
        { type: 'terminal', id: 'K-WB-1' },
      );
      const n = view.caseNumber;
      const other = await login(t.url, 'agent.police2', 'demo-agent-2026');
      const seen = (await readJson(await wb(police, `/cases/${n}`))).subCase.version;
      const [a, b] = await Promise.all([
        wb(police, `/cases/${n}/actions`, {
          action: 'accept',
          version: seen,
          reasonCode: 'materialsComplete',
        }),
        wb(other, `/cases/${n}/actions`, {
          action: 'reject',
          version: seen,
          reasonCode: 'lateDeclaration',
          note: '已超期',
        }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      const error = (await readJson(loser)).error;
      expect(error.code).toBe('SUBCASE_VERSION_CONFLICT');
      expect(error.details).toMatchObject({ version: seen + 1 });
      const winner = await readJson(a.status === 200 ? a : b);
      expect(error.details.status).toBe(winner.subCase.status);
      const refused = await readJson(
        await fetch(`${t.url}/api/admin/audit?action=case.action.refused&targetId=${n}`, {
          headers: { cookie: auditor },
        }),
      );
      expect(refused.entries.map((e: any) => e.details.code)).toEqual(['SUBCASE_VERSION_CONFLICT']);
      // An action on a version seen before is refused the same way, even when it came second.
      const stale = await wb(police, `/cases/${n}/actions`, {
        action: 'reject',
        version: seen,
        reasonCode: 'lateDeclaration',
      });
      expect((await readJson(stale)).error.code).toBe('SUBCASE_VERSION_CONFLICT');
    },
  );

  it.skipIf(!!skip)('accepts with a reason from the item’s list', async () => {
    const s = await screen(police);
    const res = await act(police, {
      action: 'accept',
      version: s.subCase.version,
      reasonCode: 'materialsComplete',
    });
    expect(res.status).toBe(200);
    const after = await readJson(res);
    expect(after.subCase).toMatchObject({ status: 'in_review', version: s.subCase.version + 1 });
    expect(after.allowed).toEqual(['requestMaterial', 'complete', 'reject']);
  });

  it.skipIf(!!skip)(
    'refuses a reason outside the item’s list and `other` without a note',
    async () => {
      const s = await screen(health);
      const unknown = await act(health, {
        action: 'accept',
        version: s.subCase.version,
        reasonCode: 'lateDeclaration',
      });
      expect(unknown.status).toBe(422);
      expect((await readJson(unknown)).error.code).toBe('SUBCASE_REASON_UNKNOWN');
      const bare = await act(health, {
        action: 'accept',
        version: s.subCase.version,
        reasonCode: 'other',
      });
      expect(bare.status).toBe(400);
      expect((await readJson(bare)).error.path).toEqual(['note']);
    },
  );

  it.skipIf(!!skip)(
    'asks for more material; the applicant supplies it at a kiosk, in person only',
    async () => {
      const changes: any[] = [];
      const sock = await connectSocket(t.url, '/staff', { cookie: health });
      sockets.push(sock);
      sock.on('workbench:subCaseChanged', (c) => changes.push(c));
      const s = await screen(health);
      const material = 'child.birthMedicalCertificate';
      const asked = await act(health, {
        action: 'requestMaterial',
        version: s.subCase.version,
        reasonCode: 'birthCertUnclear',
        note: '照片反光，请重新拍摄',
        materials: [material],
        deadlineDays: 5,
      });
      expect(asked.status).toBe(200);
      const after = await readJson(asked);
      expect(after.subCase.status).toBe('more_material');
      expect(after.subCase.correction.materials.map((m: any) => m.code)).toEqual([material]);
      // The applicant is told by text, in Chinese, through the (simulated) SMS gateway.
      const phone = newborn?.typed['applicant.phone'];
      await expect
        .poll(() => t.server.smsGateway.sent.filter((m) => m.to === phone).map((m) => m.text))
        .toEqual([expect.stringContaining(`您的办件${caseNumber}需要补正材料：`)]);
      expect(t.server.smsGateway.sent.at(-1)?.text).toContain('出生医学证明');
      await expect
        .poll(() => changes.some((c) => c.department === 'HEALTH' && c.status === 'more_material'))
        .toBe(true);

      // The citizen's status shows what to bring and by when.
      const last4 = mother.idNumber.slice(-4);
      const status = await readJson(
        await kiosk.call('POST', '/cases/lookup', { caseNumber, idLast4: last4 }),
      );
      const asking = status.subCases.find((x: any) => x.status === 'more_material');
      expect(asking.correction).toMatchObject({
        materials: [{ code: material }],
        suppliedAt: null,
      });
      expect(asking.correction.deadlineAt).toBeGreaterThan(Date.now());

      // Someone else at a kiosk with the receipt cannot add papers: their card is not the applicant's.
      const other = await kioskSession(t.url, admin, 'K-WB-2');
      const upload = async (k: typeof kiosk) =>
        (await readJson(await k.call('POST', '/uploads', PNG, { 'content-type': 'image/png' })))
          .uploadId;
      const body = async (k: typeof kiosk) => ({
        caseNumber,
        idLast4: last4,
        uploads: { [material]: await upload(k) },
      });
      const anonymous = await other.call('POST', '/cases/supply', await body(other));
      expect(anonymous.status).toBe(403);
      expect((await readJson(anonymous)).error.code).toBe('IDENTITY_NOT_ATTESTED');
      expect((await other.attest(stranger)).ok).toBe(true);
      const notMine = await other.call('POST', '/cases/supply', await body(other));
      expect(notMine.status).toBe(403);
      expect((await readJson(notMine)).error.code).toBe('CORRECTION_NOT_APPLICANT');
      other.close();

      const missing = await kiosk.call('POST', '/cases/supply', {
        caseNumber,
        idLast4: last4,
        uploads: {},
      });
      expect(missing.status).toBe(400);
      const supplied = await kiosk.call('POST', '/cases/supply', await body(kiosk));
      expect(supplied.status).toBe(200);
      const view = await readJson(supplied);
      expect(view.subCases.every((x: any) => x.status !== 'more_material')).toBe(true);
      const again = await kiosk.call('POST', '/cases/supply', await body(kiosk));
      expect((await readJson(again)).error.code).toBe('CORRECTION_NOT_OPEN');

      // The reviewer sees the supplied file and opens it; the other department cannot.
      const back = await screen(health);
      expect(back.subCase.status).toBe('in_review');
      const file = back.materials.find((m: any) => m.code === material);
      expect(file).toMatchObject({ held: 'upload', supplied: true, mediaType: 'image/png' });
      const bytes = await wb(health, `/cases/${caseNumber}/materials/${file.uploadId}`);
      expect(bytes.status).toBe(200);
      expect(bytes.headers.get('content-type')).toBe('image/png');
      expect(new Uint8Array(await bytes.arrayBuffer())).toEqual(PNG);
      const hrss = await login(t.url, 'agent.hrss', 'demo-agent-2026');
      const refused = await wb(hrss, `/cases/${caseNumber}/materials/${file.uploadId}`);
      expect(refused.status).toBe(404);
    },
  );

  it.skipIf(!!skip)(
    'finishes both parts in parallel, issues the licences and audits each action',
    async () => {
      const [p, h] = await Promise.all([screen(police), screen(health)]);
      const [a, b] = await Promise.all([
        act(police, { action: 'complete', version: p.subCase.version, reasonCode: 'registered' }),
        act(health, {
          action: 'complete',
          version: h.subCase.version,
          reasonCode: 'certificateIssued',
        }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect((await readJson(a)).subCase.status).toBe('done');
      const issued = await t.server.database.db
        .selectFrom('issued_licences')
        .select('licence_code')
        .where('case_number', '=', caseNumber)
        .execute();
      expect(issued.map((r) => r.licence_code).sort()).toEqual([
        'householdRegister',
        'vaccinationCertificate',
      ]);
      const actions = await audit('case.action');
      expect(actions.map((e) => `${e.details.department}:${e.details.action}`)).toEqual(
        expect.arrayContaining([
          'PSB:accept',
          'HEALTH:requestMaterial',
          'PSB:complete',
          'HEALTH:complete',
        ]),
      );
      const timeline = (await screen(health)).detail.timeline;
      expect(timeline.map((e: any) => e.reasonCode)).toEqual(
        expect.arrayContaining(['birthCertUnclear', 'materialSupplied', 'certificateIssued']),
      );
    },
  );
});
