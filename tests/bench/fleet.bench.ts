import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditLog } from '../../booth-server/src/audit/audit-log.ts';
import { Database } from '../../booth-server/src/db/database.ts';
import { TerminalRegistry } from '../../booth-server/src/terminals/terminal-registry.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TERMINALS = Number(process.env.BENCH_FLEET_TERMINALS ?? 2000);
const INTERVAL_MS = 15_000;
const WINDOW_S = Number(process.env.BENCH_FLEET_SECONDS ?? 60);
const WORKERS = 2;

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('booth server did not come up');
}

/** 2,000 terminals heartbeating every 15 s to one booth server: its CPU and memory. */
export async function run(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'onething-bench-fleet-'));
  const db = await Database.open({ dataDir });
  const registry = new TerminalRegistry(db.db, new AuditLog(db.db));
  const credentials: string[] = [];
  for (let i = 0; i < TERMINALS; i++) {
    const id = `BENCH-${String(i).padStart(5, '0')}`;
    const { enrolmentCode } = await registry.register(
      { id, name: `Bench ${i}`, site: `Site ${i % 50}`, region: '440113', kind: 'terminal' },
      { id: null, ip: null },
    );
    credentials.push(
      (await registry.enrol({ terminalId: id, code: enrolmentCode }, null)).credential,
    );
  }
  await db.close();

  const port = 18000 + Math.floor(Math.random() * 1000);
  const url = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'booth-server/src/main.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        ONETHING_MODE: 'test',
        LOG_LEVEL: 'warn',
        MEDIA_DISABLED: 'true',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  try {
    await waitForHealth(url);
    const pid = server.pid as number;
    const per = Math.ceil(TERMINALS / WORKERS);
    const workers: ChildProcess[] = Array.from({ length: WORKERS }, (_, w) =>
      fork(fileURLToPath(new URL('./fleet-client.worker.ts', import.meta.url)), {
        execArgv: ['--import', 'tsx'],
        env: {
          ...process.env,
          BENCH_WORKER_DATA: JSON.stringify({
            url,
            credentials: credentials.slice(w * per, (w + 1) * per),
            intervalMs: INTERVAL_MS,
          }),
        },
      }),
    );
    const next = <T>(w: ChildProcess, type: string) =>
      new Promise<T>((resolve, reject) => {
        const onMessage = (m: unknown) => {
          if ((m as { type?: string }).type !== type) return;
          w.off('message', onMessage);
          resolve(m as T);
        };
        w.on('message', onMessage);
        w.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
      });
    const connected = await Promise.all(
      workers.map((w) => next<{ count: number }>(w, 'connected')),
    );
    process.stdout.write(
      `connected ${connected.reduce((a, b) => a + b.count, 0)} of ${TERMINALS} terminals; warming up one interval…\n`,
    );
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
    const cpu0 = cpuSeconds(pid);
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
    const cpu = (cpuSeconds(pid) - cpu0) / ((Date.now() - t0) / 1000);
    const rss = rssMb(pid);
    const reports = await Promise.all(
      workers.map((w) => {
        const p = next<{ acked: number; failed: number }>(w, 'report');
        w.send('report');
        return p;
      }),
    );
    for (const w of workers) w.kill();
    const acked = reports.reduce((a, r) => a + r.acked, 0);
    const failed = reports.reduce((a, r) => a + r.failed, 0);
    process.stdout.write(
      `${[
        `terminals            ${TERMINALS} (heartbeat every ${INTERVAL_MS / 1000} s, ${WINDOW_S} s measured)`,
        `heartbeats acked     ${acked} (failed ${failed})`,
        `server CPU           ${(cpu * 100).toFixed(1)} % of one core   (target ≤ 15 %)  ${cpu <= 0.15 ? 'OK' : 'OVER'}`,
        `server RSS           ${rss.toFixed(0)} MB                (target ≤ 300 MB) ${rss <= 300 ? 'OK' : 'OVER'}`,
      ].join('\n')}\n`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
