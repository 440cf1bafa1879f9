import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'onething-config-'));

describe('configuration', () => {
  it('applies defaults and environment values', () => {
    const c = loadConfig({ PORT: '9090', MEDIA_DISABLED: 'true' });
    expect(c.PORT).toBe(9090);
    expect(c.MEDIA_DISABLED).toBe(true);
    expect(c.ONETHING_MODE).toBe('demo');
    expect(path.isAbsolute(c.DATA_DIR)).toBe(true);
  });

  it('names the key and the bad value in one line', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^config PORT: .*"eighty"/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /config DATABASE_URL: must start with postgres/,
    );
    expect(() => loadConfig({ ONETHING_MODE: 'prod' })).toThrow(/config ONETHING_MODE/);
  });

  it('requires certificate and key together, and that they exist', () => {
    expect(() => loadConfig({ TLS_CERT_FILE: '/etc/hostname' })).toThrow(
      /config TLS_KEY_FILE: .*together/,
    );
    expect(() =>
      loadConfig({ TLS_CERT_FILE: '/nonexistent/cert.pem', TLS_KEY_FILE: '/nonexistent/key.pem' }),
    ).toThrow(/config TLS_CERT_FILE: file \/nonexistent\/cert.pem does not exist/);
  });

  it('refuses cluster mode (REDIS_URL) without PostgreSQL, and needs Redis for nothing else', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /^config DATABASE_URL: cluster mode \(REDIS_URL\) needs PostgreSQL/,
    );
    expect(() =>
      loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'sqlite:/tmp/x.db' }),
    ).toThrow(/needs PostgreSQL/);
    const cluster = {
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATABASE_URL: 'postgres://u:p@127.0.0.1/db',
    };
    expect(() => loadConfig(cluster)).toThrow(/^config DATA_KEYS: .*same value on every/);
    const c = loadConfig({
      ...cluster,
      DATA_KEYS: `k1=${Buffer.alloc(32, 1).toString('base64')}`,
      DATA_INDEX_KEY: Buffer.alloc(32, 2).toString('base64'),
      CERTIFICATE_HMAC_KEY: 'x'.repeat(32),
    });
    expect(c.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(/config REDIS_URL/);
  });

  it('requires an announced address when media listens on all interfaces', () => {
    expect(() => loadConfig({ MEDIA_LISTEN_IP: '0.0.0.0' })).toThrow(/MEDIA_ANNOUNCED_ADDRESS/);
  });

  it('reads a JSON config file and rejects unknown keys and broken JSON', () => {
    const good = path.join(tmp, 'good.json');
    writeFileSync(good, JSON.stringify({ PORT: 7001, LOG_LEVEL: 'warn' }));
    expect(loadConfig({ BOOTH_CONFIG: good }).PORT).toBe(7001);
    expect(loadConfig({ BOOTH_CONFIG: good, PORT: '7002' }).PORT).toBe(7002);

    const unknown = path.join(tmp, 'unknown.json');
    writeFileSync(unknown, JSON.stringify({ PROT: 1 }));
    expect(() => loadConfig({ BOOTH_CONFIG: unknown })).toThrow(/unknown key PROT/);

    const broken = path.join(tmp, 'broken.json');
    writeFileSync(broken, '{ "PORT": ');
    expect(() => loadConfig({ BOOTH_CONFIG: broken })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ BOOTH_CONFIG: path.join(tmp, 'missing.json') })).toThrow(/not found/);
  });
});
