import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '@onething/contract/errors';
import { type Request, Router } from 'express';
import type { AuditLog } from '../audit/audit-log.ts';
import type { ClusterHealth } from '../cluster/cluster-link.ts';
import type { Database } from '../db/database.ts';
import { type ClientAddress, isLoopback } from '../http/client-address.ts';
import type { WorkerPool } from '../media/worker-pool.ts';
import type { Metrics } from './metrics.ts';

/** Which adapter serves each outside dependency, as /healthz and the start-up line show it. */
export interface AdapterChoice {
  sharedData: 'simulated';
  electronicId: 'simulated';
  timeStamp: 'simulated';
  sms: 'simulated';
}

export function simulatedAdapters(adapters: AdapterChoice): string[] {
  return Object.entries(adapters)
    .filter(([, v]) => v === 'simulated')
    .map(([k]) => k);
}

export function healthRoutes(deps: {
  database: Database;
  pool: WorkerPool;
  metrics: Metrics;
  startedAt: number;
  version: string;
  adapters: AdapterChoice;
  audit: AuditLog;
  clientAddress: ClientAddress;
  /** `/metrics` for a bearer of this token; without one (or also, if allowed) loopback only. */
  metricsToken: string | undefined;
  metricsAllowLoopback: boolean;
  /** Cluster mode's link to Redis; null on one machine. */
  cluster: () => ClusterHealth | null;
}): Router {
  const r = Router();
  r.get('/healthz', async (_req, res) => {
    const database = await deps.database.health();
    const media = deps.pool.availability;
    deps.metrics.mediaAvailable.set(media.available ? 1 : 0);
    const cluster = deps.cluster() ?? { mode: 'single' as const };
    // Media is optional: the server is healthy without it, and says so. Without Redis a
    // cluster process still serves its own clients from PostgreSQL: degraded, not down.
    const degraded = !database.ok || ('redis' in cluster && cluster.redis !== 'up');
    res.status(database.ok ? 200 : 503).json({
      status: degraded ? 'degraded' : 'ok',
      version: deps.version,
      uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
      database,
      cluster,
      media,
      adapters: deps.adapters,
      simulated: simulatedAdapters(deps.adapters),
    });
  });
  const tokenDigest = deps.metricsToken ? digest(deps.metricsToken) : null;
  const mayRead = (req: Request): boolean => {
    const bearer = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (tokenDigest && bearer && timingSafeEqual(digest(bearer), tokenDigest)) return true;
    return deps.metricsAllowLoopback && isLoopback(deps.clientAddress.of(req));
  };
  r.get('/metrics', async (req, res) => {
    if (!mayRead(req)) {
      const ip = deps.clientAddress.of(req);
      await deps.audit.record({
        actorType: 'system',
        actorId: null,
        action: 'metrics.refused',
        targetType: 'endpoint',
        targetId: '/metrics',
        ip,
        details: { bearer: req.get('authorization') !== undefined },
      });
      throw AppError.forbidden('metrics are for the monitoring token or loopback only');
    }
    deps.metrics.mediaAvailable.set(deps.pool.availability.available ? 1 : 0);
    deps.metrics.databaseAvailable.set(deps.database.availability.available ? 1 : 0);
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return r;
}

// Comparing digests keeps the comparison constant-time whatever the presented length.
function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
