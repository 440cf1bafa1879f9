import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { LTS_VERSION, satisfies } from '../../scripts/lts-node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
};
const range = pkg.engines.node;
const require = createRequire(path.join(root, 'package.json'));

describe('the Node runtime', () => {
  it('runs the tests on a Node that satisfies package.json engines', () => {
    expect(semver.validRange(range), `engines.node "${range}"`).not.toBeNull();
    expect(
      semver.satisfies(process.version, range),
      `tests run on Node ${process.version}, engines say ${range}`,
    ).toBe(true);
  });

  it('gives npm scripts and #!/usr/bin/env node tools that same Node', () => {
    // vitest, tsx and any nested npm find `node` on PATH: npm puts node_modules/.bin first.
    const r = spawnSync('node', ['-p', 'process.version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const onPath = r.stdout.trim();
    expect(semver.satisfies(onPath, range), `node on PATH is ${onPath}`).toBe(true);
  });

  it('pins, for machines with an older Node, a release that satisfies engines', () => {
    expect(semver.satisfies(LTS_VERSION, range)).toBe(true);
    // The install script's own range check (it runs before any package is there) agrees with
    // semver on the versions that matter.
    for (const v of ['20.20.2', '22.22.0', '24.22.3', '26.0.0', LTS_VERSION, '26.99.0', '27.0.0']) {
      expect(satisfies(v, range), v).toBe(semver.satisfies(v, range));
    }
  });
});

describe('native addons', () => {
  it('better-sqlite3 loads on this Node and answers SQL', () => {
    const Database = require('better-sqlite3') as typeof import('better-sqlite3');
    const db = new Database(':memory:');
    const row = db.prepare('select sqlite_version() as v, 6 * 7 as answer').get() as {
      v: string;
      answer: number;
    };
    db.close();
    expect(row.answer).toBe(42);
    expect(row.v).toMatch(/^3\.\d+\.\d+$/);
  });

  it('better-sqlite3 is the one compiled here, not the binary inside its package', () => {
    if (process.env.ONETHING_PREBUILT_ADDONS === '1') {
      console.log('ONETHING_PREBUILT_ADDONS=1: this install keeps the packaged binaries');
      return;
    }
    const dir = path.dirname(require.resolve('better-sqlite3/package.json'));
    // lib/binding.js prefers build/Release over prebuilds/ when it exists.
    expect(existsSync(path.join(dir, 'build/Release/better_sqlite3.node'))).toBe(true);
  });
});
