import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BoothServer } from '../booth-server.ts';
import { type Config, loadConfig } from '../config/config.ts';
import { seedDemoAccounts } from '../demo/demo-accounts.ts';
import { nginxMissing, startNginx, type TestNginx } from './nginx.ts';
import { createPgTestDatabase, type PgTestDatabase } from './postgres.ts';
import { clusterSecrets, createRedisTestSpace, type RedisTestSpace } from './redis.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = path.join(ROOT, 'booth-server/src/main.ts');

/** How long a booth-server process may take to answer /healthz after it is spawned. */
const START_WITHIN_MS = 60_000;

export interface ClusterNode {
  readonly name: string;
  readonly port: number;
  readonly url: string;
  /** The process, while it runs. */
  readonly pid: number | undefined;
  readonly running: boolean;
  /** Kills the process with SIGKILL (nothing is closed, as in a crash) and waits for it to go. */
  kill9(): Promise<void>;
  /** Starts the process again on the same port, data directory and configuration. */
  restart(): Promise<void>;
  /** SIGTERM: the process closes what it holds and exits. */
  stop(): Promise<void>;
}

export interface TestCluster {
  nodes: ClusterNode[];
  /** nginx in front of every node (the shipped config): what clients connect to. */
  url: string;
  nginx: TestNginx;
  config: Record<string, string>;
  close(): Promise<void>;
}

export interface TestClusterOptions {
  nodes: number;
  /** nginx listens here; node i on basePort + 1 + i (ports from the test's own range). */
  basePort: number;
  /** Configuration every node gets besides what the kit sets. */
  env?: Partial<Record<keyof Config, string>>;
  /** Where each node's log goes (stdout and stderr); default a file in its data directory. */
  logDir?: string;
  /** More set-up on the database before any node starts (besides the demo accounts). */
  seed?: (server: BoothServer) => Promise<void>;
}

/**
 * N booth-server child processes (booth-server/src/main.ts, as production runs them) on one
 * fresh PostgreSQL database and one Redis key space, behind nginx with the shipped config.
 * Resolves with the reason when PostgreSQL, Redis or nginx is missing, so a test can skip.
 */
export async function startTestCluster(
  opts: TestClusterOptions,
): Promise<TestCluster | { skip: string }> {
  const nginxGone = nginxMissing();
  if (nginxGone) return { skip: nginxGone };
  const pg = await createPgTestDatabase();
  if ('skip' in pg) return { skip: pg.skip };
  const redis = await createRedisTestSpace();
  if ('skip' in redis) {
    await pg.drop();
    return { skip: redis.skip };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'onething-cluster-'));
  const config: Record<string, string> = {
    ONETHING_MODE: 'test',
    HOST: '127.0.0.1',
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.prefix,
    MEDIA_DISABLED: 'true',
    TRUSTED_PROXIES: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    ...clusterSecrets(),
    ...opts.env,
  };
  await seed(config, path.join(dir, 'seed'), opts.seed);
  const nodes = Array.from({ length: opts.nodes }, (_, i) =>
    clusterNode(`node${i + 1}`, opts.basePort + 1 + i, config, dir, opts.logDir ?? dir),
  );
  try {
    await Promise.all(nodes.map((n) => n.restart()));
  } catch (e) {
    await Promise.all(nodes.map((n) => n.kill9()));
    await cleanUp(pg, redis, dir);
    throw e;
  }
  const nginx = await startNginx(
    path.join(dir, 'nginx'),
    opts.basePort,
    nodes.map((n) => `127.0.0.1:${n.port}`),
  );
  return {
    nodes,
    url: nginx.url,
    nginx,
    config,
    async close() {
      await nginx.stop();
      await Promise.all(nodes.map((n) => n.stop()));
      await cleanUp(pg, redis, dir);
    },
  };
}

/** The schema and the demo accounts, once, before any node starts (no node races another). */
async function seed(
  env: Record<string, string>,
  dataDir: string,
  more: TestClusterOptions['seed'],
): Promise<void> {
  const config = loadConfig({}, { ...env, PORT: 0, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const server = await BoothServer.create(config);
  try {
    await seedDemoAccounts(server.accounts);
    await more?.(server);
  } finally {
    await server.close();
  }
}

async function cleanUp(pg: PgTestDatabase, redis: RedisTestSpace, dir: string): Promise<void> {
  await redis.clear().catch(() => undefined);
  await pg.drop().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}

function clusterNode(
  name: string,
  port: number,
  config: Record<string, string>,
  dir: string,
  logDir: string,
): ClusterNode {
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    ...config,
    PORT: String(port),
    DATA_DIR: path.join(dir, name),
    CLUSTER_NODE_NAME: name,
  };
  const gone = async () => {
    await exited;
    child = null;
  };
  return {
    name,
    port,
    url,
    get pid() {
      return child?.pid;
    },
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    async kill9() {
      if (!child) return;
      child.kill('SIGKILL');
      await gone();
    },
    async stop() {
      if (!child) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child?.kill('SIGKILL'), 15_000);
      await gone();
      clearTimeout(timer);
    },
    async restart() {
      if (child) throw new Error(`${name} is running`);
      const logFile = path.join(logDir, `${name}.log`);
      const log = createWriteStream(logFile, { flags: 'a' });
      const tail = () => readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n');
      const c = spawn(process.execPath, ['--import', 'tsx', MAIN], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      c.stdout.pipe(log);
      c.stderr.pipe(log);
      child = c;
      exited = new Promise((resolve) => c.once('exit', () => resolve()));
      const deadline = Date.now() + START_WITHIN_MS;
      for (;;) {
        if (c.exitCode !== null) throw new Error(`${name} exited at start:\n${tail()}`);
        const ok = await fetch(`${url}/healthz`)
          .then((r) => r.ok)
          .catch(() => false);
        if (ok) return;
        if (Date.now() > deadline) throw new Error(`${name} did not answer in 60 s:\n${tail()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}
