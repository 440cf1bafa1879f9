import { KpiQuery, KpiRoutes } from '@onething/contract/rest/kpi';
import { parseOrThrow } from '@onething/contract/validation';
import type { Router } from 'express';
import { requireRole } from '../accounts/staff-auth.ts';
import { RestRouter } from '../http/rest-router.ts';
import { kpiCsv } from './kpi-csv.ts';
import type { KpiService } from './kpi-service.ts';

/** /api/kpis: the report as JSON, and as CSV for Excel (not JSON, so a plain route). */
export function kpiRoutes(kpis: KpiService): Router {
  const api = new RestRouter('/api/kpis').bind(KpiRoutes.report, ({ query }) => kpis.report(query));
  api.router.get('/export.csv', requireRole('supervisor'), async (req, res) => {
    const query = parseOrThrow(KpiQuery, req.query);
    const csv = kpiCsv(await kpis.report(query));
    const day = new Date().toISOString().slice(0, 10);
    res.type('text/csv; charset=utf-8').attachment(`onething-kpis-${day}.csv`).send(csv);
  });
  return api.router;
}
