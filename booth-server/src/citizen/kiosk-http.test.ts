import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { kioskSession } from '../testing/kiosk-client.ts';
import { anotherChild } from '../testing/cases.ts';
import { login, readJson, startTestServer, type TestServer } from '../testing/test-server.ts';

let t: TestServer;
let admin: string;
let auditor: string;
let kiosk: Awaited<ReturnType<typeof kioskSession>>;
const dataset = await loadDemoDataset();
const person = (id: string) => {
  const p = dataset.people.find((x) => x.idNumber === id);
  if (!p) throw new Error(id);
  return identityCardOf(p);
};
const mother = person('33990219940612022X');
const newborn = dataset.scenarios.find((s) => s.bundle === 'YJSP001');

beforeAll(async () => {
  t = await startTestServer();
  admin = await login(t.url, 'admin', 'demo-admin-2026');
  auditor = await login(t.url, 'auditor', 'demo-auditor-2026');
  kiosk = await kioskSession(t.url, admin, 'K-TEST-1');
  // The card reader read 林晓雯's card: the bridge attests it for this kiosk session.
  expect((await kiosk.attest(mother)).ok).toBe(true);
});
afterAll(async () => {
  kiosk.close();
  await t.close();
});

describe('the kiosk 一件事 API', () => {
  it('refuses calls without a kiosk session token', async () => {
    const res = await fetch(`${t.url}/api/kiosk/catalogue`);
    expect(res.status).toBe(401);
  });

  it('names the terminal’s place and the hotline, and no alternative when none is in service', async () => {
    const info = await readJson(await kiosk.call('GET', '/terminal'));
    expect(info).toMatchObject({ site: '番禺区政务服务中心', hotline: '12345' });
    expect(info.name).toEqual(expect.any(String));
    // no other terminal of the region has beaten: nowhere to send the citizen
    expect(await readJson(await kiosk.call('GET', '/alternative-terminal'))).toEqual({
      alternative: null,
    });
  });

  it('lists bundles by life event and the instant items', async () => {
    const index = await readJson(await kiosk.call('GET', '/catalogue'));
    expect(index.bundles.length).toBeGreaterThanOrEqual(8);
    expect(index.bundles.map((b: any) => b.name.zh)).toContain('新生儿出生一件事');
    expect(index.bundles.every((b: any) => b.departmentCount >= 2 && b.itemCount >= 3)).toBe(true);
    expect(index.instantItems.map((i: any) => i.name.zh)).toContain('无犯罪记录证明');
  });

  it('gives one notice with every item, material, limit and fee, and names an unknown bundle', async () => {
    const notice = await readJson(await kiosk.call('GET', '/bundles/YJSP001'));
    expect(notice.items.length).toBeGreaterThanOrEqual(3);
    expect(notice.items.every((i: any) => i.fee.zh && i.promisedDays !== undefined)).toBe(true);
    expect(notice.materials.length).toBeGreaterThan(0);
    const unknown = await kiosk.call('GET', '/bundles/YJSX999');
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).error.code).toBe('CATALOGUE_UNKNOWN_BUNDLE');
  });

  it('merges and prefills the form from the ID card and shared data, marking sources', async () => {
    const notice = await readJson(await kiosk.call('GET', '/bundles/YJSP001'));
    const itemCodes = notice.items.map((i: any) => i.code);
    const res = await kiosk.call('POST', '/forms', {
      bundleCode: 'YJSP001',
      itemCodes,
    });
    expect(res.status).toBe(200);
    const form = await readJson(res);
    const fields = form.sections.flatMap((s: any) => s.fields);
    const keys = fields.map((f: any) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    const fromCard = fields.find((f: any) => f.key === 'applicant.name' || f.key === 'mother.name');
    expect(fromCard?.value).toBe('林晓雯');
    expect(fromCard?.source).toBe('idCard');
    expect(
      fields.some((f: any) => f.source === 'marriageRegistry' || f.source === 'householdRegistry'),
    ).toBe(true);
    expect(form.materials.some((m: any) => m.attached)).toBe(true);
    // Conditions are explained in words, never as field keys and operators.
    const hints = fields.map((f: any) => f.hint?.zh ?? '').join(' ');
    expect(hints).not.toMatch(/[a-z]+\.[a-zA-Z]+|==/);
    // a conditional field carries its condition (the kiosk hides it until it holds), not a note
    const postal = fields.find((f: any) => f.key === 'delivery.address');
    if (postal) {
      expect(postal.when).toMatchObject({ field: 'delivery.mode' });
      expect(postal.hint?.zh ?? '').not.toMatch(/仅当/);
    }
    expect(form.stats.toType).toBeLessThan(form.stats.separateFields);
  });

  it('names each invalid field and its rule, and the bridge cannot attest a bad ID checksum', async () => {
    const notice = await readJson(await kiosk.call('GET', '/bundles/YJSP001'));
    const itemCodes = notice.items.map((i: any) => i.code);
    const v = await readJson(
      await kiosk.call('POST', '/forms/validate', {
        bundleCode: 'YJSP001',
        itemCodes,
        answers: { 'applicant.phone': '12345' },
      }),
    );
    const phone = v.errors.find((e: any) => e.key === 'applicant.phone');
    expect(phone).toBeDefined();
    expect(phone.message.zh.length).toBeGreaterThan(0);
    // A card whose number fails its check digit is not attested.
    const forged = {
      ...mother,
      idNumber: `${mother.idNumber.slice(0, 17)}${mother.idNumber.endsWith('0') ? '1' : '0'}`,
    };
    const other = await kioskSession(t.url, admin, 'K-TEST-FORGED');
    const bad = await other.attest(forged);
    other.close();
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(bad.ok ? null : bad.error.path).toEqual(['card', 'idNumber']);
  });

  it('files one case per submission, fanned out to every department, and never twice', async () => {
    expect(newborn).toBeDefined();
    const notice = await readJson(await kiosk.call('GET', '/bundles/YJSP001'));
    const itemCodes = notice.items.map((i: any) => i.code);
    const body = {
      idempotencyKey: randomUUID(),
      bundleCode: 'YJSP001',
      consents: [{ purpose: 'minorData', wording: '2026-12' }],
      itemCodes,
      answers: { ...newborn?.typed, ...anotherChild() },
    };
    const first = await kiosk.call('POST', '/cases', body);
    const created = await readJson(first);
    expect(first.status, JSON.stringify(created)).toBe(201);
    expect(created.case.caseNumber).toMatch(/^YJ\d{15}$/);
    expect(created.case.subCases.length).toBeGreaterThanOrEqual(2);
    const again = await kiosk.call('POST', '/cases', body);
    expect(again.status).toBe(200);
    expect((await readJson(again)).case.caseNumber).toBe(created.case.caseNumber);

    const lookup = await kiosk.call('POST', '/cases/lookup', {
      caseNumber: created.case.caseNumber,
      idLast4: mother.idNumber.slice(-4),
    });
    expect((await readJson(lookup)).status).toBe('received');
    const wrong = await fetch(`${t.url}/api/public/cases/lookup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ caseNumber: created.case.caseNumber, idLast4: '0000' }),
    });
    expect((await readJson(wrong)).error.code).toBe('CASE_NOT_FOUND');

    const rating = await kiosk.call('POST', '/ratings', {
      caseNumber: created.case.caseNumber,
      channel: 'onsite',
      level: 'very_satisfied',
    });
    expect(rating.status).toBe(201);
    const twice = await kiosk.call('POST', '/ratings', {
      caseNumber: created.case.caseNumber,
      channel: 'onsite',
      level: 'satisfied',
    });
    expect((await readJson(twice)).error.code).toBe('ALREADY_RATED');
  });

  it("files a child's case only with the guardian's consent in today's words, and records it", async () => {
    const notice = await readJson(await kiosk.call('GET', '/bundles/YJSP001'));
    expect(notice.bundle.minorData).toBe(true);
    const body = {
      idempotencyKey: randomUUID(),
      bundleCode: 'YJSP001',
      itemCodes: notice.items.map((i: any) => i.code),
      answers: newborn?.typed,
    };
    const without = await kiosk.call('POST', '/cases', body);
    expect(without.status).toBe(422);
    expect((await readJson(without)).error.code).toBe('CONSENT_REQUIRED');
    // Words an older kiosk build showed are not today's consent.
    const stale = await kiosk.call('POST', '/cases', {
      ...body,
      consents: [{ purpose: 'minorData', wording: '2020-01' }],
    });
    expect((await readJson(stale)).error.code).toBe('CONSENT_REQUIRED');

    const filed = await readJson(
      await kiosk.call('POST', '/cases', {
        ...body,
        consents: [{ purpose: 'minorData', wording: '2026-12' }],
      }),
    );
    const rows = await t.server.database.db
      .selectFrom('consents')
      .selectAll()
      .where('case_number', '=', filed.case.caseNumber)
      .execute();
    expect(rows).toMatchObject([
      { purpose: 'minorData', wording: '2026-12', terminal_id: 'K-TEST-1' },
    ]);
    expect(Number(rows[0]?.given_at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses an incomplete submission with every field error, filing nothing', async () => {
    const notice = await readJson(await kiosk.call('GET', '/bundles/YJSP001'));
    const itemCodes = notice.items.map((i: any) => i.code);
    const res = await kiosk.call('POST', '/cases', {
      idempotencyKey: randomUUID(),
      bundleCode: 'YJSP001',
      consents: [{ purpose: 'minorData', wording: '2026-12' }],
      itemCodes,
      answers: {},
    });
    expect(res.status).toBe(422);
    const body = await readJson(res);
    expect(body.error.code).toBe('FIELD_INVALID');
    expect(body.error.details.errors.length).toBeGreaterThan(0);
  });

  it('stores uploads by content and refuses files that are not images or PDF', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const ok = await kiosk.call('POST', '/uploads', png, { 'content-type': 'image/png' });
    expect(ok.status).toBe(201);
    const up = await readJson(ok);
    expect(up.mediaType).toBe('image/png');
    const again = await readJson(
      await kiosk.call('POST', '/uploads', png, { 'content-type': 'image/png' }),
    );
    expect(again.sha256).toBe(up.sha256);
    expect(again.uploadId).not.toBe(up.uploadId);
    const exe = await kiosk.call('POST', '/uploads', new Uint8Array([0x4d, 0x5a, 0x90, 0]), {
      'content-type': 'image/png',
    });
    expect(exe.status).toBe(415);
    expect((await readJson(exe)).error.code).toBe('UPLOAD_TYPE');
  });

  it('issues an instant certificate ready to print, only for instant items', async () => {
    const index = await readJson(await kiosk.call('GET', '/catalogue'));
    const code = index.instantItems.find((i: any) => i.name.zh === '无犯罪记录证明').code;
    const res = await readJson(
      await kiosk.call('POST', '/instant', { itemCode: code, confirmed: true }),
    );
    expect(res.document.title).toBe('无犯罪记录证明');
    expect(res.document.paragraphs.join('')).toContain('林晓雯');
    expect(res.verifyUrl).toContain(res.serial);
    const notInstant = await kiosk.call('POST', '/instant', {
      itemCode: '110118003000',
      confirmed: true,
    });
    expect(notInstant.status).toBe(400);
  });

  it('the bridge attests an electronic ID code of a known person and cannot attest a foreign QR', async () => {
    const other = await kioskSession(t.url, admin, 'K-TEST-EID');
    const ok = await other.attestElectronic(`CTID:${mother.idNumber}`);
    expect(ok).toMatchObject({ ok: true, data: { actor: { name: '林晓雯' } } });
    const foreign = await other.attestElectronic('https://example.com/promo');
    other.close();
    expect(foreign).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  });
});

describe('department permissions on cases', () => {
  it('let an agent see and move only their own department’s part', async () => {
    const notice = await readJson(await kiosk.call('GET', '/bundles/YJSP001'));
    const itemCodes = notice.items.map((i: any) => i.code);
    const created = await readJson(
      await kiosk.call('POST', '/cases', {
        idempotencyKey: randomUUID(),
        bundleCode: 'YJSP001',
        consents: [{ purpose: 'minorData', wording: '2026-12' }],
        itemCodes,
        answers: { ...newborn?.typed, ...anotherChild() },
      }),
    );
    const n = created.case.caseNumber;
    const police = await login(t.url, 'agent.police', 'demo-agent-2026');
    const list = await readJson(await fetch(`${t.url}/api/cases`, { headers: { cookie: police } }));
    const mine = list.subCases.filter((s: any) => s.caseNumber === n);
    const touchesPsb = created.case.subCases.some((s: any) => s.department.zh.includes('公安'));
    expect(mine.length).toBe(touchesPsb ? 1 : 0);
    if (mine.length) expect(JSON.stringify(mine)).not.toContain('林晓雯');
    const maint = await login(t.url, 'maint', 'demo-maint-2026');
    expect((await fetch(`${t.url}/api/cases`, { headers: { cookie: maint } })).status).toBe(403);
  });
});

describe('catalogue administration', () => {
  it('publishes a draft as a new version; earlier cases keep the version they were filed under', async () => {
    const notice = await readJson(await kiosk.call('GET', '/bundles/YJSP001'));
    const itemCodes = notice.items.map((i: any) => i.code);
    const before = await readJson(
      await kiosk.call('POST', '/cases', {
        idempotencyKey: randomUUID(),
        bundleCode: 'YJSP001',
        consents: [{ purpose: 'minorData', wording: '2026-12' }],
        itemCodes,
        answers: { ...newborn?.typed, ...anotherChild() },
      }),
    );
    const { bundle } = await readJson(
      await fetch(`${t.url}/api/admin/catalogue/bundles/YJSP001`, { headers: { cookie: admin } }),
    );
    const draft = (body: unknown) =>
      fetch(`${t.url}/api/admin/catalogue/drafts/bundle/YJSP001`, {
        method: 'PUT',
        headers: { cookie: admin, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    // A misspelt key is kept as a draft but named by the start-up's schema check.
    const bad = await draft({ ...bundle, leadDepartmnt: 'X' });
    expect(bad.status).toBe(200);
    expect((await readJson(bad)).issues).toEqual([
      expect.objectContaining({ draft: { kind: 'bundle', code: 'YJSP001' }, rule: 'schema' }),
    ]);
    const put = await draft({
      ...bundle,
      name: { zh: '新生儿出生一件事（新版）', en: 'Birth of a child (revised)' },
    });
    expect(put.status).toBe(200);
    expect((await readJson(put)).issues).toEqual([]);
    const base = (
      await readJson(await fetch(`${t.url}/api/admin/catalogue`, { headers: { cookie: admin } }))
    ).current.id;
    const pub = await fetch(`${t.url}/api/admin/catalogue/publish`, {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json' },
      body: JSON.stringify({ note: '更新名称', base }),
    });
    expect(pub.status).toBe(201);
    const index = await readJson(await kiosk.call('GET', '/catalogue'));
    expect(index.bundles.find((b: any) => b.code === 'YJSP001').name.zh).toBe(
      '新生儿出生一件事（新版）',
    );
    const old = await readJson(
      await kiosk.call('POST', '/cases/lookup', {
        caseNumber: before.case.caseNumber,
        idLast4: mother.idNumber.slice(-4),
      }),
    );
    expect(old.bundleName.zh).toBe('新生儿出生一件事');
    const audit = await readJson(
      await fetch(`${t.url}/api/admin/audit?action=catalogue.publish`, {
        headers: { cookie: auditor },
      }),
    );
    expect(audit.entries).toHaveLength(1);
  });
});
