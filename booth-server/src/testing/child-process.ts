import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ChildWorker {
  readonly process: ChildProcess;
  /** The next JSON line the child prints to stdout that `match` accepts. */
  next<T = Record<string, unknown>>(match: (line: T) => boolean, timeoutMs?: number): Promise<T>;
  /** SIGKILL, and resolves once the child is gone. */
  kill9(): Promise<void>;
}

/**
 * A TypeScript script under tsx in a process of its own, speaking JSON lines on stdout, so a
 * test can kill it with SIGKILL as a crash would (no close(), no finally).
 */
export function spawnWorker(script: string, env: Record<string, string>): ChildWorker {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    lines.push(JSON.parse(line) as Record<string, unknown>);
    for (const w of waiters) w();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    next<T>(match: (line: T) => boolean, timeoutMs = 30_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < lines.length; seen++) {
            const line = lines[seen] as T;
            if (match(line)) {
              done();
              resolve(line);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`child printed no matching line in ${timeoutMs} ms`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
        void exited.then(() => {
          if (!waiters.has(check)) return;
          done();
          reject(new Error(`child exited (${child.exitCode ?? child.signalCode}) before the line`));
        });
      });
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
