import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  identityCardOf,
  loadDemoDataset,
} from '../../booth-server/src/shared-data/demo-dataset.ts';
import { kioskSession } from '../../booth-server/src/testing/kiosk-client.ts';
import {
  login,
  readJson,
  startTestServer,
  type TestServer,
} from '../../booth-server/src/testing/test-server.ts';
import { browserSkipReason, launchBrowser, snapshot } from './support/browser.ts';

const skip = browserSkipReason();

/** The page a receipt's QR code opens on a citizen's phone. */
describe.skipIf(!!skip)('public case status page', () => {
  let t: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows each department’s progress for the right last four, and says so for the wrong ones', async () => {
    const dataset = await loadDemoDataset();
    const mother = identityCardOf(
      dataset.people.find((p) => p.idNumber === '33990219940612022X') ?? dataset.people[0]!,
    );
    const kiosk = await kioskSession(
      t.url,
      await login(t.url, 'admin', 'demo-admin-2026'),
      'STATUS-1',
    );
    // the terminal's bridge read her card there
    expect((await kiosk.attest(mother)).ok).toBe(true);
    kiosk.close();
    const filed = await readJson(
      await kiosk.call('POST', '/cases', {
        idempotencyKey: randomUUID(),
        bundleCode: 'YJSP001',
        itemCodes: t.server.catalogues.current().bundle('YJSP001')?.items,
        answers: dataset.scenarios.find((s) => s.bundle === 'YJSP001')?.typed,
      }),
    );
    const caseNumber: string = filed.case.caseNumber;
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${t.url}/status?case=${caseNumber}`);
    expect(await page.getByLabel(/办件编号/).inputValue()).toBe(caseNumber);
    await page.getByLabel(/后四位/).fill('0000');
    await page.getByRole('button', { name: /查询/ }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('不匹配');
    await page.getByLabel(/后四位/).fill(mother.idNumber.slice(-4));
    await page.getByRole('button', { name: /查询/ }).click();
    const table = page.getByRole('table');
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('已受理');
    expect(
      filed.case.subCases.every((s: { department: { zh: string } }) =>
        text.includes(s.department.zh),
      ),
    ).toBe(true);
    expect(await page.textContent('body')).not.toContain(mother.name);
    await snapshot(page, 'status-page', '01-status');
  });
});
