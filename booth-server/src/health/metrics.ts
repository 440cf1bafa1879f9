import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per server instance, so several servers in one test process do not clash. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'onething_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'onething_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly socketConnections = new Gauge({
    name: 'onething_socket_connections',
    help: 'Open socket.io connections by namespace',
    labelNames: ['namespace'] as const,
    registers: [this.registry],
  });
  readonly mediaAvailable = new Gauge({
    name: 'onething_media_available',
    help: '1 when a mediasoup worker pool is running',
    registers: [this.registry],
  });

  readonly databaseAvailable = new Gauge({
    name: 'onething_database_available',
    help: '0 while the database cannot be reached and new work is refused (DATABASE_UNAVAILABLE)',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
