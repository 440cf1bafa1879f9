import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { browserSkipReason, launchBrowser } from '../e2e/support/browser.ts';

const UI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../kiosk/ui');
export const DIST = path.join(UI, 'dist');
/** The booth server serves the kiosk UI under this path (vite.config.ts `base`). */
export const BASE = '/kiosk/';
const INITIAL_JS_TARGET_KB = 60;
const FIRST_SCREEN_TARGET_MS = 1500;
const CPU_SLOWDOWN = 4;
const RUNS = 5;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export function build(): void {
  const res = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: UI,
    encoding: 'utf8',
  });
  if (res.status !== 0) throw new Error(`kiosk UI build failed:\n${res.stdout}${res.stderr}`);
}

/** The file in dist/ for a URL path under BASE, or null for anything outside it. */
export function distFile(urlPath: string): string | null {
  if (!urlPath.startsWith(BASE)) return null;
  const rel = decodeURIComponent(urlPath.slice(BASE.length)) || 'index.html';
  const file = path.resolve(DIST, rel);
  return file.startsWith(DIST + path.sep) ? file : null;
}

/** The scripts index.html loads before anything runs: module scripts and modulepreload links. */
export function initialScripts(html: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) urls.add(m[1] as string);
  for (const m of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = m[0];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && /\brel="modulepreload"/.test(tag)) urls.add(href);
  }
  return [...urls];
}

export const gzipKb = (file: string) => gzipSync(readFileSync(file)).length / 1024;

export function serveDist(): Promise<Server> {
  const server = createServer((req, res) => {
    const file = distFile(new URL(req.url ?? '/', 'http://x').pathname);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A local port that was free a moment ago and has nothing listening on it. */
export function closedPort(): Promise<number> {
  const probe = createServer();
  return new Promise((resolve) =>
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    }),
  );
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

/**
 * The kiosk UI's start-up: the JavaScript the first paint waits for (gzip) and the time from
 * navigation to an attract screen whose start button works, in Chromium with the CPU slowed
 * 4× (a modest terminal). No device bridge runs: the attract screen must not wait for one.
 */
export async function run(): Promise<void> {
  build();
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const initial = initialScripts(html);
  if (initial.length === 0) throw new Error('index.html loads no script');
  let initialKb = 0;
  for (const url of initial) {
    const file = distFile(url);
    if (!file || !existsSync(file)) throw new Error(`index.html loads ${url}, not in dist/`);
    initialKb += gzipKb(file);
  }
  const later = readdirSync(path.join(DIST, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => path.join(DIST, 'assets', f))
    .filter((f) => !initial.some((u) => distFile(u) === f));
  const laterKb = later.reduce((a, f) => a + gzipKb(f), 0);
  process.stdout.write(
    `${[
      `initial JS (gzip)        ${initialKb.toFixed(1)} KB in ${initial.length} file(s)   (target ≤ ${INITIAL_JS_TARGET_KB} KB)  ${initialKb <= INITIAL_JS_TARGET_KB ? 'OK' : 'OVER'}`,
      `loaded after first paint ${laterKb.toFixed(1)} KB in ${later.length} chunk(s)`,
    ].join('\n')}\n`,
  );

  const skip = browserSkipReason();
  if (skip) {
    process.stdout.write(`first screen: skipped (${skip})\n`);
    return;
  }
  const server = await serveDist();
  const browser = await launchBrowser();
  try {
    const { port } = server.address() as AddressInfo;
    // a bridge address nobody listens on: the attract screen comes up without one
    const url = `http://127.0.0.1:${port}${BASE}#bridge=http://127.0.0.1:${await closedPort()}&token=bench-token`;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 1024 } });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      // Recorded in the page, against its own navigation start: the frame after the attract
      // screen is laid out with its start button enabled. (A string, not a function: tsx's
      // name helpers do not exist inside the page.)
      await page.addInitScript(`{
        const check = () => {
          const button = document.querySelector('[data-screen="attract"] .attract-main button');
          if (!button || button.disabled || button.getBoundingClientRect().height === 0) return;
          observer.disconnect();
          requestAnimationFrame(() => { window.__attractReady = performance.now(); });
        };
        const observer = new MutationObserver(check);
        observer.observe(document, { childList: true, subtree: true, attributes: true });
      }`);
      await page.goto(url);
      const handle = await page.waitForFunction(
        () => (window as unknown as { __attractReady?: number }).__attractReady,
        null,
        { timeout: 30_000 },
      );
      times.push((await handle.jsonValue()) as number);
      await context.close();
    }
    const ms = median(times);
    process.stdout.write(
      `first screen (CPU ${CPU_SLOWDOWN}×)    ${ms.toFixed(0)} ms median of ${RUNS} [${times.map((t) => t.toFixed(0)).join(', ')}]   (target ≤ ${FIRST_SCREEN_TARGET_MS} ms)  ${ms <= FIRST_SCREEN_TARGET_MS ? 'OK' : 'OVER'}\n`,
    );
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
  }
}
