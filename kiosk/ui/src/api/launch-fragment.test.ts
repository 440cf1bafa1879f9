import { describe, expect, it, vi } from 'vitest';
import { consumeLaunchFragment, parseLaunchFragment } from './launch-fragment.ts';

describe('launch fragment', () => {
  it('reads the bridge origin, the token and optional timeouts', () => {
    const r = parseLaunchFragment(
      '#bridge=http://127.0.0.1:7071&token=abc.def&idle=60&warn=30&cardRemoval=wipe',
    );
    expect(r).toEqual({
      ok: true,
      params: {
        bridgeUrl: 'http://127.0.0.1:7071',
        token: 'abc.def',
        overrides: { idleMs: 60_000, elderIdleMs: 120_000, warningMs: 30_000, cardRemoval: 'wipe' },
      },
    });
  });

  it('keeps only the origin of the bridge URL (the namespace is added by the client)', () => {
    const r = parseLaunchFragment('#bridge=http%3A%2F%2Flocalhost%3A7071%2Fsomething&token=t');
    expect(r.ok && r.params.bridgeUrl).toBe('http://localhost:7071');
  });

  it('names what is wrong', () => {
    expect(parseLaunchFragment('')).toEqual({ ok: false, problem: 'missing' });
    expect(parseLaunchFragment('#token=x')).toEqual({ ok: false, problem: 'missing' });
    expect(parseLaunchFragment('#bridge=not a url&token=x')).toEqual({
      ok: false,
      problem: 'badBridgeUrl',
    });
    expect(parseLaunchFragment('#bridge=javascript:alert(1)&token=x')).toEqual({
      ok: false,
      problem: 'badBridgeUrl',
    });
    expect(parseLaunchFragment('#bridge=http://127.0.0.1:7071')).toEqual({
      ok: false,
      problem: 'missingToken',
    });
  });

  it('ignores malformed optional values', () => {
    const r = parseLaunchFragment(
      '#bridge=http://127.0.0.1:7071&token=t&idle=-5&cardRemoval=explode',
    );
    expect(r.ok && r.params.overrides).toEqual({});
  });

  it('removes the fragment from the address bar after reading it', () => {
    const replaceState = vi.fn();
    const r = consumeLaunchFragment(
      { hash: '#bridge=http://127.0.0.1:7071&token=secret', pathname: '/kiosk/', search: '' },
      { replaceState },
    );
    expect(r.ok).toBe(true);
    expect(replaceState).toHaveBeenCalledWith(null, '', '/kiosk/');
  });
});
