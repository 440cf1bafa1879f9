import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  identityCardOf,
  loadDemoDataset,
} from '../../booth-server/src/data-sharing/demo-dataset.ts';
import { kioskSession } from '../../booth-server/src/testing/kiosk-client.ts';
import { readJson } from '../../booth-server/src/testing/test-server.ts';
import { ARTIFACTS, browserSkipReason, snapshot } from './support/browser.ts';
import {
  bridgeLocalSocket,
  expectWiped,
  onScreen,
  openKiosk,
  seriousA11yViolations,
  simRequest,
  words,
} from './support/kiosk-page.ts';
import { useKioskSuite } from './support/kiosk-suite.ts';
import { startStack } from './support/stack.ts';
import { STEP_MS } from './support/timing.ts';

const skip = browserSkipReason();
const w = words('zh-CN');

const MOTHER_ID = '33990219940612022X';
const dataset = await loadDemoDataset();
const mother = dataset.people.find((p) => p.idNumber === MOTHER_ID);
const newborn = dataset.scenarios.find((s) => s.bundle === 'YJSP001' && s.person === MOTHER_ID);
if (!mother || !newborn) throw new Error('the demo dataset lost 林晓雯 or her 新生儿出生 scenario');

/** CUPS queues on this machine (`lpstat -e`); [] when CUPS is not installed or not running. */
function cupsQueues(): string[] {
  try {
    return execFileSync('lpstat', ['-e'], { encoding: 'utf8', timeout: 5_000 })
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  } catch {
    return [];
  }
}

/** Job ids CUPS holds for a queue, finished or not. */
function cupsJobs(queue: string): string[] {
  const out = execFileSync('lpstat', ['-W', 'all', '-o', queue], {
    encoding: 'utf8',
    timeout: 5_000,
  });
  return out
    .split('\n')
    .map((l) => l.split(/\s+/)[0] ?? '')
    .filter((id) => id.startsWith(`${queue}-`));
}

const A4_QUEUE = cupsQueues().includes('PDF') ? 'PDF' : null;
/** A terminal without an A4 printer is a real set-up, so it is always tried; CUPS when present. */
const PRINTER_CASES: { name: string; queue: string | null }[] = [
  ...(A4_QUEUE ? [{ name: 'through CUPS', queue: A4_QUEUE }] : []),
  { name: 'no A4 printer', queue: null },
];
console.info(
  A4_QUEUE
    ? '[kiosk-instant] CUPS queue "PDF" found: the certificate is printed through CUPS, and a terminal without an A4 queue is tried too'
    : '[kiosk-instant] no CUPS queue "PDF": only the terminal without an A4 printer is tried',
);

describe.skipIf(!!skip)('instant certificate and status lookup at the kiosk', () => {
  /** No A4 queue: the status lookup and the "printer unavailable" case. */
  const k = useKioskSuite({}, { terminalId: 'E2E-KIOSK-INSTANT' });

  it.each(PRINTER_CASES)(
    '无犯罪记录证明: identify → confirm → print on A4 ($name)',
    async ({ name, queue }) => {
      const suite = `kiosk-instant-${queue ? 'cups' : 'no-a4'}`;
      rmSync(path.join(ARTIFACTS, suite), { recursive: true, force: true });
      const own = queue
        ? await startStack(
            {},
            { terminalId: 'E2E-KIOSK-INSTANT-A4', kind: 'terminal', a4Queue: queue },
          )
        : null;
      const terminal = own ?? k.stack;
      const sim = own ? await bridgeLocalSocket(own) : k.local;
      const { context, page } = await openKiosk(k.browser, terminal);
      const main = page.locator('main');
      try {
        console.info(`[kiosk-instant] running: ${name}`);
        await page.getByRole('button', { name: w('attract.instant') }).click();
        await onScreen(page, 'welcome');
        await page.getByRole('button', { name: w('welcome.continue') }).click();

        await onScreen(page, 'instantChoose');
        await page.getByRole('button', { name: /无犯罪记录证明/ }).waitFor();
        expect(await seriousA11yViolations(page)).toEqual([]);
        await snapshot(page, suite, '01-choose');
        await page.getByRole('button', { name: /无犯罪记录证明/ }).click();

        // the card goes on the reader through the bridge's local socket, as the UI's panel does
        await onScreen(page, 'identify');
        await simRequest(sim, 'sim:placeCard', { personId: MOTHER_ID });

        await onScreen(page, 'instantConfirm');
        await expect(main.textContent()).resolves.toContain('林晓雯');
        const issue = page.getByRole('button', { name: w('instant.issue') });
        // nothing is issued before the citizen confirms
        await expect(issue.isDisabled()).resolves.toBe(true);
        expect(await seriousA11yViolations(page)).toEqual([]);
        await snapshot(page, suite, '02-confirm');
        await page.getByRole('checkbox', { name: w('instant.confirmCheck') }).check();
        const jobsBefore = queue ? cupsJobs(queue) : [];
        await issue.click();

        await onScreen(page, 'instantPrint');
        const serial = (await main.textContent())?.match(/证明编号：([A-Za-z0-9-]+)/)?.[1];
        expect(serial).toBeDefined();
        if (queue) {
          // print:progress reached "done": the PDF was handed to CUPS, and the kiosk says so.
          // A job that failed ends the wait at once, and the kiosk's own words say why.
          const final = page.locator('[data-print-state="done"], [data-print-state="failed"]');
          await final.waitFor({ timeout: STEP_MS });
          expect(
            await final.getAttribute('data-print-state'),
            `the kiosk said: ${await final.textContent()}`,
          ).toBe('done');
          await page.getByText(w('instant.done')).waitFor();
          // The queue is the machine's: a suite running beside this one (a second CI checkout)
          // may add jobs of its own, so CUPS must hold at least this one, not exactly one.
          const fresh = cupsJobs(queue).filter((id) => !jobsBefore.includes(id));
          expect(fresh.length).toBeGreaterThanOrEqual(1);
        } else {
          // a calm message with the next steps and the number to keep; no alarm, no error banner
          await page.getByText(w('instant.printUnavailable', { serial: serial ?? '' })).waitFor();
          await expect(main.locator('.message-error').count()).resolves.toBe(0);
          await page.getByRole('button', { name: w('instant.reprint') }).waitFor();
          expect(await main.textContent()).not.toContain(w('instant.done'));
        }
        expect(await seriousA11yViolations(page)).toEqual([]);
        await snapshot(page, suite, '03-print');

        await page
          .locator('section[data-screen="instantPrint"]')
          .getByRole('button', { name: w('nav.finish') })
          .click();
        await expectWiped(page, ['林晓雯', MOTHER_ID]);
      } finally {
        await context.close();
        if (own) {
          sim.close();
          await own.close();
        }
      }
    },
  );

  it('looks a case up by number and last 4: each department’s progress; a wrong last 4 is said calmly', async () => {
    const suite = 'kiosk-status';
    rmSync(path.join(ARTIFACTS, suite), { recursive: true, force: true });
    // a case filed from another terminal, through the kiosk REST API
    const other = await kioskSession(k.stack.server.url, k.stack.adminCookie, 'E2E-KIOSK-FILER');
    // its bridge read 林晓雯's card there
    expect((await other.attest(identityCardOf(mother))).ok).toBe(true);
    const notice = await readJson(await other.call('GET', '/bundles/YJSP001'));
    const filed = await readJson(
      await other.call('POST', '/cases', {
        idempotencyKey: randomUUID(),
        bundleCode: 'YJSP001',
        consents: [{ purpose: 'minorData', wording: '2026-12' }],
        itemCodes: notice.items.map((i: { code: string }) => i.code),
        answers: newborn.typed,
        channel: 'terminal',
      }),
    );
    other.close();
    const caseNumber: string = filed.case.caseNumber;
    const departments: string[] = filed.case.subCases.map(
      (s: { department: { zh: string } }) => s.department.zh,
    );
    expect(departments.length).toBeGreaterThanOrEqual(2);

    const { context, page } = await openKiosk(k.browser, k.stack);
    const lookup = page.locator('section[data-screen="statusLookup"]');
    try {
      await page.getByRole('button', { name: w('attract.status') }).click();
      await onScreen(page, 'welcome');
      await page.getByRole('button', { name: w('welcome.continue') }).click();
      await onScreen(page, 'statusLookup');

      await page.getByLabel(w('status.caseNumber')).fill(caseNumber);
      const last4 = MOTHER_ID.slice(-4);
      const wrong = last4 === '1234' ? '4321' : '1234';
      await page.getByLabel(w('status.idLast4')).fill(wrong);
      await lookup.getByRole('button', { name: w('status.search') }).click();
      // a wrong last 4 reads like an unknown case (no oracle for case numbers): both boxes are
      // marked, nothing typed is lost, and no view of the case appears
      await lookup.getByText(w('status.refused.notFound')).waitFor();
      for (const box of [w('status.idLast4'), w('status.caseNumber')]) {
        await expect(page.getByLabel(box).getAttribute('aria-invalid')).resolves.toBe('true');
      }
      await expect(page.getByLabel(w('status.caseNumber')).inputValue()).resolves.toBe(caseNumber);
      expect(await page.content()).not.toContain(departments[0]);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await snapshot(page, suite, '01-wrong-last4');

      await page.getByLabel(w('status.idLast4')).fill(last4.toLowerCase());
      await expect(lookup.getByText(w('status.refused.notFound')).count()).resolves.toBe(0);
      await lookup.getByRole('button', { name: w('status.search') }).click();

      await onScreen(page, 'statusView');
      const view = page.locator('section[data-screen="statusView"]');
      await expect(view.textContent()).resolves.toContain(caseNumber);
      const subcases = view.locator('li.subcase');
      await expect(subcases.count()).resolves.toBe(departments.length);
      for (const department of departments) {
        const row = subcases.filter({ hasText: department });
        // each department says where it stands in words, not only by colour
        await expect(row.locator('.status-badge').textContent()).resolves.toMatch(
          /已收件|已受理|待补正|已通过|未通过|已办结/,
        );
      }
      expect(await seriousA11yViolations(page)).toEqual([]);
      await snapshot(page, suite, '02-progress');

      // the receipt's QR code at the scanner fills in the case number for the next lookup
      await view.getByRole('button', { name: w('statusView.again') }).click();
      await onScreen(page, 'statusLookup');
      await page.getByLabel(w('status.caseNumber')).fill('');
      await simRequest(k.local, 'sim:scan', {
        text: `${k.stack.server.url}/status?case=${caseNumber}`,
      });
      await lookup.getByText(w('status.scanned')).waitFor();
      await expect(page.getByLabel(w('status.caseNumber')).inputValue()).resolves.toBe(caseNumber);

      await page.getByRole('button', { name: w('nav.finish') }).click();
      // ending asks first
      await page.getByRole('button', { name: w('form.end.confirm') }).click();
      await expectWiped(page, [caseNumber, ...departments]);
    } finally {
      await context.close();
    }
  });
});
