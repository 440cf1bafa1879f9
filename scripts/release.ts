/**
 * `npm run release -- <dir>`: lays out in <dir> what a production machine needs, after
 * `npm run build` on a build machine — the compiled booth server and bridge, the built web apps,
 * the catalogue and demo data, the status page, the systemd/udev files, and the package files
 * and install scripts for `npm ci --omit=dev` there. No TypeScript source and no dev tooling:
 * the compiled programs run with plain `node` on the Node LTS that package.json names.
 */
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PROGRAMS } from './build-node.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Package files: npm ci needs every workspace's package.json next to the lockfile. */
const PACKAGE_FILES = [
  'package.json',
  'package-lock.json',
  '.npmrc',
  'scripts/lts-node.mjs',
  'scripts/native-addons.mjs',
  'contract/package.json',
  'booth-server/package.json',
  'kiosk/bridge/package.json',
  'web-call/package.json',
  'kiosk/ui/package.json',
  'agent-console/package.json',
];

/** Read at run time by the compiled programs (paths they derive from their source location). */
const RUNTIME_FILES = [
  'booth-server/catalogue',
  'booth-server/src/citizen/public',
  'kiosk/bridge/deploy',
  'README.md',
];

/** The web apps the booth server serves; built by `npm run build`. */
const WEB_APPS = ['kiosk/ui/dist', 'agent-console/dist'];

export interface ReleaseOptions {
  /** Tests that only start the server may leave the web apps out. */
  requireWebApps?: boolean;
}

export function stageRelease(target: string, options: ReleaseOptions = {}): string[] {
  const { requireWebApps = true } = options;
  const compiled = PROGRAMS.flatMap((p) => [p.out, `${p.out}.map`]);
  const missing = compiled.filter((f) => !existsSync(path.join(root, f)));
  if (missing.length) throw new Error(`not built: ${missing.join(', ')} (npm run build)`);
  const web = WEB_APPS.filter((d) => existsSync(path.join(root, d)));
  if (requireWebApps && web.length < WEB_APPS.length) {
    throw new Error(`web apps not built: ${WEB_APPS.filter((d) => !web.includes(d)).join(', ')}`);
  }
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new Error(`${target} is not empty`);
  }
  const copied = [...PACKAGE_FILES, ...compiled, ...RUNTIME_FILES, ...web];
  for (const rel of copied) {
    const to = path.join(target, rel);
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(path.join(root, rel), to, { recursive: true });
  }
  return copied;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const target = process.argv[2];
  if (!target) {
    process.stderr.write('usage: npm run release -- <empty directory>\n');
    process.exit(2);
  }
  try {
    const copied = stageRelease(path.resolve(target));
    process.stdout.write(
      `release: ${copied.length} paths in ${target}; there: npm ci --omit=dev, then\n` +
        `  node --enable-source-maps booth-server/dist/main.js\n` +
        `  node --enable-source-maps kiosk/bridge/dist/main.js\n`,
    );
  } catch (e) {
    process.stderr.write(`release: ${(e as Error).message}\n`);
    process.exit(1);
  }
}
