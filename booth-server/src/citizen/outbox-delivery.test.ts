import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../data-sharing/demo-dataset.ts';
import { newVisitId } from '../testing/kiosk-client.ts';
import { anotherChild } from '../testing/cases.ts';
import { enrolTerminal } from '../testing/terminals.ts';
import {
  connectSocket,
  login,
  request,
  requestRefusal,
  startTestServer,
  type TestServer,
} from '../testing/test-server.ts';

let t: TestServer;
let admin: string;
const dataset = await loadDemoDataset();
const mother = identityCardOf(
  dataset.people.find((p) => p.idNumber === '33990219940612022X') ?? dataset.people[0]!,
);
const scenario = dataset.scenarios.find((s) => s.bundle === 'YJSP001');
/** What the bridge sets on an item it queued: the visit's card as it read it. */
const attested = (visitId = newVisitId()) => ({
  sessionId: 'offline-session-0000001',
  visitId,
  method: 'idCard',
  card: mother,
});

beforeAll(async () => {
  t = await startTestServer();
  admin = await login(t.url, 'admin', 'demo-admin-2026');
});
afterAll(async () => t.close());

describe('outbox delivery from a device bridge', () => {
  it('files a queued submission once, however often it is delivered', async () => {
    const bridge = await connectSocket(t.url, '/bridge', {
      auth: { credential: await enrolTerminal(t.url, admin, 'OB-1') },
    });
    const bundle = t.server.catalogues.current().bundle('YJSP001');
    const item = {
      kind: 'case.submit',
      idempotencyKey: randomUUID(),
      payload: {
        bundleCode: 'YJSP001',
        consents: [{ purpose: 'minorData', wording: '2026-12' }],
        itemCodes: bundle?.items,
        answers: { ...scenario?.typed, ...anotherChild() },
      },
      attestation: attested(),
    };
    const first = await request<any>(bridge, 'outbox:deliver', item);
    expect(first.ok, JSON.stringify(first)).toBe(true);
    const again = await request<any>(bridge, 'outbox:deliver', item);
    expect(again.data.result.duplicate).toBe(true);
    expect(again.data.result.case.caseNumber).toBe(first.data.result.case.caseNumber);
    const detail = await t.server.cases.view(first.data.result.case.caseNumber);
    expect(detail.subCases.length).toBeGreaterThan(1);
    bridge.close();
  });

  it('refuses an invalid queued submission with the field errors (for the dead-letter file)', async () => {
    const bridge = await connectSocket(t.url, '/bridge', {
      auth: { credential: await enrolTerminal(t.url, admin, 'OB-2') },
    });
    const res = await requestRefusal(bridge, 'outbox:deliver', {
      kind: 'case.submit',
      idempotencyKey: randomUUID(),
      payload: {
        bundleCode: 'YJSP001',
        consents: [{ purpose: 'minorData', wording: '2026-12' }],
        itemCodes: ['000000000000'],
        answers: {},
      },
      attestation: attested(),
    });
    expect(res.ok).toBe(false);
    expect(['CATALOGUE_UNKNOWN_ITEM', 'FIELD_INVALID', 'VALIDATION_FAILED']).toContain(
      res.error.code,
    );
    bridge.close();
  });

  it('files nothing queued without the bridge’s attestation, and audits the refusal', async () => {
    const bridge = await connectSocket(t.url, '/bridge', {
      auth: { credential: await enrolTerminal(t.url, admin, 'OB-3') },
    });
    const bundle = t.server.catalogues.current().bundle('YJSP001');
    const res = await requestRefusal(bridge, 'outbox:deliver', {
      kind: 'case.submit',
      idempotencyKey: randomUUID(),
      payload: {
        bundleCode: 'YJSP001',
        consents: [{ purpose: 'minorData', wording: '2026-12' }],
        itemCodes: bundle?.items,
        answers: { ...scenario?.typed, ...anotherChild() },
      },
    });
    expect(res.error.code).toBe('IDENTITY_NOT_ATTESTED');
    const audit = await t.server.audit.list({ action: 'identity.outbox.refused', limit: 5 });
    expect(audit.some((a) => a.actorId === 'OB-3')).toBe(true);
    bridge.close();
  });

  it('delivers a queued rating only for a case the same visit filed', async () => {
    const bridge = await connectSocket(t.url, '/bridge', {
      auth: { credential: await enrolTerminal(t.url, admin, 'OB-4') },
    });
    const bundle = t.server.catalogues.current().bundle('YJSP001');
    const visitId = newVisitId();
    const filed = await request<any>(bridge, 'outbox:deliver', {
      kind: 'case.submit',
      idempotencyKey: randomUUID(),
      payload: {
        bundleCode: 'YJSP001',
        itemCodes: bundle?.items,
        answers: { ...scenario?.typed, ...anotherChild() },
        consents: [{ purpose: 'minorData', wording: '2026-12' }],
      },
      attestation: attested(visitId),
    });
    const caseNumber = filed.data.result.case.caseNumber as string;
    const rating = (v: string) => ({
      kind: 'rating.submit',
      idempotencyKey: randomUUID(),
      payload: { caseNumber, channel: 'onsite', level: 'satisfied' },
      attestation: attested(v),
    });
    // Another visit (the next citizen at this terminal) cannot rate it.
    const other = await requestRefusal(bridge, 'outbox:deliver', rating(newVisitId()));
    expect(other.error.code).toBe('RATING_NOT_ALLOWED');
    const audit = await t.server.audit.list({ action: 'rating.refused', limit: 5 });
    expect(audit.some((a) => a.targetId === caseNumber)).toBe(true);
    const own = await request<any>(bridge, 'outbox:deliver', rating(visitId));
    expect(own.data.result.rated).toBe(true);
    bridge.close();
  });
});
