import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface WorkerBinaryProbe {
  found: boolean;
  path: string | null;
  reason: string | null;
}

/**
 * Where a mediasoup worker would come from: MEDIASOUP_WORKER_BIN, or the one npm put inside
 * node_modules. Tests use this to decide whether real-media tests can run.
 */
export function probeWorkerBinary(env: NodeJS.ProcessEnv = process.env): WorkerBinaryProbe {
  const fromEnv = env.MEDIASOUP_WORKER_BIN;
  if (fromEnv) {
    return existsSync(fromEnv)
      ? { found: true, path: fromEnv, reason: null }
      : { found: false, path: null, reason: `MEDIASOUP_WORKER_BIN=${fromEnv} does not exist` };
  }
  let pkgDir: string;
  try {
    const require = createRequire(import.meta.url);
    // mediasoup's exports do not include package.json; its entry is node/lib/index.js.
    pkgDir = path.resolve(path.dirname(require.resolve('mediasoup')), '../..');
  } catch {
    return {
      found: false,
      path: null,
      reason:
        'the mediasoup package is not installed (its worker could not be downloaded or built at npm install, or npm ran on a Node older than 22); point MEDIASOUP_WORKER_BIN at a worker binary and run npm install again with npm on Node 26 (README: Video)',
    };
  }
  const bin = path.join(pkgDir, 'worker', 'out', 'Release', 'mediasoup-worker');
  return existsSync(bin)
    ? { found: true, path: bin, reason: null }
    : {
        found: false,
        path: null,
        reason: `mediasoup is installed without its worker (expected ${bin}); set MEDIASOUP_WORKER_BIN to a worker binary`,
      };
}
