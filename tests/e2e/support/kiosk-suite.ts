import type { Browser } from 'playwright-core';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { bridgeLocalSocket } from './kiosk-page.ts';
import { type Stack, type StackOptions, startStack } from './stack.ts';

/** What every kiosk end-to-end file works with; filled in before its first test runs. */
export interface KioskSuite {
  stack: Stack;
  browser: Browser;
  /** The bridge's local API, as the kiosk page reaches it (for the demo simulators). */
  local: Socket;
}

/**
 * The set-up the kiosk end-to-end files share: a stack of their own (its own server, port, data
 * directory and terminal id, so files never share state), Chromium, and the bridge's local
 * socket; opened before the file's tests and closed after them, in reverse.
 */
export function useKioskSuite(
  overrides: Parameters<typeof startStack>[0],
  options: StackOptions & { terminalId: string },
): KioskSuite {
  const suite = {} as KioskSuite;
  beforeAll(async () => {
    suite.stack = await startStack(overrides, { kind: 'terminal', ...options });
    suite.browser = await launchBrowser();
    suite.local = await bridgeLocalSocket(suite.stack);
  });
  afterAll(async () => {
    suite.local?.close();
    await suite.browser?.close();
    await suite.stack?.close();
  });
  return suite;
}
