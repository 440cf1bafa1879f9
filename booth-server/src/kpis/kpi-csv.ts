import type { RatingLevel } from '@onething/contract/rest/kiosk';
import type { KpiReport } from '@onething/contract/rest/kpi';

/** Excel reads a UTF-8 file as the local code page unless it starts with a byte-order mark. */
const BOM = '\uFEFF';

const CHANNEL: Record<string, string> = {
  terminal: '自助终端',
  booth: '视频亭',
  online: '网上',
  onsite: '窗口',
};
const LEVEL: Record<RatingLevel, string> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
  very_unsatisfied: '非常不满意',
};

/**
 * The KPI report as one CSV table for Excel (UTF-8 with BOM, zh-CN headers, CRLF): one row per
 * figure, with what it counts in 说明. Percentages are written as Excel reads them ("85.0%").
 */
export function kpiCsv(report: KpiReport): string {
  const rows: string[][] = [['指标', '对象', '渠道', '数值', '说明']];
  for (const b of report.casesByBundle) {
    rows.push(['办件量', b.bundleName.zh, CHANNEL[b.channel] ?? b.channel, String(b.cases), '件']);
  }
  for (const d of report.onTimeByDepartment) {
    rows.push([
      '按时办结率',
      d.departmentName.zh,
      '',
      percent(d.rate),
      `按时办结 ${d.onTime} / 已办结 ${d.finished}，逾期未办结 ${d.openOverdue}`,
    ]);
  }
  const h = report.handling;
  rows.push(['平均办理时长', '全部', '', hours(h.averageMs), `小时；已办结 ${h.finished} 件`]);
  rows.push(['办理时长（90%分位）', '全部', '', hours(h.p90Ms), `小时；已办结 ${h.finished} 件`]);
  const o = report.oneVisit;
  rows.push([
    '一次办成率',
    '全部',
    '',
    percent(o.rate),
    `无需补正 ${o.withoutSupplement} / 已办结 ${o.finished}`,
  ]);
  for (const level of Object.keys(LEVEL) as RatingLevel[]) {
    rows.push(['好差评', LEVEL[level], '', String(report.ratings.counts[level] ?? 0), '条']);
  }
  return BOM + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

function percent(rate: number | null): string {
  return rate === null ? '' : `${(rate * 100).toFixed(1)}%`;
}

function hours(ms: number | null): string {
  return ms === null ? '' : (ms / 3_600_000).toFixed(1);
}

/** Quoted when needed; a leading = + - @ would be run as a formula by Excel, so it is defused. */
function cell(value: string): string {
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
