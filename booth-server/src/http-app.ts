import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STATUS_WORDS } from '@onething/contract/status-words';
import express, { type Express } from 'express';
import { accountRoutes, grantRoutes } from './accounts/account-routes.ts';
import { authRoutes } from './accounts/auth-routes.ts';
import { staffSession } from './accounts/staff-auth.ts';
import { auditRoutes } from './audit/audit-routes.ts';
import { auditRestRefusals } from './audit/refusal-audit.ts';
import type { BoothServer } from './booth-server.ts';
import { verifyRoutes } from './certificates/verify-routes.ts';
import { caseRoutes } from './cases/case-routes.ts';
import { workbenchRoutes } from './cases/workbench-routes.ts';
import { catalogueAdminRoutes } from './catalogue/catalogue-routes.ts';
import { kioskRoutes, publicRoutes } from './citizen/kiosk-routes.ts';
import { healthRoutes } from './health/health-routes.ts';
import { errorHandler, notFound } from './http/errors.ts';
import { securityHeaders } from './http/security-headers.ts';
import { ratingRoutes } from './ratings/rating-routes.ts';
import { kpiRoutes } from './kpis/kpi-routes.ts';
import { directoryRoutes } from './staff-directory/directory-routes.ts';
import { terminalAdminRoutes, terminalSelfRoutes } from './terminals/terminal-routes.ts';

/** The status page's words as a script (the CSP allows no inline script). */
const STATUS_WORDS_SCRIPT = `globalThis.STATUS_WORDS = ${JSON.stringify(STATUS_WORDS)};\n`;

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const VERSION = (
  JSON.parse(readFileSync(path.join(here, '../package.json'), 'utf8')) as { version: string }
).version;

/** What the HTTP app is assembled from: the server's services and its configuration. */
export type HttpAppServices = Pick<
  BoothServer,
  | 'config'
  | 'anchors'
  | 'tls'
  | 'secureCookies'
  | 'clientAddress'
  | 'origins'
  | 'metrics'
  | 'database'
  | 'pool'
  | 'startedAt'
  | 'adapters'
  | 'audit'
  | 'accounts'
  | 'grants'
  | 'fleet'
  | 'terminals'
  | 'onething'
  | 'uploads'
  | 'ratings'
  | 'followUps'
  | 'kpis'
  | 'directory'
  | 'identity'
  | 'certificates'
  | 'status'
  | 'booth'
  | 'cases'
  | 'catalogues'
  | 'cluster'
  | 'limits'
>;

/**
 * The booth server's express app: client address, security headers and metrics first, then
 * health, the REST API (JSON, staff session, origin check), the two web apps, the citizen's
 * status and certificate pages, and the error handlers last.
 */
export function buildHttpApp(s: HttpAppServices): Express {
  const app = express();
  app.disable('x-powered-by');
  // req.ip is not used: every handler reads requestIp(req), decided once here.
  app.set('trust proxy', false);
  app.use((req, _res, next) => {
    req.clientAddress = s.clientAddress.of(req);
    next();
  });
  app.use(securityHeaders({ tls: s.tls }));
  app.use((req, res, next) => {
    const end = s.metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => {
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched';
      end({ route });
      s.metrics.httpRequests.inc({ method: req.method, route, status: res.statusCode });
    });
    next();
  });
  app.use(
    healthRoutes({
      database: s.database,
      pool: s.pool,
      metrics: s.metrics,
      startedAt: s.startedAt,
      version: VERSION,
      adapters: s.adapters,
      audit: s.audit,
      clientAddress: s.clientAddress,
      metricsToken: s.config.METRICS_TOKEN,
      metricsAllowLoopback: s.config.METRICS_ALLOW_LOOPBACK,
      cluster: () => s.cluster?.health() ?? null,
    }),
  );
  app.use('/api', express.json({ limit: '256kb' }));
  app.use('/api', staffSession(s.accounts));
  app.use('/api', s.origins.rest(s.tls));
  app.use('/api/auth', authRoutes(s.accounts, { secureCookies: s.secureCookies }));
  app.use('/api/admin/accounts', accountRoutes(s.accounts, s.grants));
  app.use('/api/admin/grants', grantRoutes(s.grants));
  app.use('/api/admin/audit', auditRoutes(s.audit, s.anchors, s.accounts, s.terminals));
  app.use('/api/admin/terminals', terminalAdminRoutes(s.terminals, s.fleet));
  app.use('/api/terminal', terminalSelfRoutes(s.terminals, s.limits));
  app.use(
    '/api/kiosk',
    kioskRoutes({
      terminals: s.terminals,
      onething: s.onething,
      uploads: s.uploads,
      ratings: s.ratings,
      identity: s.identity,
      certificates: s.certificates,
      audit: s.audit,
      status: s.status,
      cases: s.cases,
      servedBy: (terminalId, callId) => s.booth.tickets.servedBy(terminalId, callId),
      alternativeTo: (terminalId) => s.fleet.alternativeTo(terminalId),
      hotline: s.config.HELP_HOTLINE,
      limits: s.limits,
    }),
  );
  app.use('/api/public', publicRoutes(s.status, s.limits));
  app.use('/api/cases', caseRoutes(s.cases));
  app.use('/api/workbench', workbenchRoutes(s.cases, s.uploads));
  app.use('/api/ratings', ratingRoutes(s.ratings, s.followUps));
  app.use('/api/kpis', kpiRoutes(s.kpis));
  app.use('/api/staff', directoryRoutes(s.directory));
  app.use('/api/admin/catalogue', catalogueAdminRoutes(s.catalogues));
  app.use('/api', notFound);
  serveApp(app, '/kiosk', s.config.STATIC_DIR_KIOSK ?? path.join(repoRoot, 'kiosk/ui/dist'));
  serveApp(app, '/agent', s.config.STATIC_DIR_AGENT ?? path.join(repoRoot, 'agent-console/dist'));
  // The receipt's QR code: a citizen's phone looks the case up here with the ID's last 4.
  app.get('/status', (_req, res) => res.sendFile(path.join(here, 'citizen/public/status.html')));
  // Its script is a file of its own: the CSP allows no inline script.
  app.get('/status.js', (_req, res) => res.sendFile(path.join(here, 'citizen/public/status.js')));
  // The status words come from the one glossary the kiosk and the console use too.
  app.get('/status-words.js', (_req, res) => res.type('text/javascript').send(STATUS_WORDS_SCRIPT));
  // A certificate's QR code: anyone holding the paper checks it here.
  app.use('/verify', verifyRoutes(s.certificates, s.limits));
  app.get('/', (_req, res) => res.redirect('/agent/'));
  app.use(notFound);
  app.use(auditRestRefusals(s.audit));
  app.use(errorHandler);
  return app;
}

function serveApp(app: Express, mount: string, dir: string): void {
  const index = path.join(dir, 'index.html');
  app.use(mount, express.static(dir, { index: false, maxAge: '1h' }));
  // Client-side routes fall back to the app's index; a missing build says how to make it.
  app.get(`${mount}{/*rest}`, (_req, res) => {
    if (existsSync(index)) {
      res.set('cache-control', 'no-cache').sendFile(index);
    } else {
      res
        .status(503)
        .type('text/plain')
        .send(`${mount} is not built: run "npm run build" (or "npm start", which builds it).`);
    }
  });
}
