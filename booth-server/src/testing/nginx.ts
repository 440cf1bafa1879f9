import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Debian's nginx-light, which .ci/run installs. */
export const NGINX_BINARY = '/usr/sbin/nginx';

/** The config shipped for operators: the tests run exactly this file, rendered. */
export const NGINX_TEMPLATE = fileURLToPath(
  new URL('../../../deploy/nginx/onething.conf', import.meta.url),
);

export interface NginxValues {
  /** `host:port` of each booth server. */
  boothServers: string[];
  listen: string;
  serverName: string;
}

/**
 * Fills in the template's `${…}` names as its header tells operators to (envsubst of these
 * names only, nginx's own `$variables` untouched), with the `server ${BOOTH_SERVER}` line
 * repeated once per booth server.
 */
export function renderNginxConfig(template: string, values: NginxValues): string {
  const lines = template
    .split('\n')
    .flatMap((line) =>
      line.includes('${BOOTH_SERVER}')
        ? values.boothServers.map((s) => line.replaceAll('${BOOTH_SERVER}', s))
        : [line],
    );
  return lines
    .join('\n')
    .replaceAll('${LISTEN}', values.listen)
    .replaceAll('${SERVER_NAME}', values.serverName);
}

export interface TestNginx {
  url: string;
  stop(): Promise<void>;
}

/** Why nginx cannot be used here, or null. */
export function nginxMissing(): string | null {
  return existsSync(NGINX_BINARY)
    ? null
    : `no nginx at ${NGINX_BINARY}; .ci/run installs Debian's nginx-light`;
}

/**
 * The shipped config, rendered for loopback ports, run as the test's own nginx: pid, logs and
 * temporary files in `dir`, in the foreground (`daemon off`), stopped by the test.
 */
export async function startNginx(
  dir: string,
  port: number,
  boothServers: string[],
): Promise<TestNginx> {
  mkdirSync(path.join(dir, 'logs'), { recursive: true });
  const site = renderNginxConfig(readFileSync(NGINX_TEMPLATE, 'utf8'), {
    boothServers,
    listen: `127.0.0.1:${port}`,
    serverName: 'localhost',
  });
  writeFileSync(path.join(dir, 'onething.conf'), site);
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, name)};`;
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    [
      'daemon off;',
      'worker_processes 1;',
      // Two descriptors per proxied client: the cluster bench holds 20,000 clients.
      'worker_rlimit_nofile 65536;',
      `pid ${path.join(dir, 'nginx.pid')};`,
      `error_log ${path.join(dir, 'logs', 'error.log')} warn;`,
      'events { worker_connections 50000; }',
      'http {',
      `  access_log off;`,
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((n) => `  ${temp(n)}`),
      `  include ${path.join(dir, 'onething.conf')};`,
      '}',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(NGINX_BINARY, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`nginx did not start: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Whether something listens on the loopback port. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
