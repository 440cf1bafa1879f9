import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (p: string) => readFileSync(path.join(root, p), 'utf8');
const BOOTH = 'deploy/systemd/onething-booth@.service';
const BACKUP = 'deploy/systemd/onething-backup.service';
const TIMER = 'deploy/systemd/onething-backup.timer';
const BRIDGE = 'kiosk/bridge/deploy/systemd/kiosk-bridge.service';

/** Every `Key=value` of a unit, repeated keys in order. */
function directives(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line);
    if (m) out.set(m[1] as string, [...(out.get(m[1] as string) ?? []), m[2] as string]);
  }
  return out;
}

const analyze = await run('systemd-analyze', ['--version']).then(
  () => null,
  (e: Error) => `systemd-analyze is not installed (${e.message}); apt-get install systemd`,
);
if (analyze) console.warn(`skipping systemd-analyze checks: ${analyze}`);

const dir = mkdtempSync(path.join(os.tmpdir(), 'onething-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the booth server’s systemd units', () => {
  it('run the compiled server per port, hardened, restarted on failure, configured from files', () => {
    const unit = directives(read(BOOTH));
    const pkg = JSON.parse(read('booth-server/package.json')) as {
      scripts: Record<string, string>;
    };
    // The same command as `npm run start:compiled`, from the release's root.
    const compiled = (pkg.scripts['start:compiled'] ?? '').replace(' dist/', ' booth-server/dist/');
    expect(unit.get('ExecStart')).toEqual([`/usr/bin/${compiled}`]);
    expect(unit.get('Environment')).toContain('PORT=%i');
    expect(unit.get('EnvironmentFile')).toEqual([
      '/etc/onething/booth.env',
      '-/etc/onething/booth-%i.env',
    ]);
    expect(unit.get('User')).toEqual(['onething']);
    expect(unit.get('Restart')).toEqual(['on-failure']);
    expect(unit.get('NoNewPrivileges')).toEqual(['yes']);
    expect(unit.get('ProtectSystem')).toEqual(['strict']);
    expect(unit.get('ReadWritePaths')).toEqual(['/var/lib/onething']);
    expect(unit.get('CapabilityBoundingSet')).toEqual(['']);
  });

  it('back up nightly with the compiled data:backup into a dated directory', () => {
    const unit = directives(read(BACKUP));
    const build = read('scripts/build-node.ts');
    expect(build).toContain("out: 'booth-server/dist/data-backup.js'");
    expect(unit.get('ExecStart')?.[0]).toContain('booth-server/dist/data-backup.js');
    expect(unit.get('ReadWritePaths')?.[0]).toContain('/var/backups/onething');
    expect(directives(read(TIMER)).get('Persistent')).toEqual(['true']);
  });

  it.skipIf(analyze !== null)('pass systemd-analyze verify without a single warning', async () => {
    // A template is verified as one of its instances; verify wants each unit's own file name.
    const units: [string, string][] = [
      [BOOTH, 'onething-booth@8081.service'],
      [BACKUP, 'onething-backup.service'],
      [TIMER, 'onething-backup.timer'],
      [BRIDGE, 'kiosk-bridge.service'],
    ];
    for (const [from, name] of units) copyFileSync(path.join(root, from), path.join(dir, name));
    const { stdout, stderr } = await run(
      'systemd-analyze',
      ['verify', '--man=no', ...units.map(([, name]) => path.join(dir, name))],
      { env: { ...process.env, SYSTEMD_LOG_LEVEL: 'notice' } },
    );
    // verify exits 0 on unknown keys and bad values; it only says so.
    expect(`${stdout}${stderr}`.trim()).toBe('');
  });

  it.skipIf(analyze !== null)(
    'expose little: systemd-analyze security rates the booth unit OK or better',
    async () => {
      const unit = path.join(dir, 'onething-booth@8082.service');
      copyFileSync(path.join(root, BOOTH), unit);
      const { stdout } = await run('systemd-analyze', [
        'security',
        '--offline=yes',
        '--no-pager',
        unit,
      ]);
      const level = Number(/Overall exposure level for .*: ([\d.]+)/.exec(stdout)?.[1]);
      expect(level).toBeLessThanOrEqual(3);
    },
  );
});
