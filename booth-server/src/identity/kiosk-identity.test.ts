import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { kioskSession, kioskSessionOf } from '../testing/kiosk-client.ts';
import { login, readJson, startTestServer, type TestServer } from '../testing/test-server.ts';

/**
 * Issue #13 finding 2, as an attacker holding only a kiosk token (or one terminal's bridge
 * credential) would try it against the real server: the page naming whom it serves, a typed ID
 * number, another terminal's session. Certificates and ratings: kiosk-visit.test.ts.
 */
let t: TestServer;
let admin: string;
const dataset = await loadDemoDataset();
const person = (id: string) => {
  const p = dataset.people.find((x) => x.idNumber === id);
  if (!p) throw new Error(id);
  return identityCardOf(p);
};
/** The citizen at the kiosk (her card is on the reader). */
const mother = person('33990219940612022X');
/** Someone else, whose records the attacker is after (a retiree with a bank account on file). */
const victim = person('33990319420810015X');
const victimRecords = ['孙德华', '6222021234567890160', '番禺重工', '南塘路17号'];

beforeAll(async () => {
  t = await startTestServer();
  admin = await login(t.url, 'admin', 'demo-admin-2026');
});
afterAll(async () => t.close());

async function audited(action: string, actorId: string): Promise<Record<string, unknown>[]> {
  const entries = await t.server.audit.list({ action, actorId, limit: 20 });
  return entries.map((e) => ({ ...e, details: e.details ?? {} }));
}

async function itemsOf(kiosk: Awaited<ReturnType<typeof kioskSession>>, bundle: string) {
  const notice = await readJson(await kiosk.call('GET', `/bundles/${bundle}`));
  return notice.items.map((i: { code: string }) => i.code) as string[];
}

describe('identity enters a kiosk session only from its device bridge', () => {
  it('a kiosk token naming someone else’s ID gets nothing personal back, and is audited', async () => {
    const kiosk = await kioskSession(t.url, admin, 'ATK-FORMS');
    const itemCodes = await itemsOf(kiosk, 'YJSP003');
    const supplied = { ...victim, name: 'x' };
    for (const [path, body] of [
      ['/forms', { bundleCode: 'YJSP003', itemCodes, identity: supplied }],
      ['/forms/validate', { bundleCode: 'YJSP003', itemCodes, identity: supplied, answers: {} }],
      [
        '/cases',
        {
          idempotencyKey: randomUUID(),
          bundleCode: 'YJSP003',
          itemCodes,
          identity: supplied,
          answers: {},
        },
      ],
      ['/instant', { itemCode: '110118003000', identity: supplied, confirmed: true }],
    ] as const) {
      const res = await kiosk.call('POST', path, body);
      const text = await res.text();
      expect(res.status, path).toBe(400);
      expect(JSON.parse(text).error.code, path).toBe('IDENTITY_FROM_DEVICE_ONLY');
      for (const secret of victimRecords) expect(text, path).not.toContain(secret);
    }
    const refusals = [
      ...(await audited('kiosk.form.refused', 'ATK-FORMS')),
      ...(await audited('kiosk.validate.refused', 'ATK-FORMS')),
      ...(await audited('kiosk.case.refused', 'ATK-FORMS')),
      ...(await audited('kiosk.certificate.refused', 'ATK-FORMS')),
    ];
    expect(refusals).toHaveLength(4);
    // The audit names whom the page tried, masked; never the full number.
    expect(JSON.stringify(refusals)).not.toContain(victim.idNumber);
    expect(JSON.stringify(refusals)).toContain(victim.idNumber.slice(-4));
  });

  it('a typed ID number opens no registry records: lookups follow only the attested card', async () => {
    const kiosk = await kioskSession(t.url, admin, 'ATK-TYPED');
    const itemCodes = await itemsOf(kiosk, 'YJSP003');
    // Nobody attested: the attacker types the victim's number into the form instead.
    const res = await kiosk.call('POST', '/forms', {
      bundleCode: 'YJSP003',
      itemCodes,
      answers: { 'applicant.idNumber': victim.idNumber, 'applicant.name': 'x' },
    });
    const text = await res.text();
    expect(res.status).toBe(200);
    for (const secret of victimRecords.slice(1)) expect(text).not.toContain(secret);
    const fields = JSON.parse(text).sections.flatMap((s: { fields: unknown[] }) => s.fields);
    expect(fields.filter((f: { source: string }) => f.source !== 'citizen')).toEqual([]);
    // Filing needs an attested identity, audited when refused.
    const filed = await kiosk.call('POST', '/cases', {
      idempotencyKey: randomUUID(),
      bundleCode: 'YJSP003',
      itemCodes,
      answers: {},
    });
    expect(filed.status).toBe(403);
    expect((await readJson(filed)).error.code).toBe('IDENTITY_NOT_ATTESTED');
    expect(await audited('kiosk.case.refused', 'ATK-TYPED')).toHaveLength(1);
  });

  it('prefills from the attested card and audits each shared-data lookup', async () => {
    const kiosk = await kioskSession(t.url, admin, 'K-PREFILL');
    expect((await kiosk.attest(mother)).ok).toBe(true);
    const form = await readJson(
      await kiosk.call('POST', '/forms', {
        bundleCode: 'YJSP001',
        itemCodes: await itemsOf(kiosk, 'YJSP001'),
      }),
    );
    const fields = form.sections.flatMap((s: { fields: unknown[] }) => s.fields);
    expect(fields.find((f: { key: string }) => f.key === 'applicant.name')?.value).toBe('林晓雯');
    const lookups = await audited('shared_data.lookup', 'K-PREFILL');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]).toMatchObject({ targetType: 'person' });
    expect((lookups[0]?.details as { lookups: string[] }).lookups.length).toBeGreaterThan(0);
    expect(JSON.stringify(lookups)).not.toContain(mother.idNumber);
    const attests = await audited('identity.attest', 'K-PREFILL');
    expect(attests).toHaveLength(1);
    kiosk.close();
  });

  it('a bridge can attest only for a kiosk session it minted itself', async () => {
    const mine = await kioskSession(t.url, admin, 'K-OWN');
    const theirs = await kioskSession(t.url, admin, 'K-THEIRS');
    // K-OWN's bridge names K-THEIRS's session.
    const stolen = await kioskSessionOf(t.url, mine.credential);
    const forged = await readJson(
      await fetch(`${t.url}/api/terminal/kiosk-session`, {
        method: 'POST',
        headers: { authorization: `Bearer ${mine.credential}` },
      }),
    );
    expect(forged.sessionId).not.toBe(theirs.sessionId);
    const link = await stolen.bridge();
    const res = await link.timeout(5000).emitWithAck('identity:attest', {
      sessionId: theirs.sessionId,
      visitId: 'v'.repeat(22),
      method: 'idCard',
      card: victim,
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await audited('identity.attest.refused', 'K-OWN')).toHaveLength(1);
    const after = await theirs.call('POST', '/instant', {
      itemCode: '110118003000',
      confirmed: true,
    });
    expect((await readJson(after)).error.code).toBe('IDENTITY_NOT_ATTESTED');
    for (const k of [mine, theirs, stolen]) k.close();
  });

  it('a wiped session forgets the citizen: nothing more is filed or certified for them', async () => {
    const kiosk = await kioskSession(t.url, admin, 'K-WIPE');
    expect((await kiosk.attest(mother)).ok).toBe(true);
    expect(await kiosk.wipe()).toMatchObject({ ok: true });
    const res = await kiosk.call('POST', '/instant', { itemCode: '110118003000', confirmed: true });
    expect(res.status).toBe(403);
    expect((await readJson(res)).error.code).toBe('IDENTITY_NOT_ATTESTED');
    expect(await audited('identity.clear', 'K-WIPE')).toHaveLength(1);
    kiosk.close();
  });
});
