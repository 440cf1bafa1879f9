import { describe, expect, it } from 'vitest';
import { browserSkipReason, snapshot } from './support/browser.ts';
import {
  onScreen,
  openKiosk,
  seriousA11yViolations,
  simRequest,
  words,
} from './support/kiosk-page.ts';
import { useKioskSuite } from './support/kiosk-suite.ts';
import { elderSizeProblems } from './support/elder-sizes.ts';

const skip = browserSkipReason();
const RETIREE_ID = '339903196501180311';

const VARIANTS = [
  { name: 'zh', lang: 'zh-CN', elder: false },
  { name: 'en', lang: 'en', elder: false },
  { name: 'elder', lang: 'zh-CN', elder: true },
] as const;

describe.skipIf(!!skip)('receipt paper out: known before a flow that prints', () => {
  const k = useKioskSuite({}, { terminalId: 'E2E-KIOSK-PAPER' });

  it.each(VARIANTS)(
    '$name: the bundle choice says the receipt cannot be printed and what to do instead; search finds 生孩子',
    async (v) => {
      const w = words(v.lang);
      const suite = `kiosk-paper-${v.name}`;
      await simRequest(k.local, 'sim:paper', { paper: 'out' });
      const { context, page } = await openKiosk(k.browser, k.stack);
      try {
        // the attract screen: time, place and hotline
        if (v.lang === 'en') await page.getByRole('button', { name: /^English/ }).click();
        const info = page.getByTestId('attract-info');
        await expect.poll(() => info.textContent()).toContain('番禺区政务服务中心');
        expect(await info.textContent()).toContain(w('attract.hotline', { hotline: '12345' }));
        expect(await info.textContent()).toMatch(/\d{2}:\d{2}/);
        expect(await seriousA11yViolations(page), 'axe on the attract screen').toEqual([]);
        await snapshot(page, suite, '00-attract');
        const start = w(v.elder ? 'form.elderStart' : 'attract.start');
        await page.getByRole('button', { name: start }).click();
        await onScreen(page, 'welcome');
        await page.getByRole('button', { name: w('welcome.continue') }).click();
        await onScreen(page, 'identify');
        await simRequest(k.local, 'sim:placeCard', { personId: RETIREE_ID });
        await onScreen(page, 'chooseBundle');
        const notice = page.getByTestId('paper-notice');
        await notice.waitFor();
        const text = (await notice.textContent()) ?? '';
        expect(text).toContain(w('paper.out.title'));
        expect(text).toContain(w('paper.alt.screen'));
        expect(text).toContain(w('paper.alt.licence'));
        // no other terminal is in service here: a window, never an invented place
        expect(text).toContain(w('paper.alt.window'));
        expect(await seriousA11yViolations(page), 'axe with the paper notice').toEqual([]);
        if (v.elder) expect(await elderSizeProblems(page), 'elder sizes').toEqual([]);
        await snapshot(page, suite, '01-choose-bundle-paper-out');

        if (!v.elder) {
          // everyday words find their bundle (synonyms from the catalogue)
          await page.locator('#bundle-search').fill(v.lang === 'en' ? 'having a baby' : '生孩子');
          const results = page.locator('section[data-screen="chooseBundle"] .bundle-list');
          await expect
            .poll(() => results.textContent())
            .toContain(v.lang === 'en' ? 'A baby is born' : '新生儿出生一件事');
          await snapshot(page, suite, '02-search-everyday-word');
        }

        // paper back: the notice goes
        await simRequest(k.local, 'sim:paper', { paper: 'ok' });
        await expect.poll(() => notice.count()).toBe(0);
      } finally {
        await context.close();
        await simRequest(k.local, 'sim:paper', { paper: 'ok' });
      }
    },
  );
});
