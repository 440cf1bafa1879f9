/**
 * `npm start`: the whole system on one machine — builds the two web apps, starts the booth
 * server (embedded SQLite, demo data) and a device bridge with simulated hardware, enrols the
 * bridge as the demo booth the way an administrator would, prints the URLs to open, and stops
 * everything on Ctrl-C.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS } from '../booth-server/src/demo/demo-accounts.ts';
import { DEMO_LOCAL_TERMINAL } from '../booth-server/src/demo/demo-terminals.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.PORT ?? '8080';
const bridgePort = process.env.BRIDGE_LOCAL_PORT ?? '7071';
const server = `http://127.0.0.1:${port}`;
const bridgeDir = path.join(root, 'data/bridge');
const children: ChildProcess[] = [];
let stopping = false;

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

async function waitFor<T>(what: string, probe: () => Promise<T | null>, seconds = 60): Promise<T> {
  for (let i = 0; i < seconds * 4; i++) {
    const v = await probe().catch(() => null);
    if (v !== null) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not come up within ${seconds} s`);
}

/** A fresh one-time enrolment code for the demo booth, asked for as the demo system administrator. */
async function enrolmentCode(): Promise<string> {
  const admin = DEMO_ACCOUNTS.find((a) => a.username === 'admin');
  const login = await fetch(`${server}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: admin?.username, password: admin?.password }),
  });
  if (!login.ok) throw new Error(`demo admin sign-in failed (${login.status})`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const res = await fetch(
    `${server}/api/admin/terminals/${DEMO_LOCAL_TERMINAL.id}/enrolment-code`,
    {
      method: 'POST',
      headers: { cookie },
    },
  );
  if (!res.ok) throw new Error(`could not get an enrolment code (${res.status})`);
  return ((await res.json()) as { enrolmentCode: string }).enrolmentCode;
}

async function main(): Promise<void> {
  process.stdout.write('building the kiosk UI and the agent console…\n');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed; see above');

  run('booth server', ['booth-server/src/main.ts'], {
    PORT: port,
    DATA_DIR: process.env.DATA_DIR ?? path.join(root, 'data/booth-server'),
    ONETHING_MODE: process.env.ONETHING_MODE ?? 'demo',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // The demo answers video help at any hour (the walk-through must work at night too);
    // a deployment sets its own office hours.
    HELP_SERVICE_HOURS: process.env.HELP_SERVICE_HOURS ?? '1-7 00:00-24:00',
  });
  await waitFor('the booth server', async () =>
    (await fetch(`${server}/healthz`)).ok ? true : null,
  );

  // A bridge enrolled before keeps its credential in data/bridge; otherwise enrol it now.
  const enrol = existsSync(path.join(bridgeDir, 'credential.json'))
    ? {}
    : { BRIDGE_TERMINAL_ID: DEMO_LOCAL_TERMINAL.id, BRIDGE_ENROLMENT_CODE: await enrolmentCode() };
  const tokenFile = path.join(bridgeDir, 'local-token');
  const before = existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8') : null;
  run('device bridge', ['kiosk/bridge/src/main.ts'], {
    BRIDGE_SERVER_URL: server,
    BRIDGE_DATA_DIR: bridgeDir,
    BRIDGE_HARDWARE: 'simulated',
    BRIDGE_LOCAL_PORT: bridgePort,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...enrol,
  });
  const token = await waitFor('the device bridge', async () => {
    if (!existsSync(tokenFile)) return null;
    const t = readFileSync(tokenFile, 'utf8').trim();
    return t && t !== before ? t : null;
  });
  const kioskUrl = `${server}/kiosk/#bridge=http://127.0.0.1:${bridgePort}&token=${token}`;
  process.stdout.write(
    [
      '',
      '  ──────────────────────────────────────────────────────────────────────────',
      `  Kiosk (citizen, simulated ${DEMO_LOCAL_TERMINAL.name}):`,
      `    ${kioskUrl}`,
      `  Agent console (agents, supervisors, maintenance, administrators, auditor): ${server}/agent/`,
      '  Demo sign-ins are listed above. Ctrl-C stops everything.',
      '  ──────────────────────────────────────────────────────────────────────────',
      '',
    ].join('\n'),
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`npm start: ${(e as Error).message}\n`);
  void stop(1);
});
