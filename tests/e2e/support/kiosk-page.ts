import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { parseAddress } from '../../../contract/src/catalogue/address.ts';
import { io, type Socket } from 'socket.io-client';
import { expect } from 'vitest';
import type { Lang, Screen } from '../../../kiosk/ui/src/flow/flow-state.ts';
import { type StringKey, t } from '../../../kiosk/ui/src/i18n/strings.ts';
import type { Stack } from './stack.ts';
import { STEP_MS } from './timing.ts';

/** A portrait 政务 self-service terminal screen. */
export const KIOSK_VIEWPORT = { width: 1080, height: 1920 };

/** The kiosk page as the terminal's launcher opens it, in its own browser context. */
export async function openKiosk(
  browser: Browser,
  stack: Stack,
  extraFragment = '',
): Promise<{ context: BrowserContext; page: Page }> {
  // axe needs a page that belongs to an explicit context
  const context = await browser.newContext({ viewport: KIOSK_VIEWPORT });
  const page = await context.newPage();
  await page.goto(`${stack.kioskUrl}${extraFragment}`);
  await onScreen(page, 'attract');
  // the simulator control appears once the rest of the app has loaded and the bridge said "demo"
  await page.locator('.sim-panel').waitFor();
  return { context, page };
}

/** Waits until the given screen is showing. */
export async function onScreen(page: Page, screen: Screen, timeout = STEP_MS): Promise<void> {
  await page.locator(`section[data-screen="${screen}"]`).waitFor({ timeout });
}

/** The UI's own words, so a test reads like the citizen's screen in either language. */
export function words(lang: Lang) {
  return (key: StringKey, params?: Record<string, string | number>) => t(lang, key, params);
}

/** WCAG 2.0–2.2 A and AA violations of impact serious or critical, as "rule: target" lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

/** The simulated devices' demo controls, as the kiosk UI itself reaches them. */
export async function bridgeLocalSocket(stack: Stack): Promise<Socket> {
  const params = new URLSearchParams(new URL(stack.kioskUrl).hash.slice(1));
  const socket = io(`${params.get('bridge')}/local`, {
    transports: ['websocket'],
    auth: { token: params.get('token') },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Sends one bridge request and insists that it was accepted. */
export async function simRequest(socket: Socket, event: string, payload: unknown): Promise<void> {
  const ack = (await socket.timeout(5_000).emitWithAck(event, payload)) as {
    ok: boolean;
    error?: unknown;
  };
  expect(ack.ok, JSON.stringify(ack.error)).toBe(true);
}

/** Visible text of the page's flow (the demo simulator is not part of what citizens see). */
export async function visibleText(page: Page): Promise<string> {
  return page.locator('.app').evaluate((app) => {
    const clone = app.cloneNode(true) as HTMLElement;
    clone.querySelector('.sim-panel')?.remove();
    return clone.textContent ?? '';
  });
}

/** Asserts that the terminal holds nothing of the citizen: attract screen, DOM and storage. */
export async function expectWiped(page: Page, personal: string[]): Promise<void> {
  await onScreen(page, 'attract');
  const html = await page.content();
  for (const p of personal) expect(html, `"${p}" still in the page`).not.toContain(p);
  const storage = await page.evaluate(() => ({
    local: localStorage.length,
    session: sessionStorage.length,
  }));
  expect(storage).toEqual({ local: 0, session: 0 });
}

/**
 * Fills the paged form as a citizen does: on each page, every answer whose field is shown (a
 * choice by its option, a list by its value, text typed), then 下一部分 until the last page.
 * The caller presses 检查并继续 (or stays, as a video-help test does).
 */
export async function fillFormPages(
  page: Page,
  typed: Record<string, string | number | boolean>,
  lang: Lang,
): Promise<void> {
  const w = words(lang);
  const form = page.locator('section[data-screen="form"]');
  await form.locator('.form-section').first().waitFor();
  for (let part = 1; ; part++) {
    for (const [key, value] of Object.entries(typed)) {
      const field = form.locator(`[id="field-${key}"]`);
      if (!(await field.isVisible())) continue;
      await answerField(field, value);
    }
    const next = page.getByRole('button', { name: w('form.nextPart') });
    if (!(await next.isVisible())) return;
    await next.click();
    await page.getByText(new RegExp(w('form.part', { n: part + 1, total: '\\d+' }))).waitFor();
  }
}

/**
 * Gives one shown field its answer as a citizen does: a choice by its option, a list by its
 * value, an address by picking its places (pickAddress), text typed.
 */
export async function answerField(field: Locator, value: string | number | boolean): Promise<void> {
  const kind = await field.evaluate((el) =>
    el.classList.contains('field-address') ? 'address' : el.tagName.toLowerCase(),
  );
  if (kind === 'address') await pickAddress(field, String(value));
  else if (kind === 'fieldset') await field.locator(`input[value="${String(value)}"]`).check();
  else if (kind === 'select') await field.selectOption(String(value));
  else await field.fill(String(value));
}

/**
 * Picks a stored address (广东省 广州市 番禺区 市桥街道 东环路1号（440113007）) in the address
 * picker: each level whose shown place differs is opened and its place tapped (`touch`: by a
 * touch tap, else a click), then the detail line is filled.
 */
export async function pickAddress(
  field: Locator,
  value: string,
  opts: { touch?: boolean } = {},
): Promise<void> {
  const parts = parseAddress(value);
  if (!parts) throw new Error(`not a stored address: ${value}`);
  const press = (l: Locator) => (opts.touch ? l.tap() : l.click());
  for (const [level, name] of parts.names.entries()) {
    const button = field.locator('.address-level').nth(level);
    if ((await button.locator('.address-level-value').textContent()) === name) continue;
    if ((await button.getAttribute('aria-expanded')) !== 'true') await press(button);
    const choice = field
      .locator('.address-panel .address-choice')
      .filter({ hasText: new RegExp(`^${name}`) })
      .first();
    await press(choice);
    await expect.poll(() => button.locator('.address-level-value').textContent()).toBe(name);
  }
  if (parts.detail) await field.locator('input[id$="-detail"]').fill(parts.detail);
}

/** Asserts that a shown field still holds its answer (the counterpart of answerField). */
export async function expectAnswered(
  field: Locator,
  value: string | number | boolean,
): Promise<void> {
  const kind = await field.evaluate((el) =>
    el.classList.contains('field-address') ? 'address' : el.tagName.toLowerCase(),
  );
  if (kind === 'address') {
    const parts = parseAddress(String(value));
    expect(await field.locator('.address-level-value').allTextContents()).toEqual(parts?.names);
    expect(await field.locator('input[id$="-detail"]').inputValue()).toBe(parts?.detail);
  } else if (kind === 'fieldset') {
    expect(await field.locator(`input[value="${String(value)}"]`).isChecked()).toBe(true);
  } else {
    expect(await field.inputValue()).toBe(String(value));
  }
}
