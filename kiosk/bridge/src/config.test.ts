import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, kioskLaunchUrl, loadConfig } from './config.ts';

const base = { BRIDGE_SERVER_URL: 'https://booth.example.cn/' };

function problem(env: Record<string, string>): string {
  try {
    loadConfig(env, '/srv');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('bridge configuration', () => {
  it('fills defaults and derives the kiosk URL and origin from the server', () => {
    const c = loadConfig(base, '/srv');
    expect(c.serverUrl).toBe('https://booth.example.cn');
    expect(c.dataDir).toBe(path.resolve('/srv', 'data/bridge'));
    expect(c.hardware).toBe('simulated');
    expect(c.local).toEqual({ host: '127.0.0.1', port: 7071 });
    expect(c.kioskUrl).toBe('https://booth.example.cn/kiosk/');
    expect(c.kioskOrigin).toBe('https://booth.example.cn');
    expect(c.enrolment).toBeNull();
    expect(c.a4Queue).toBeNull();
    expect(c.hid.reader).toEqual({ vendorId: 0x10c4, productId: 0x0007 });
    expect(c.hid.scanner).toEqual({ vendorId: null, productId: null, usagePage: 0x8c });
    expect(c.hid.receiptDevice).toBe('/dev/usb/lp0');
  });

  it('reads explicit settings, hex USB ids and the enrolment pair', () => {
    const c = loadConfig(
      {
        ...base,
        BRIDGE_HARDWARE: 'hid',
        BRIDGE_LOCAL_PORT: '7999',
        BRIDGE_TERMINAL_ID: 'T-0001',
        BRIDGE_ENROLMENT_CODE: 'abcdefgh12',
        BRIDGE_KIOSK_URL: 'http://127.0.0.1:8080/kiosk/',
        BRIDGE_A4_QUEUE: 'a4',
        BRIDGE_SCANNER_VID: '0x0c2e',
        BRIDGE_READER_PID: '0008',
      },
      '/srv',
    );
    expect(c.local.port).toBe(7999);
    expect(c.enrolment).toEqual({ terminalId: 'T-0001', code: 'abcdefgh12' });
    expect(c.kioskOrigin).toBe('http://127.0.0.1:8080');
    expect(c.a4Queue).toBe('a4');
    expect(c.hid.scanner.vendorId).toBe(0x0c2e);
    expect(c.hid.reader.productId).toBe(8);
    expect(c.demoPeople).toBeNull();
  });

  it('names the key in one line for each kind of mistake', () => {
    expect(problem({})).toBe('BRIDGE_SERVER_URL: is required');
    expect(problem({ BRIDGE_SERVER_URL: 'ftp://x' })).toBe(
      'BRIDGE_SERVER_URL: must be an http:// or https:// URL',
    );
    expect(problem({ ...base, BRIDGE_LOCAL_HOST: '0.0.0.0' })).toMatch(
      /^BRIDGE_LOCAL_HOST: must be a loopback address/,
    );
    expect(problem({ ...base, BRIDGE_LOCAL_HOST: '192.168.1.5' })).toMatch(/^BRIDGE_LOCAL_HOST:/);
    expect(problem({ ...base, BRIDGE_LOCAL_PORT: 'http' })).toBe(
      'BRIDGE_LOCAL_PORT: must be a port number',
    );
    expect(problem({ ...base, BRIDGE_HARDWARE: 'real' })).toMatch(/^BRIDGE_HARDWARE:/);
    expect(problem({ ...base, BRIDGE_TERMINAL_ID: 'T-0001' })).toBe(
      'BRIDGE_ENROLMENT_CODE: is required together with the other enrolment setting',
    );
    expect(problem({ ...base, BRIDGE_A4_QUEUE: 'my queue' })).toMatch(/^BRIDGE_A4_QUEUE:/);
    expect(problem({ ...base, BRIDGE_READER_VID: 'zz' })).toMatch(/^BRIDGE_READER_VID:/);
    expect(problem({ ...base, BRIDGE_RECEIPT_DEVICE: 'lp0' })).toMatch(/^BRIDGE_RECEIPT_DEVICE:/);
    expect(problem({ ...base, BRIDGE_KIOSK_ORIGIN: 'https://x.cn/kiosk/' })).toMatch(
      /^BRIDGE_KIOSK_ORIGIN:/,
    );
  });

  it('accepts IPv6 loopback and treats blank values as unset', () => {
    const c = loadConfig({ ...base, BRIDGE_LOCAL_HOST: '::1', BRIDGE_A4_QUEUE: ' ' }, '/srv');
    expect(c.local.host).toBe('::1');
    expect(c.a4Queue).toBeNull();
  });

  it('puts bridge address and token in the fragment, replacing an old one', () => {
    expect(kioskLaunchUrl('http://h/kiosk/#old', 'http://127.0.0.1:7071', 'tok_1')).toBe(
      'http://h/kiosk/#bridge=http://127.0.0.1:7071&token=tok_1',
    );
  });
});
