/**
 * `npm start`: the whole system on one machine — builds the two web apps, starts the booth
 * server (embedded SQLite, demo data) and a device bridge with simulated hardware, prints the
 * URLs to open, and stops everything on Ctrl-C.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '8080';
const children: ChildProcess[] = [];

function run(name: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      process.stderr.write(`${name} exited (${signal ?? code}); stopping everything\n`);
      void stop(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
          setTimeout(() => c.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

process.stdout.write('building the kiosk UI and the agent console…\n');
const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  process.stderr.write('build failed; see above\n');
  process.exit(1);
}

run('booth server', ['booth-server/src/main.ts'], {
  PORT: port,
  DATA_DIR: process.env.DATA_DIR ?? path.join(root, 'data/booth-server'),
  ONETHING_MODE: process.env.ONETHING_MODE ?? 'demo',
});

const bridgeMain = path.join(root, 'kiosk/bridge/src/main.ts');
if (existsSync(bridgeMain)) {
  run('device bridge', [bridgeMain], {
    BRIDGE_SERVER_URL: `http://127.0.0.1:${port}`,
    BRIDGE_DATA_DIR: path.join(root, 'data/bridge'),
    BRIDGE_HARDWARE: 'simulated',
    BRIDGE_KIOSK_URL: `http://127.0.0.1:${port}/kiosk/`,
  });
}
