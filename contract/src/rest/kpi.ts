import { z } from 'zod';
import { defineRoute } from '../wire/rest-route.ts';
import { RatingLevel, Text } from './kiosk.ts';

/** 一件事 KPIs for supervisors, computed on the server over the cases filed in a period. */
export const KpiQuery = z.object({
  /** Cases filed from (epoch ms); default: the last 30 days. */
  since: z.coerce.number().int().nonnegative().optional(),
  until: z.coerce.number().int().nonnegative().optional(),
});
export type KpiQuery = z.infer<typeof KpiQuery>;

const Share = z.number().min(0).max(1).nullable();

export const KpiReport = z.object({
  since: z.number(),
  until: z.number(),
  generatedAt: z.number(),
  /** How often a wallboard reloads when nothing arrives over the socket (configured). */
  refreshSeconds: z.number().int().positive(),
  /** Cases per bundle and the channel they came by (`terminal` kiosk, `booth` video booth…). */
  casesByBundle: z.array(
    z.object({
      bundleCode: z.string(),
      bundleName: Text,
      channel: z.string(),
      cases: z.number().int(),
    }),
  ),
  /**
   * Per department: sub-cases finished (办结 or 不予受理) and how many by their due date, with
   * the open ones already past it; `rate` = on time ÷ (finished + open overdue).
   */
  onTimeByDepartment: z.array(
    z.object({
      department: z.string(),
      departmentName: Text,
      finished: z.number().int(),
      onTime: z.number().int(),
      openOverdue: z.number().int(),
      rate: Share,
    }),
  ),
  /** Filing to the last department's answer, over finished cases. */
  handling: z.object({
    finished: z.number().int(),
    averageMs: z.number().nullable(),
    p90Ms: z.number().nullable(),
  }),
  /** Finished cases that never needed 补正: one visit was enough. */
  oneVisit: z.object({
    finished: z.number().int(),
    withoutSupplement: z.number().int(),
    rate: Share,
  }),
  /** 好差评 of the period's cases, per level. */
  ratings: z.object({ total: z.number().int(), counts: z.record(RatingLevel, z.number().int()) }),
});
export type KpiReport = z.infer<typeof KpiReport>;

export const KpiRoutes = {
  report: defineRoute({
    method: 'GET',
    path: '/api/kpis',
    query: KpiQuery,
    response: KpiReport,
    roles: ['supervisor'],
  }),
};

/** The same report as CSV (UTF-8 with BOM, zh-CN headers), a plain express route. */
export const KPI_CSV_PATH = '/api/kpis/export.csv';
