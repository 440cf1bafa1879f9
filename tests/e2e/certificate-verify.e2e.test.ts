import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  identityCardOf,
  loadDemoDataset,
} from '../../booth-server/src/data-sharing/demo-dataset.ts';
import { kioskSession } from '../../booth-server/src/testing/kiosk-client.ts';
import {
  login,
  readJson,
  startTestServer,
  type TestServer,
} from '../../booth-server/src/testing/test-server.ts';
import { browserSkipReason, launchBrowser, snapshot } from './support/browser.ts';
import { seriousA11yViolations } from './support/kiosk-page.ts';

const skip = browserSkipReason();

/** The page a certificate's QR code opens, on a phone and on a kiosk-sized screen. */
describe.skipIf(!!skip)('public certificate verification page', () => {
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

  it('shows a genuine certificate’s masked summary and says a forged one is not genuine', async () => {
    const dataset = await loadDemoDataset();
    const mother = identityCardOf(
      dataset.people.find((p) => p.idNumber === '33990219940612022X') ?? dataset.people[0]!,
    );
    const kiosk = await kioskSession(
      t.url,
      await login(t.url, 'admin', 'demo-admin-2026'),
      'VERIFY-1',
    );
    expect((await kiosk.attest(mother)).ok).toBe(true);
    const index = await readJson(await kiosk.call('GET', '/catalogue'));
    const cert = await readJson(
      await kiosk.call('POST', '/instant', {
        itemCode: index.instantItems[0].code,
        confirmed: true,
      }),
    );
    kiosk.close();
    const forgedUrl = `${t.url}/verify/${cert.serial}?d=${'A'.repeat(32)}`;
    for (const [size, viewport] of [
      ['phone', { width: 390, height: 844 }],
      ['kiosk', { width: 1080, height: 1920 }],
    ] as const) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(cert.document.qr);
      const verdict = page.locator('[data-verdict]');
      expect(await verdict.getAttribute('data-verdict')).toBe('ok');
      expect(await verdict.textContent()).toContain('核验通过');
      expect(await verdict.textContent()).toContain('Verified');
      const body = (await page.textContent('main')) ?? '';
      expect(body).toContain('林*雯');
      expect(body).toContain('VERIFY-1');
      expect(body).not.toContain(mother.idNumber);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await snapshot(page, 'certificate-verify', `${size}-1-genuine`);

      await page.goto(forgedUrl);
      expect(await verdict.getAttribute('data-verdict')).toBe('bad');
      expect(await verdict.textContent()).toContain('不是真实出具的');
      expect(await verdict.textContent()).toContain('not genuine');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await snapshot(page, 'certificate-verify', `${size}-2-forged`);
      await context.close();
    }
  });
});
