import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadCatalogueOrThrow } from '../../booth-server/src/catalogue/load-catalogue.ts';
import { loadDemoDataset } from '../../booth-server/src/data-sharing/demo-dataset.ts';
import type { Lang } from '../../kiosk/ui/src/flow/flow-state.ts';
import { ARTIFACTS, browserSkipReason } from './support/browser.ts';
import {
  expectWiped,
  onScreen,
  openKiosk,
  seriousA11yViolations,
  simRequest,
  words,
} from './support/kiosk-page.ts';
import { useKioskSuite } from './support/kiosk-suite.ts';

const skip = browserSkipReason();

const catalogue = await loadCatalogueOrThrow();
const dataset = await loadDemoDataset();
// Every bundle of the catalogue, walked by the person of its demo scenario.
const walks = catalogue.bundles().map((b) => {
  const scenario = dataset.scenarios.find((s) => s.bundle === b.code);
  const person = dataset.people.find((p) => p.idNumber === scenario?.person);
  if (!scenario || !person) throw new Error(`the demo dataset has no scenario for ${b.code}`);
  // the fields that decide which items apply: answered first when every item depends on them
  const deciding = new Set(b.conditional.flatMap((c) => c.when.match(/[a-z]\w*\.\w+/g) ?? []));
  const answers = Object.entries(scenario.typed).filter(([key]) => deciding.has(key));
  return { code: b.code, name: b.name.zh, person, answers };
});

const SUITE = 'kiosk-catalogue';

async function shot(page: Page, name: string): Promise<void> {
  const dir = path.join(ARTIFACTS, SUITE);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`) });
}

/** Attract → welcome → the card is read → the bundle list, in the given language and mode. */
async function startVisit(
  page: Page,
  k: ReturnType<typeof useKioskSuite>,
  lang: Lang,
  elder: boolean,
  personId: string,
) {
  const w = words(lang);
  if (elder) await page.getByRole('button', { name: w('form.elderStart') }).click();
  else await page.getByRole('button', { name: words('zh-CN')('attract.start') }).click();
  await onScreen(page, 'welcome');
  if (lang === 'en') await page.getByRole('radio', { name: 'English（英文）' }).check();
  await page.getByRole('button', { name: w('welcome.continue') }).click();
  await onScreen(page, 'identify');
  await simRequest(k.local, 'sim:placeCard', { personId });
  await onScreen(page, 'chooseBundle');
}

async function endVisit(page: Page, lang: Lang, personal: string[]): Promise<void> {
  const w = words(lang);
  await page.getByRole('button', { name: w('nav.finish') }).click();
  await page.getByRole('button', { name: w('form.end.confirm') }).click();
  await expectWiped(page, personal);
}

describe.skipIf(!!skip)('the kiosk catalogue: the 20 bundles of the national lists', () => {
  const k = useKioskSuite({}, { terminalId: 'E2E-KIOSK-CATALOGUE' });

  it('lists every bundle by life event in zh-CN, English and elder mode, all within reach', async () => {
    rmSync(path.join(ARTIFACTS, SUITE), { recursive: true, force: true });
    const { context, page } = await openKiosk(k.browser, k.stack);
    const someone = walks[0]!.person;
    try {
      for (const v of [
        { name: 'zh', lang: 'zh-CN' as Lang, elder: false },
        { name: 'en', lang: 'en' as Lang, elder: false },
        { name: 'elder', lang: 'zh-CN' as Lang, elder: true },
      ]) {
        const w = words(v.lang);
        await startVisit(page, k, v.lang, v.elder, someone.idNumber);
        if (v.elder) {
          // one question per screen: every life event of the catalogue is a large button
          const grid = page.locator('.event-grid');
          await grid.waitFor();
          await expect(grid.getByRole('button').count()).resolves.toBe(
            new Set(catalogue.bundles().map((b) => b.lifeEvent)).size,
          );
          expect(await seriousA11yViolations(page), 'axe on the life events').toEqual([]);
          await shot(page, `choose-${v.name}-events`);
          await grid.getByRole('button', { name: '退役' }).click();
          await page.getByRole('button', { name: /^军人退役一件事/ }).waitFor();
          await shot(page, `choose-${v.name}-veterans`);
        } else {
          await page
            .getByRole('heading', { name: w('bundles.results', { count: walks.length }) })
            .waitFor();
          expect(await seriousA11yViolations(page), 'axe on the bundle list').toEqual([]);
          await shot(page, `choose-${v.name}`);
          await page
            .getByRole('button', { name: v.lang === 'en' ? 'Closing' : '注销', exact: true })
            .click();
          await page.getByRole('heading', { name: w('bundles.results', { count: 2 }) }).waitFor();
          await shot(page, `choose-${v.name}-closing`);
        }
        await endVisit(page, v.lang, [someone.name, someone.idNumber]);
      }
    } finally {
      await context.close();
    }
  });

  it('shows a new bundle’s notice and form in English and elder mode, passing axe', async () => {
    const veteran = walks.find((x) => x.code === 'YJSP010')!;
    for (const v of [
      { name: 'en', lang: 'en' as Lang, elder: false, bundle: /^Leaving the armed forces/ },
      { name: 'elder', lang: 'zh-CN' as Lang, elder: true, bundle: /^军人退役一件事/ },
    ]) {
      const w = words(v.lang);
      const { context, page } = await openKiosk(k.browser, k.stack);
      try {
        await startVisit(page, k, v.lang, v.elder, veteran.person.idNumber);
        if (v.elder)
          await page.locator('.event-grid').getByRole('button', { name: '退役' }).click();
        await page.getByRole('button', { name: v.bundle }).click();
        await onScreen(page, 'notice');
        await page.getByRole('heading', { name: w('notice.items') }).waitFor();
        expect(await seriousA11yViolations(page), `axe on the ${v.name} notice`).toEqual([]);
        await shot(page, `YJSP010-notice-${v.name}`);
        await page.getByRole('button', { name: w('notice.materials'), exact: true }).click();
        await page.getByRole('heading', { name: w('notice.materials') }).waitFor();
        await shot(page, `YJSP010-materials-${v.name}`);
        await page.getByRole('button', { name: w('notice.continue') }).click();
        await onScreen(page, 'chooseItems');
        await page.getByRole('button', { name: w('items.continue') }).click();
        await onScreen(page, 'form');
        await page.locator('section[data-screen="form"] .form-section').first().waitFor();
        expect(await seriousA11yViolations(page), `axe on the ${v.name} form`).toEqual([]);
        await shot(page, `YJSP010-form-${v.name}`);
        await endVisit(page, v.lang, [veteran.person.name, veteran.person.idNumber]);
      } finally {
        await context.close();
      }
    }
  });

  it.each(walks)(
    '$code $name opens its notice and its form, prefilled for the demo applicant',
    async ({ code, name, person, answers }) => {
      const w = words('zh-CN');
      const { context, page } = await openKiosk(k.browser, k.stack);
      try {
        await startVisit(page, k, 'zh-CN', false, person.idNumber);
        await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();

        await onScreen(page, 'notice');
        await page.getByRole('heading', { name: name }).first().waitFor();
        await page.getByRole('heading', { name: w('notice.items') }).waitFor();
        await shot(page, `${code}-notice`);
        await page.getByRole('button', { name: w('notice.materials'), exact: true }).click();
        await page.getByRole('heading', { name: w('notice.materials') }).waitFor();
        await page.getByRole('button', { name: w('notice.continue') }).click();
        await onScreen(page, 'chooseItems');
        await page.getByRole('button', { name: w('items.continue') }).click();

        await onScreen(page, 'form');
        const form = page.locator('section[data-screen="form"]');
        await form.locator('.form-section').first().waitFor();
        await shot(page, `${code}-form`);
        // every question that decides which items apply is asked somewhere on the form: answered
        // part by part as the scenario's citizen would, to the last part
        const next = page.getByRole('button', { name: w('form.nextPart') });
        const prev = page.getByRole('button', { name: w('form.prevPart') });
        const asked = new Set<string>();
        for (;;) {
          for (const [key, value] of answers) {
            const field = form.locator(`[id="field-${key}"]`);
            if (!(await field.isVisible())) continue;
            asked.add(key);
            const tag = await field.evaluate((el) => el.tagName.toLowerCase());
            // a click, not check(): the answer re-composes the form and may move this part
            if (tag === 'fieldset') await field.locator(`input[value="${String(value)}"]`).click();
            else await field.fill(String(value));
          }
          if (!(await next.isVisible())) break;
          await next.click();
        }
        expect([...asked].sort()).toEqual(answers.map(([key]) => key).sort());
        // the card filled the applicant in: the name is shown locked on its part, not asked
        const applicantName = form.locator('[id="field-applicant.name"]');
        while ((await applicantName.count()) === 0 && (await prev.isVisible())) await prev.click();
        await expect(applicantName.getAttribute('class')).resolves.toContain('field-locked');
        await expect(applicantName.textContent()).resolves.toContain(person.name);
        await endVisit(page, 'zh-CN', [person.name, person.idNumber]);
      } finally {
        await context.close();
      }
    },
  );
});
