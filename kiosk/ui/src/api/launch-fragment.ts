import type { CardRemovalPolicy, KioskConfig } from '../config.ts';

/**
 * What the launcher hands the UI in the URL fragment, e.g.
 * `/kiosk/#bridge=http://127.0.0.1:7071&token=…&idle=60`. A fragment never reaches a server or
 * an access log; the UI still clears it at once so the token is not left in the address bar.
 */
export interface LaunchParams {
  bridgeUrl: string;
  token: string;
  overrides: Partial<KioskConfig>;
}

export type LaunchProblem = 'missing' | 'badBridgeUrl' | 'missingToken';

export function parseLaunchFragment(
  hash: string,
): { ok: true; params: LaunchParams } | { ok: false; problem: LaunchProblem } {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!raw) return { ok: false, problem: 'missing' };
  const q = new URLSearchParams(raw);
  const bridge = q.get('bridge');
  const token = q.get('token');
  if (!bridge) return { ok: false, problem: 'missing' };
  let url: URL;
  try {
    url = new URL(bridge);
  } catch {
    return { ok: false, problem: 'badBridgeUrl' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, problem: 'badBridgeUrl' };
  }
  if (!token) return { ok: false, problem: 'missingToken' };

  const overrides: Partial<KioskConfig> = {};
  const seconds = (name: string): number | null => {
    const v = q.get(name);
    if (v === null || !/^\d{1,5}$/.test(v)) return null;
    return Number(v) * 1000;
  };
  const idle = seconds('idle');
  if (idle !== null) {
    overrides.idleMs = idle;
    overrides.elderIdleMs = idle * 2;
  }
  const warn = seconds('warn');
  if (warn !== null) overrides.warningMs = warn;
  const removal = q.get('cardRemoval');
  if (removal === 'wipe' || removal === 'warn') {
    overrides.cardRemoval = removal satisfies CardRemovalPolicy;
  }
  // origin only: a path or query on the bridge URL would change the socket.io namespace
  return { ok: true, params: { bridgeUrl: url.origin, token, overrides } };
}

/** Reads the fragment once and removes it from the address bar and history entry. */
export function consumeLaunchFragment(
  loc: Pick<Location, 'hash' | 'pathname' | 'search'>,
  hist: Pick<History, 'replaceState'>,
): ReturnType<typeof parseLaunchFragment> {
  const result = parseLaunchFragment(loc.hash);
  if (loc.hash) hist.replaceState(null, '', `${loc.pathname}${loc.search}`);
  return result;
}
