import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityCardOf, loadDemoDataset } from '../shared-data/demo-dataset.ts';
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
        itemCodes: bundle?.items,
        identity: mother,
        answers: scenario?.typed,
      },
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
        itemCodes: ['000000000000'],
        identity: mother,
        answers: {},
      },
    });
    expect(res.ok).toBe(false);
    expect(['CATALOGUE_UNKNOWN_ITEM', 'FIELD_INVALID', 'VALIDATION_FAILED']).toContain(
      res.error.code,
    );
    bridge.close();
  });
});
