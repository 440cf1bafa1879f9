import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIAXIS_PRODUCT_ID, MIAXIS_VENDOR_ID } from '../src/devices/id-card/hid-wrapper.ts';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** udev rule lines: comma-separated KEY=="v", KEY{attr}=="v", KEY="v" or KEY+="v" pairs. */
function parseRules(text: string): Record<string, string>[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((line) => {
      const pairs: Record<string, string> = {};
      for (const part of line.split(/,\s*/)) {
        const m = /^([A-Z]+(?:\{[A-Za-z]+\})?)(==|!=|\+=|=)"([^"]*)"$/.exec(part);
        if (!m) throw new Error(`not a udev key/value pair: ${part} (in: ${line})`);
        pairs[`${m[1]}${m[2]}`] = m[3] as string;
      }
      return pairs;
    });
}

describe('udev rules', () => {
  const rules = parseRules(read('./udev/70-onething-kiosk.rules'));

  it('grant the plugdev group the Miaxis reader the driver talks to', () => {
    const reader = rules.find((r) => r['ATTRS{idVendor}=='] === hex4(MIAXIS_VENDOR_ID));
    expect(reader).toMatchObject({
      'KERNEL==': 'hidraw*',
      'ATTRS{idProduct}==': hex4(MIAXIS_PRODUCT_ID),
      'MODE=': '0660',
      'GROUP=': 'plugdev',
    });
  });

  it('cover hidraw scanners and usblp printers without making anything world-writable', () => {
    expect(rules.filter((r) => r['KERNEL=='] === 'hidraw*').length).toBeGreaterThan(1);
    expect(rules.find((r) => r['SUBSYSTEM=='] === 'usbmisc')).toMatchObject({
      'KERNEL==': 'lp[0-9]*',
      'GROUP=': 'lp',
    });
    for (const rule of rules) expect(rule['MODE=']).toBe('0660');
  });
});

describe('systemd units', () => {
  const sections = (text: string) => [...text.matchAll(/^\[(\w+)\]$/gm)].map((m) => m[1]);

  it('start the compiled bridge the way package.json does, with its state dir and device access', () => {
    const unit = read('./systemd/kiosk-bridge.service');
    expect(sections(unit)).toEqual(['Unit', 'Service', 'Install']);
    const pkg = JSON.parse(read('../package.json')) as { scripts: Record<string, string> };
    // Production runs JavaScript that npm run build compiled, on plain node: no tsx.
    const compiled = pkg.scripts['start:compiled'] ?? '';
    expect(compiled).toMatch(/^node .*dist\/main\.js$/);
    expect(unit).toMatch(/^WorkingDirectory=\/opt\/onething\/kiosk\/bridge$/m);
    expect(unit).toContain(`ExecStart=/usr/bin/${compiled}`);
    expect(unit).not.toMatch(/tsx/);
    expect(unit).toMatch(/^StateDirectory=onething-kiosk$/m);
    expect(unit).toMatch(/^SupplementaryGroups=.*\bplugdev\b.*\blp\b/m);
    expect(unit).toMatch(/^DeviceAllow=char-hidraw rw$/m);
  });

  it('run Chromium in kiosk mode with a throw-away profile', () => {
    const unit = read('./systemd/kiosk-ui.service');
    expect(sections(unit)).toEqual(['Unit', 'Service', 'Install']);
    expect(unit).toMatch(/--kiosk "\$\{KIOSK_UI_URL\}"/);
    expect(unit).toContain('--user-data-dir=%t/');
  });

  it('ship a Chromium policy that is valid JSON', () => {
    expect(JSON.parse(read('./chromium/onething-kiosk.json'))).toMatchObject({
      PrintingEnabled: false,
    });
  });
});
