import { Router } from 'express';
import type { Database } from '../db/database.ts';
import type { WorkerPool } from '../media/worker-pool.ts';
import type { Metrics } from './metrics.ts';

export function healthRoutes(deps: {
  database: Database;
  pool: WorkerPool;
  metrics: Metrics;
  startedAt: number;
  version: string;
}): Router {
  const r = Router();
  r.get('/healthz', async (_req, res) => {
    const database = await deps.database.health();
    const media = deps.pool.availability;
    deps.metrics.mediaAvailable.set(media.available ? 1 : 0);
    // Media is optional: the server is healthy without it, and says so.
    res.status(database.ok ? 200 : 503).json({
      status: database.ok ? 'ok' : 'degraded',
      version: deps.version,
      uptimeSeconds: Math.round((Date.now() - deps.startedAt) / 1000),
      database,
      media,
    });
  });
  r.get('/metrics', async (_req, res) => {
    deps.metrics.mediaAvailable.set(deps.pool.availability.available ? 1 : 0);
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return r;
}
