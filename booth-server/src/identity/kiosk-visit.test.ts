import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { anotherChild } from '../testing/cases.ts';
import { kioskSession, kioskSessionOf } from '../testing/kiosk-client.ts';
import { login, readJson, startTestServer, type TestServer } from '../testing/test-server.ts';

/**
 * Issue #13 findings 2 and 6 (kiosk part) through the real server: a certificate for a made-up
 * person, a forged certificate with a real serial, and ratings of other people's cases.
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
const newborn = dataset.scenarios.find((s) => s.bundle === 'YJSP001');

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

describe('certificates', () => {
  it('a made-up name cannot get a certificate', async () => {
    const kiosk = await kioskSession(t.url, admin, 'ATK-CERT');
    const madeUp = { ...mother, name: '张三', idNumber: '110105199003071239' };
    const supplied = await kiosk.call('POST', '/instant', {
      itemCode: '110118003000',
      identity: madeUp,
      confirmed: true,
    });
    expect((await readJson(supplied)).error.code).toBe('IDENTITY_FROM_DEVICE_ONLY');
    const bare = await kiosk.call('POST', '/instant', {
      itemCode: '110118003000',
      confirmed: true,
    });
    expect((await readJson(bare)).error.code).toBe('IDENTITY_NOT_ATTESTED');
    expect(await audited('kiosk.certificate.refused', 'ATK-CERT')).toHaveLength(2);
    expect(
      await t.server.audit.list({ action: 'certificate.issue', actorId: 'ATK-CERT', limit: 5 }),
    ).toEqual([]);
  });

  it('is stored with serial and keyed digest; /verify shows the masked holder and catches a forgery', async () => {
    const kiosk = await kioskSession(t.url, admin, 'K-CERT');
    expect((await kiosk.attest(mother)).ok).toBe(true);
    const index = await readJson(await kiosk.call('GET', '/catalogue'));
    const code = index.instantItems.find((i: { name: { zh: string } }) =>
      i.name.zh.includes('无犯罪'),
    ).code;
    const cert = await readJson(
      await kiosk.call('POST', '/instant', { itemCode: code, confirmed: true }),
    );
    expect(cert.document.paragraphs.join('')).toContain('林晓雯');
    const qr = new URL(cert.document.qr);
    expect(qr.pathname).toBe(`/verify/${cert.serial}`);
    const digest = qr.searchParams.get('d');
    expect(digest).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const genuine = await fetch(cert.document.qr);
    const page = await genuine.text();
    expect(genuine.status).toBe(200);
    expect(page).toContain('data-verdict="ok"');
    expect(page).toContain('无犯罪记录证明');
    expect(page).toContain('K-CERT');
    expect(page).toContain('林*雯');
    expect(page).not.toContain('林晓雯');
    expect(page).not.toContain(mother.idNumber);
    expect(page).toMatch(/Verified/);

    // A forged paper: a real serial, a made-up digest (the text was changed).
    const forged = await fetch(`${t.url}/verify/${cert.serial}?d=${'A'.repeat(32)}`);
    const forgedPage = await forged.text();
    expect(forgedPage).toContain('data-verdict="bad"');
    expect(forgedPage).toContain('不是真实出具的');
    expect(forgedPage).toContain('not genuine');

    const unknown = await fetch(`${t.url}/verify/110118-20260101-0000000000`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('not genuine');
    kiosk.close();
  });
});

describe('ratings come only from the visit that filed or was served in the case', () => {
  it('another terminal, or the next citizen at the same one, cannot rate a case', async () => {
    const kiosk = await kioskSession(t.url, admin, 'K-RATE');
    expect((await kiosk.attest(mother)).ok).toBe(true);
    const filed = await kiosk.call('POST', '/cases', {
      idempotencyKey: randomUUID(),
      bundleCode: 'YJSP001',
      consents: [{ purpose: 'minorData', wording: '2026-12' }],
      itemCodes: await itemsOf(kiosk, 'YJSP001'),
      answers: { ...newborn?.typed, ...anotherChild() },
    });
    const caseNumber = (await readJson(filed)).case.caseNumber as string;
    const rating = { caseNumber, channel: 'onsite', level: 'very_unsatisfied' };

    const other = await kioskSession(t.url, admin, 'ATK-RATE');
    expect((await other.attest(victim)).ok).toBe(true);
    const foreign = await other.call('POST', '/ratings', rating);
    expect(foreign.status).toBe(403);
    expect((await readJson(foreign)).error.code).toBe('RATING_NOT_ALLOWED');
    const refusals = await audited('rating.refused', 'ATK-RATE');
    expect(refusals[0]).toMatchObject({ targetType: 'case', targetId: caseNumber });

    // The next citizen at the same terminal (a new visit after the wipe) cannot either.
    expect((await kiosk.attest(victim)).ok).toBe(true);
    const next = await kiosk.call('POST', '/ratings', rating);
    expect((await readJson(next)).error.code).toBe('RATING_NOT_ALLOWED');

    // Nor a later visit of the same person on another kiosk session (a visit is one
    // identification until the wipe; the bridge keeps it across a token refresh).
    const again = await kioskSessionOf(t.url, kiosk.credential);
    expect((await again.attest(mother)).ok).toBe(true);
    const later = await again.call('POST', '/ratings', rating);
    expect((await readJson(later)).error.code).toBe('RATING_NOT_ALLOWED');
    for (const k of [kiosk, other, again]) k.close();
  });

  it('the visit that filed the case rates it', async () => {
    const kiosk = await kioskSession(t.url, admin, 'K-RATE-OWN');
    expect((await kiosk.attest(mother)).ok).toBe(true);
    const filed = await kiosk.call('POST', '/cases', {
      idempotencyKey: randomUUID(),
      bundleCode: 'YJSP001',
      consents: [{ purpose: 'minorData', wording: '2026-12' }],
      itemCodes: await itemsOf(kiosk, 'YJSP001'),
      answers: { ...newborn?.typed, ...anotherChild() },
    });
    const caseNumber = (await readJson(filed)).case.caseNumber as string;
    const ok = await kiosk.call('POST', '/ratings', {
      caseNumber,
      channel: 'onsite',
      level: 'satisfied',
    });
    expect(ok.status).toBe(201);
    kiosk.close();
  });
});
