import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { kioskSession } from '../../booth-server/src/testing/kiosk-client.ts';
import { startTestCluster, type TestCluster } from '../../booth-server/src/testing/cluster.ts';
import { login } from '../../booth-server/src/testing/test-server.ts';

/**
 * `npm run bench cluster [-- N]`: N simulated terminals (default 20,000) heartbeating every
 * 15 s through nginx to three booth-server processes on PostgreSQL and Redis. Prints CPU and RSS
 * per process and the load generator's own CPU (all of it shares this machine's cores), the
 * time until every terminal is back after kill -9 of one process, and the p99 latency of a
 * notification across processes (a ticket filed through one process ringing at an agent on
 * another).
 */
const TERMINALS = Number(
  process.argv.slice(2).find((a) => /^\d+$/.test(a)) ??
    process.env.BENCH_CLUSTER_TERMINALS ??
    20_000,
);
const INTERVAL_MS = 15_000;
const WINDOW_S = Number(process.env.BENCH_CLUSTER_SECONDS ?? 30);
const WORKERS = 2;
const SAMPLES = Number(process.env.BENCH_CLUSTER_SAMPLES ?? 100);
const BASE_PORT = 43300;
/** Registrations at once while seeding: within the database pool (its connect timeout is short). */
const BATCH = 8;
/** The target for every terminal to be back after a kill -9. */
const FAILOVER_TARGET_MS = 10_000;

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

function next<T>(w: ChildProcess, type: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`client process exited with ${code}`));
    const onMessage = (m: unknown) => {
      if ((m as { type?: string }).type !== type) return;
      w.off('message', onMessage);
      w.off('exit', onExit);
      resolve(m as T);
    };
    w.on('message', onMessage);
    w.once('exit', onExit);
  });
}

async function connectedNow(workers: ChildProcess[]): Promise<number> {
  const counts = await Promise.all(
    workers.map((w) => {
      const p = next<{ connected: number }>(w, 'count');
      w.send('count');
      return p;
    }),
  );
  return counts.reduce((a, c) => a + c.connected, 0);
}

function socketTo(url: string, nsp: string, opts: { cookie?: string; token?: string }) {
  const s: Socket = io(`${url}${nsp}`, {
    transports: ['websocket'],
    forceNew: true,
    extraHeaders: opts.cookie ? { cookie: opts.cookie } : {},
    auth: opts.token ? { token: opts.token } : {},
  });
  return new Promise<Socket>((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', reject);
  });
}

/** A ticket filed through node 1 rings at an agent connected to node 2: ms, SAMPLES times. */
async function crossProcessLatency(cluster: TestCluster): Promise<number[]> {
  const [one, two] = cluster.nodes as [TestCluster['nodes'][0], TestCluster['nodes'][0]];
  const admin = await login(one.url, 'admin', 'demo-admin-2026');
  const session = await kioskSession(one.url, admin, 'BENCH-LATENCY');
  const kiosk = await socketTo(one.url, '/kiosk', { token: session.token });
  const agent = await socketTo(two.url, '/staff', {
    cookie: await login(two.url, 'agent.police', 'demo-agent-2026'),
  });
  await agent.emitWithAck('agent:setState', { state: 'available' });
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const rang = new Promise<{ at: number; offerId: string }>((resolve) =>
      agent.once('offer:new', (o: { offerId: string }) =>
        resolve({ at: performance.now(), offerId: o.offerId }),
      ),
    );
    const sentAt = performance.now();
    const help = (await kiosk.emitWithAck('help:request', {
      department: 'PSB',
      language: 'zh-CN',
    })) as { ok: boolean; data: { ticketId: string } };
    const { at } = await rang;
    samples.push(at - sentAt);
    const ended = new Promise((resolve) => agent.once('offer:ended', resolve));
    await kiosk.emitWithAck('help:cancel', { ticketId: help.data.ticketId });
    await ended;
  }
  kiosk.close();
  agent.close();
  return samples.sort((a, b) => a - b);
}

export async function run(): Promise<void> {
  const credentials: string[] = [];
  const seedStart = Date.now();
  const started = await startTestCluster({
    nodes: 3,
    basePort: BASE_PORT,
    env: { HEARTBEAT_INTERVAL_MS: String(INTERVAL_MS) },
    seed: async (server) => {
      for (let i = 0; i < TERMINALS; i += BATCH) {
        const batch = Array.from({ length: Math.min(BATCH, TERMINALS - i) }, (_, j) => i + j);
        credentials.push(
          ...(await Promise.all(
            batch.map(async (n) => {
              const id = `BENCH-${String(n).padStart(5, '0')}`;
              const { enrolmentCode } = await server.terminals.register(
                {
                  id,
                  name: `Bench ${n}`,
                  site: `Site ${n % 50}`,
                  region: '440113',
                  kind: 'terminal',
                },
                { id: null, ip: null },
              );
              return (await server.terminals.enrol({ terminalId: id, code: enrolmentCode }, null))
                .credential;
            }),
          )),
        );
      }
    },
  });
  if ('skip' in started) {
    process.stdout.write(`skipped: ${started.skip}\n`);
    return;
  }
  const cluster = started;
  const workers: ChildProcess[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'onething-bench-cluster-'));
  try {
    process.stdout.write(
      `${TERMINALS} terminals registered and 3 booth servers up in ${((Date.now() - seedStart) / 1000).toFixed(0)} s; connecting through nginx…\n`,
    );
    const per = Math.ceil(TERMINALS / WORKERS);
    const workerFile = (w: number) => {
      const file = path.join(dir, `worker-${w}.json`);
      const slice = credentials.slice(w * per, (w + 1) * per);
      writeFileSync(
        file,
        JSON.stringify({ url: cluster.url, credentials: slice, intervalMs: INTERVAL_MS }),
      );
      return file;
    };
    for (let w = 0; w < WORKERS; w++)
      workers.push(
        fork(fileURLToPath(new URL('./fleet-client.worker.ts', import.meta.url)), {
          execArgv: ['--import', 'tsx'],
          env: { ...process.env, BENCH_WORKER_FILE: workerFile(w) },
        }),
      );
    const connected = await Promise.all(
      workers.map((w) => next<{ count: number }>(w, 'connected')),
    );
    process.stdout.write(
      `connected ${connected.reduce((a, b) => a + b.count, 0)} of ${TERMINALS}; warming up one interval…\n`,
    );
    await new Promise((r) => setTimeout(r, INTERVAL_MS));

    const pids = cluster.nodes.map((n) => n.pid as number);
    const loadPids = workers.map((w) => w.pid as number);
    const cpu0 = pids.map(cpuSeconds);
    const load0 = loadPids.map(cpuSeconds);
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
    const seconds = (Date.now() - t0) / 1000;
    const cpu = pids.map((p, i) => (cpuSeconds(p) - (cpu0[i] as number)) / seconds);
    const rss = pids.map(rssMb);
    const loadCpu =
      loadPids.reduce((a, p, i) => a + (cpuSeconds(p) - (load0[i] as number)), 0) / seconds;
    const reports = await Promise.all(
      workers.map((w) => {
        const p = next<{ acked: number; failed: number }>(w, 'report');
        w.send('report');
        return p;
      }),
    );

    const latency = await crossProcessLatency(cluster);
    const p = (q: number) =>
      latency[Math.min(latency.length - 1, Math.floor(q * latency.length))] ?? NaN;

    const victim = cluster.nodes[2] as TestCluster['nodes'][0];
    const before = await connectedNow(workers);
    const killedAt = Date.now();
    await victim.kill9();
    let dipped = false;
    let failoverMs = Number.NaN;
    while (Date.now() - killedAt < 60_000) {
      const n = await connectedNow(workers);
      if (n < before) dipped = true;
      if (dipped && n >= before) {
        failoverMs = Date.now() - killedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }

    const lines = [
      `terminals            ${TERMINALS} over 3 booth servers (heartbeat every ${INTERVAL_MS / 1000} s, ${WINDOW_S} s measured)`,
      `heartbeats acked     ${reports.reduce((a, r) => a + r.acked, 0)} (failed ${reports.reduce((a, r) => a + r.failed, 0)})`,
      ...cluster.nodes.map(
        (n, i) =>
          `${n.name.padEnd(20)} CPU ${((cpu[i] as number) * 100).toFixed(1).padStart(5)} % of one core, RSS ${(rss[i] as number).toFixed(0)} MB`,
      ),
      `load generator       CPU ${(loadCpu * 100).toFixed(1)} % of one core (${WORKERS} client processes)`,
      `notification latency ticket via node1 → offer at an agent on node2: p50 ${p(0.5).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms (${latency.length} samples)`,
      Number.isNaN(failoverMs)
        ? `failover             not every terminal was back within 60 s of kill -9 of ${victim.name}`
        : `failover             kill -9 of ${victim.name}: all ${before} terminals connected again after ${(failoverMs / 1000).toFixed(1)} s (target ≤ ${FAILOVER_TARGET_MS / 1000} s) ${failoverMs <= FAILOVER_TARGET_MS ? 'OK' : 'OVER'}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const w of workers) w.kill();
    await cluster.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
