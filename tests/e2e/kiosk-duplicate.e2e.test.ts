import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  identityCardOf,
  loadDemoDataset,
} from '../../booth-server/src/data-sharing/demo-dataset.ts';
import { kioskSession } from '../../booth-server/src/testing/kiosk-client.ts';
import { readJson } from '../../booth-server/src/testing/test-server.ts';
import type { Lang } from '../../kiosk/ui/src/flow/flow-state.ts';
import { ARTIFACTS, browserSkipReason, snapshot } from './support/browser.ts';
import {
  fillFormPages,
  onScreen,
  openKiosk,
  seriousA11yViolations,
  words,
} from './support/kiosk-page.ts';
import { useKioskSuite } from './support/kiosk-suite.ts';

const skip = browserSkipReason();

const MOTHER_ID = '33990219940612022X';
const FATHER_ID = '339902199203050110';
const dataset = await loadDemoDataset();
const scenario = dataset.scenarios.find((s) => s.bundle === 'YJSP001' && s.person === MOTHER_ID);
if (!scenario) throw new Error('the demo dataset has no 新生儿出生 scenario for 林晓雯');
const typed = scenario.typed as Record<string, string | number | boolean>;
const person = (id: string) => {
  const p = dataset.people.find((x) => x.idNumber === id);
  if (!p) throw new Error(`no demo person ${id}`);
  return identityCardOf(p);
};

/** 林晓雯 at the kiosk, from the attract screen to pressing 确认提交 on the review screen. */
async function applyForTheBirth(page: Page, lang: Lang): Promise<void> {
  const w = words(lang);
  await page.getByRole('button', { name: words('zh-CN')('attract.start') }).click();
  await onScreen(page, 'welcome');
  if (lang === 'en') await page.getByRole('radio', { name: 'English（英文）' }).check();
  await page.getByRole('button', { name: w('welcome.continue') }).click();
  await onScreen(page, 'identify');
  await page.getByRole('button', { name: w('sim.toggle') }).click();
  await page
    .locator('.sim-people li', { hasText: '林晓雯' })
    .getByRole('button', { name: w('sim.placeCardOf') })
    .click();
  await onScreen(page, 'chooseBundle');
  await page.getByRole('button', { name: w('sim.toggle') }).click();
  await page
    .getByRole('button', { name: lang === 'en' ? 'A baby is born' : '新生儿出生一件事' })
    .click();
  await onScreen(page, 'notice');
  await page.getByRole('button', { name: w('notice.continue') }).click();
  await onScreen(page, 'chooseItems');
  await page.getByRole('button', { name: w('items.continue') }).click();
  await onScreen(page, 'form');
  await fillFormPages(page, typed, lang);
  await page.getByRole('button', { name: w('form.continue') }).click();
  await onScreen(page, 'materials');
  const materials = page.locator('section[data-screen="materials"]');
  await materials
    .getByRole('button', { name: new RegExp(`^${w('materials.skip', { name: '.*' })}$`) })
    .click();
  await page.getByRole('button', { name: w('materials.continue') }).click();
  await onScreen(page, 'review');
  await page.getByRole('button', { name: w('review.submit'), exact: true }).click();
  await page.getByRole('button', { name: w('consent.minor.agree') }).click();
}

/**
 * One open case per subject (issue 14): 林晓雯's baby is already being registered, so a second
 * identical birth application is refused at the kiosk with the first case's number and status;
 * the father, filing for the same child, only learns that it is in progress and whom to ask.
 */
describe.skipIf(!!skip)('a second filing for the same newborn', () => {
  const k = useKioskSuite({}, { terminalId: 'E2E-KIOSK-DUPLICATE' });

  it('is refused with the first case number for the same parent, and without it for the other', async () => {
    const suite = 'kiosk-duplicate';
    rmSync(path.join(ARTIFACTS, suite), { recursive: true, force: true });
    // The first application, filed at another terminal.
    const filer = await kioskSession(k.stack.server.url, k.stack.adminCookie, 'E2E-KIOSK-FIRST');
    expect((await filer.attest(person(MOTHER_ID))).ok).toBe(true);
    const notice = await readJson(await filer.call('GET', '/bundles/YJSP001'));
    const itemCodes = notice.items.map((i: { code: string }) => i.code);
    const first = await readJson(
      await filer.call('POST', '/cases', {
        idempotencyKey: randomUUID(),
        bundleCode: 'YJSP001',
        consents: [{ purpose: 'minorData', wording: '2026-12' }],
        itemCodes,
        answers: typed,
        channel: 'terminal',
      }),
    );
    filer.close();
    const caseNumber: string = first.case.caseNumber;
    expect(caseNumber).toMatch(/^YJ\d{15}$/);

    for (const lang of ['zh-CN', 'en'] as const) {
      const w = words(lang);
      const { context, page } = await openKiosk(k.browser, k.stack);
      try {
        await applyForTheBirth(page, lang);
        const notice = page.locator('#open-case');
        await notice.waitFor();
        const text = (await notice.textContent()) ?? '';
        expect(text).toContain(caseNumber);
        expect(text).toContain(w('caseStatus.received'));
        expect(await page.locator('section[data-screen="review"]').isVisible()).toBe(true);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await snapshot(page, suite, `01-refused-${lang}`);
      } finally {
        await context.close();
      }
    }

    // The father, filing for the same child (its birth certificate number typed), is told
    // neither the case number nor anything else about it.
    const father = await kioskSession(k.stack.server.url, k.stack.adminCookie, 'E2E-KIOSK-FATHER');
    expect((await father.attest(person(FATHER_ID))).ok).toBe(true);
    const res = await father.call('POST', '/cases', {
      idempotencyKey: randomUUID(),
      bundleCode: 'YJSP001',
      consents: [{ purpose: 'minorData', wording: '2026-12' }],
      itemCodes,
      answers: { ...typed, 'child.birthCertNo': 'Q339123456' },
      channel: 'terminal',
    });
    father.close();
    const body = await readJson(res);
    expect(res.status, JSON.stringify(body)).toBe(409);
    expect(body.error.code).toBe('CASE_ALREADY_OPEN');
    expect(body.error.details).toMatchObject({ applicant: 'other', hotline: expect.any(String) });
    expect(JSON.stringify(body)).not.toContain(caseNumber);
  });
});
