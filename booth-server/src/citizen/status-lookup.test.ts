import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCaseNumber } from '../cases/case-number.ts';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { kioskSession } from '../testing/kiosk-client.ts';
import { anotherChild } from '../testing/cases.ts';
import { login, readJson, startTestServer, type TestServer } from '../testing/test-server.ts';

/**
 * The public status lookup and rating (issue #13, findings 11 and 6) through the real server.
 * Behind a trusted proxy (loopback here) each test speaks from its own address, so the
 * per-address limit of one test does not spill into the next; the clock is the server's.
 */
const dataset = await loadDemoDataset();
const mother = identityCardOf(
  dataset.people.find((p) => p.idNumber === '33990219940612022X') ?? (dataset.people[0] as never),
);
let clock = Date.now();
let t: TestServer;
let kiosk: Awaited<ReturnType<typeof kioskSession>>;

beforeAll(async () => {
  t = await startTestServer({ TRUSTED_PROXIES: '127.0.0.1,::1' }, { now: () => clock });
  kiosk = await kioskSession(t.url, await login(t.url, 'admin', 'demo-admin-2026'), 'STATUS-T');
  // the terminal's bridge read her card
  if (!(await kiosk.attest(mother)).ok) throw new Error('attestation refused');
});
afterAll(async () => {
  kiosk?.close();
  await t?.close();
});

async function fileCase(): Promise<string> {
  const res = await kiosk.call('POST', '/cases', {
    idempotencyKey: randomUUID(),
    bundleCode: 'YJSP001',
    consents: [{ purpose: 'minorData', wording: '2026-12' }],
    itemCodes: t.server.catalogues.current().bundle('YJSP001')?.items,
    answers: {
      ...dataset.scenarios.find((s) => s.bundle === 'YJSP001')?.typed,
      ...anotherChild(),
    },
  });
  const body = await readJson(res);
  if (res.status !== 201) throw new Error(JSON.stringify(body));
  return body.case.caseNumber;
}

const post = (path: string, from: string, body: unknown, url = t.url) =>
  fetch(`${url}/api/public${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify(body),
  });
const right = mother.idNumber.slice(-4);

describe('public status lookup', () => {
  it('answers a wrong last four and a case that does not exist identically', async () => {
    const real = await fileCase();
    const absent = formatCaseNumber(real.slice(2, 10), 999_000);
    const a = await post('/cases/lookup', '203.0.113.1', { caseNumber: real, idLast4: '0000' });
    const b = await post('/cases/lookup', '203.0.113.1', { caseNumber: absent, idLast4: '0000' });
    expect(a.status).toBe(404);
    expect(b.status).toBe(a.status);
    expect(await readJson(a)).toEqual(await readJson(b));
    const refused = await t.server.audit.list({ action: 'case.lookup.refused', limit: 5 });
    expect(refused.map((e) => e.targetId).sort()).toEqual([absent, real].sort());
  });

  it('five wrong tries pause the case — the right answer too — until the window ends', async () => {
    const caseNumber = await fileCase();
    for (let i = 0; i < 5; i++) {
      const res = await post('/cases/lookup', '203.0.113.2', { caseNumber, idLast4: `10${i}0` });
      expect(res.status).toBe(404);
    }
    // Another address does not help: the limit is per case.
    const held = await post('/cases/lookup', '198.51.100.2', { caseNumber, idLast4: right });
    expect(held.status).toBe(429);
    const body = await readJson(held);
    expect(body.error.code).toBe('CASE_LOOKUP_LIMITED');
    const windowMs = t.server.config.STATUS_LOOKUP_WINDOW_MINUTES * 60_000;
    expect(body.error.details.retryAfterMs).toBeLessThanOrEqual(windowMs);
    expect(body.error.details.retryAt).toBeGreaterThan(clock);
    const limited = await t.server.audit.list({ action: 'case.lookup.limited', limit: 5 });
    expect(limited[0]).toMatchObject({ targetId: caseNumber, ip: '198.51.100.2' });
    clock += body.error.details.retryAfterMs;
    const later = await post('/cases/lookup', '198.51.100.2', { caseNumber, idLast4: right });
    expect(later.status).toBe(200);
    expect((await readJson(later)).caseNumber).toBe(caseNumber);
  });

  it('a case that does not exist is paused the same way, so the pause is no oracle either', async () => {
    const absent = formatCaseNumber('20260101', 123_456);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push(
        (await post('/cases/lookup', '203.0.113.3', { caseNumber: absent, idLast4: '1234' }))
          .status,
      );
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
  });

  it('does not believe X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const direct = await startTestServer({}, { seed: false });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) {
        // A new made-up address and a new case number each time: only a believed header escapes.
        const caseNumber = formatCaseNumber('20260102', i + 1);
        const res = await post(
          '/cases/lookup',
          `192.0.2.${i + 1}`,
          { caseNumber, idLast4: '1234' },
          direct.url,
        );
        statuses.push(res.status);
      }
      expect(statuses.at(-1)).toBe(429);
      const refused = await direct.server.audit.list({ action: 'case.lookup.refused', limit: 1 });
      expect(refused[0]?.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
    } finally {
      await direct.close();
    }
  });
});

describe('rating on the status page', () => {
  it('the citizen proving the case rates it once; a wrong proof rates nothing', async () => {
    const caseNumber = await fileCase();
    const rating = { level: 'satisfied', comment: '办事很快' };
    const wrong = await post('/cases/rating', '203.0.113.4', {
      caseNumber,
      idLast4: '0000',
      rating,
    });
    expect(wrong.status).toBe(404);
    expect(await t.server.ratings.isRated(caseNumber)).toBe(false);
    const before = await readJson(
      await post('/cases/lookup', '203.0.113.4', { caseNumber, idLast4: right }),
    );
    expect(before.rated).toBe(false);
    const ok = await post('/cases/rating', '203.0.113.4', { caseNumber, idLast4: right, rating });
    expect(ok.status).toBe(201);
    const again = await post('/cases/rating', '203.0.113.4', {
      caseNumber,
      idLast4: right,
      rating,
    });
    expect(again.status).toBe(409);
    expect((await readJson(again)).error.code).toBe('ALREADY_RATED');
    const after = await readJson(
      await post('/cases/lookup', '203.0.113.4', { caseNumber, idLast4: right }),
    );
    expect(after.rated).toBe(true);
    const audit = await t.server.audit.list({
      action: 'rating.submit',
      targetId: caseNumber,
      limit: 5,
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: 'citizen', details: { channel: 'online' } });
  });

  it('a comment with a right-to-left override is refused with its own code', async () => {
    const caseNumber = await fileCase();
    const res = await post('/cases/rating', '203.0.113.5', {
      caseNumber,
      idLast4: right,
      rating: { level: 'basic', comment: '很好\u202E差评' },
    });
    expect(res.status).toBe(400);
    expect((await readJson(res)).error).toMatchObject({
      code: 'TEXT_UNSAFE',
      path: ['rating', 'comment'],
    });
    expect(await t.server.ratings.isRated(caseNumber)).toBe(false);
  });
});
