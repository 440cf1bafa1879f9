/**
 * The root `postinstall` step: compiles the project's native addons — better-sqlite3 (the
 * embedded database) and node-hid (the terminal's HID devices) — from the sources in their npm
 * packages against the headers of the Node that runs this script, which is the project's LTS
 * (npm scripts run on node_modules/.bin/node when the machine's own Node is older; see
 * lts-node.mjs). Nothing is downloaded: both packages carry their sources, the headers come with
 * the Node, and node-gyp is the one npm ships.
 *
 * Both packages also carry N-API binaries built by their authors; those are only used when
 * ONETHING_PREBUILT_ADDONS=1, or for node-hid on Linux when libudev's and libusb's development
 * files (Debian: libudev-dev libusb-1.0-0-dev) are missing, which is said at install time.
 *
 * A binary compiled here for the same package version and the same Node is kept in npm's cache
 * directory and reused by the next install (better-sqlite3 takes minutes to compile on 2 cores).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

/** What to build, what the build leaves, and how to see that the result loads and works. */
const ADDONS = [
  {
    name: 'better-sqlite3',
    // force_build: its binding.gyp builds nothing when it finds its own prebuilt binary.
    gyp: ['rebuild', '--release', '--force_build=1'],
    outputs: ['build/Release/better_sqlite3.node'],
    check: `const D = require(process.argv[1]); const db = new D(':memory:');
      const { v } = db.prepare('select sqlite_version() as v').get(); db.close();
      console.log('SQLite ' + v);`,
    needs: [],
  },
  {
    name: 'node-hid',
    gyp: ['rebuild', '--release'],
    // HID (libusb) and, on Linux, HID_hidraw, which node-hid loads there by default.
    outputs:
      process.platform === 'linux'
        ? ['build/Release/HID.node', 'build/Release/HID_hidraw.node']
        : ['build/Release/HID.node'],
    check: `const hid = require(process.argv[1]);
      console.log(hid.devices().length + ' HID device(s) visible');`,
    needs: process.platform === 'linux' ? ['libudev', 'libusb-1.0'] : [],
  },
];

const say = (line) => console.log(`native-addons: ${line}`);

/** The version a Node headers directory is for, from include/node/node_version.h. */
function headersVersion(dir) {
  try {
    const h = readFileSync(path.join(dir, 'include', 'node', 'node_version.h'), 'utf8');
    const n = (k) => new RegExp(`#define ${k} (\\d+)`).exec(h)?.[1];
    return `v${n('NODE_MAJOR_VERSION')}.${n('NODE_MINOR_VERSION')}.${n('NODE_PATCH_VERSION')}`;
  } catch {
    return null;
  }
}

/** Headers for exactly the running Node: npm_config_nodedir, or the Node's own install prefix. */
function nodeDir() {
  const candidates = [
    process.env.npm_config_nodedir,
    path.resolve(path.dirname(process.execPath), '..'),
  ].filter(Boolean);
  for (const dir of candidates) if (headersVersion(dir) === process.version) return dir;
  const found = candidates.map((d) => `${d} (${headersVersion(d) ?? 'no headers'})`).join(', ');
  throw new Error(
    `no headers for Node ${process.version} (looked in ${found}); set npm_config_nodedir to the ` +
      `directory whose include/node belongs to this Node`,
  );
}

function packageDir(name) {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null; // not installed here (e.g. --omit of the workspace that needs it)
  }
}

function loads(addon, dir) {
  const r = spawnSync(process.execPath, ['-e', addon.check, dir], { encoding: 'utf8' });
  if (r.status === 0) return { ok: true, out: r.stdout.trim() };
  const why = r.stderr.trim().split('\n').slice(-3).join(' ');
  return {
    ok: false,
    out: `${r.signal ? `killed by ${r.signal}` : `exit ${r.status}`}${why ? `: ${why}` : ''}`,
  };
}

function missingLibraries(addon) {
  return addon.needs.filter(
    (lib) => spawnSync('pkg-config', ['--exists', lib], { stdio: 'ignore' }).status !== 0,
  );
}

function build(addon, dir, nodedir) {
  const version = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
  const key = `${addon.name}@${version}-node${process.version}-${process.platform}-${process.arch}`;
  const cacheRoot = process.env.npm_config_cache || path.join(os.homedir(), '.npm');
  const cache = path.join(cacheRoot, '_onething-native', key);
  const stamp = path.join(cache, 'built.json');

  if (
    existsSync(stamp) &&
    addon.outputs.every((o) => existsSync(path.join(cache, path.basename(o))))
  ) {
    for (const o of addon.outputs) {
      mkdirSync(path.dirname(path.join(dir, o)), { recursive: true });
      copyFileSync(path.join(cache, path.basename(o)), path.join(dir, o));
    }
    const r = loads(addon, dir);
    if (r.ok) {
      const { at } = JSON.parse(readFileSync(stamp, 'utf8'));
      say(`${addon.name} ${version}: reusing the build compiled here at ${at} (${r.out})`);
      return;
    }
    say(`${addon.name}: the cached build does not load (${r.out}); compiling again`);
  }

  const gyp = process.env.npm_config_node_gyp;
  const [cmd, args] = gyp ? [process.execPath, [gyp]] : ['node-gyp', []];
  const jobs = String(Math.max(1, os.availableParallelism()));
  say(`${addon.name} ${version}: compiling against Node ${process.version} headers in ${nodedir}`);
  const started = Date.now();
  const r = spawnSync(cmd, [...args, ...addon.gyp, `--nodedir=${nodedir}`, '--jobs', jobs], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, npm_config_nodedir: nodedir },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    const tail = `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${addon.name}: node-gyp failed (exit ${r.status ?? r.signal}):\n${tail}`);
  }
  const missing = addon.outputs.filter((o) => !existsSync(path.join(dir, o)));
  if (missing.length) throw new Error(`${addon.name}: the build left no ${missing.join(', ')}`);
  const check = loads(addon, dir);
  if (!check.ok) throw new Error(`${addon.name}: compiled, but does not load: ${check.out}`);
  say(`${addon.name}: built in ${Math.round((Date.now() - started) / 1000)} s (${check.out})`);

  mkdirSync(cache, { recursive: true });
  for (const o of addon.outputs)
    copyFileSync(path.join(dir, o), path.join(cache, path.basename(o)));
  writeFileSync(stamp, JSON.stringify({ at: new Date().toISOString(), nodedir }));
}

function main() {
  if (process.env.ONETHING_PREBUILT_ADDONS === '1') {
    say('ONETHING_PREBUILT_ADDONS=1: keeping the binaries shipped inside the npm packages');
    return;
  }
  const nodedir = nodeDir();
  for (const addon of ADDONS) {
    const dir = packageDir(addon.name);
    if (!dir) continue;
    const missing = missingLibraries(addon);
    if (missing.length) {
      const r = loads(addon, dir);
      if (!r.ok)
        throw new Error(
          `${addon.name}: cannot build (no ${missing.join(', ')}) and its shipped binary does not load: ${r.out}`,
        );
      say(
        `${addon.name}: not compiled here — pkg-config finds no ${missing.join(', ')} ` +
          `(Debian: apt-get install libudev-dev libusb-1.0-0-dev); using the N-API binary ` +
          `shipped in its npm package (${r.out})`,
      );
      continue;
    }
    build(addon, dir, nodedir);
  }
}

try {
  main();
} catch (e) {
  console.error(`native-addons: ${e.message}`);
  console.error(
    'native-addons: the native addons must be compiled for this Node (or set ' +
      'ONETHING_PREBUILT_ADDONS=1 to use the binaries inside their npm packages)',
  );
  process.exit(1);
}
