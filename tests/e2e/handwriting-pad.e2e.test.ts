import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSkipReason, launchBrowser, snapshot } from './support/browser.ts';
import { buildHandwritingHarness } from './handwriting-harness/build.ts';

/**
 * The handwriting pad in real Chromium, on a page of its own at kiosk width: strokes drawn with
 * the mouse and with a finger (touch events) bring up candidates, tapping one commits it and
 * clears the pad, undo takes back one stroke.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const SHOTS = process.env.HW_SHOTS_DIR;

describe.skipIf(browserSkipReason() !== null)('handwriting pad', () => {
  let dir: string;
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = await buildHandwritingHarness();
    server = createServer((req, res) => {
      const rel = new URL(req.url ?? '/', 'http://x').pathname.slice(1) || 'index.html';
      const file = path.resolve(dir, rel);
      if (!file.startsWith(dir + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      });
      res.end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(query: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 }, hasTouch: true });
    await page.goto(`${base}?${query}`);
    await expect.poll(() => page.locator('.hw-status').count()).toBe(1);
    // ready: the loading notice gives way to the waiting hint
    await expect
      .poll(() => page.locator('.hw-status').textContent(), { timeout: 60_000 })
      .not.toMatch(/准备|ready/);
    return page;
  }

  /** A stroke through points given as fractions of the pad, drawn with the mouse. */
  async function mouseStroke(page: Page, points: [number, number][]): Promise<void> {
    const box = (await page.locator('canvas.hw-pad').boundingBox())!;
    const [first, ...rest] = points.map(([x, y]) => [
      box.x + x * box.width,
      box.y + y * box.height,
    ]);
    await page.mouse.move(first![0]!, first![1]!);
    await page.mouse.down();
    for (const [x, y] of rest) await page.mouse.move(x!, y!, { steps: 8 });
    await page.mouse.up();
  }

  /** The same with a finger: raw touch events, as the kiosk's touch screen sends them. */
  async function touchStroke(page: Page, points: [number, number][]): Promise<void> {
    const box = (await page.locator('canvas.hw-pad').boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    const at = ([x, y]: [number, number]) => [
      { x: box.x + x * box.width, y: box.y + y * box.height },
    ];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(points[0]!) });
    for (let i = 1; i < points.length; i++) {
      const [x0, y0] = points[i - 1]!;
      const [x1, y1] = points[i]!;
      for (let s = 1; s <= 8; s++) {
        const p: [number, number] = [x0 + ((x1 - x0) * s) / 8, y0 + ((y1 - y0) * s) / 8];
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(p) });
      }
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
  }

  const candidates = (page: Page) => page.locator('.hw-candidate').allTextContents();

  it('recognises 十 drawn with the mouse, commits it on a tap and clears the pad', async () => {
    const page = await open('lang=zh-CN');
    await mouseStroke(page, [
      [0.15, 0.45],
      [0.85, 0.45],
    ]);
    await mouseStroke(page, [
      [0.5, 0.12],
      [0.5, 0.9],
    ]);
    await expect.poll(() => candidates(page)).toContain('十');
    if (SHOTS) await shot(page, 'zh-CN');
    await page.getByRole('button', { name: '选用“十”' }).click();
    await expect.poll(() => page.locator('#committed').textContent()).toBe('十');
    await expect.poll(() => candidates(page)).toEqual([]);
    expect(await page.getByRole('button', { name: '撤销一笔' }).isDisabled()).toBe(true);
    await page.close();
  });

  it('recognises 人 written with a finger; undo takes the last stroke back', async () => {
    const page = await open('lang=en');
    await touchStroke(page, [
      [0.5, 0.12],
      [0.45, 0.45],
      [0.15, 0.88],
    ]);
    await touchStroke(page, [
      [0.48, 0.4],
      [0.7, 0.7],
      [0.88, 0.88],
    ]);
    await expect.poll(() => candidates(page)).toContain('人');
    if (SHOTS) await shot(page, 'en');
    await page.getByRole('button', { name: 'Undo last stroke' }).click();
    // one stroke left: still candidates, just not the same ones
    await expect.poll(async () => (await candidates(page)).length).toBeGreaterThan(0);
    await page.close();
  });

  it('elder mode: a larger pad and larger candidates', async () => {
    const page = await open('lang=zh-CN&elder=true');
    const pad = (await page.locator('canvas.hw-pad').boundingBox())!;
    expect(pad.width).toBeGreaterThanOrEqual(560);
    await mouseStroke(page, [
      [0.3, 0.36],
      [0.7, 0.36],
    ]);
    await mouseStroke(page, [
      [0.15, 0.66],
      [0.85, 0.66],
    ]);
    await expect.poll(() => candidates(page)).toContain('二');
    const size = await page
      .locator('.hw-candidate')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(72);
    if (SHOTS) await shot(page, 'elder');
    await page.close();
  });

  async function shot(page: Page, name: string): Promise<void> {
    const file = await snapshot(page, 'handwriting', name);
    mkdirSync(SHOTS!, { recursive: true });
    copyFileSync(file, path.join(SHOTS!, `${name}.png`));
  }
});
