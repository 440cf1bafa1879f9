import type { Text } from '@onething/contract/rest/kiosk';
import type { KpiReport } from '@onething/contract/rest/kpi';
import type { Lang } from '../i18n/strings.ts';

/** The KPI screens' arithmetic, pure so it is tested in node. */

export interface BundleRow {
  bundleCode: string;
  bundleName: Text;
  /** Cases per channel, in the order of `channels`. */
  byChannel: number[];
  total: number;
}

/** Cases per bundle as a table: one row per bundle, one column per channel seen, busiest first. */
export function bundleTable(rows: KpiReport['casesByBundle']): {
  channels: string[];
  bundles: BundleRow[];
  total: number;
} {
  const channelTotals = new Map<string, number>();
  for (const r of rows) channelTotals.set(r.channel, (channelTotals.get(r.channel) ?? 0) + r.cases);
  const channels = [...channelTotals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([c]) => c);
  const bundles = new Map<string, BundleRow>();
  for (const r of rows) {
    let b = bundles.get(r.bundleCode);
    if (!b) {
      b = {
        bundleCode: r.bundleCode,
        bundleName: r.bundleName,
        byChannel: channels.map(() => 0),
        total: 0,
      };
      bundles.set(r.bundleCode, b);
    }
    b.byChannel[channels.indexOf(r.channel)] = r.cases;
    b.total += r.cases;
  }
  const list = [...bundles.values()].sort((a, b) => b.total - a.total);
  return { channels, bundles: list, total: list.reduce((n, b) => n + b.total, 0) };
}

/** A duration in hours below two days ("5.5 小时"), in days above ("3.2 天"); null as null. */
export function formatHandling(ms: number | null, lang: Lang): string | null {
  if (ms === null) return null;
  const hours = ms / 3_600_000;
  if (hours < 48) return lang === 'en' ? `${hours.toFixed(1)} h` : `${hours.toFixed(1)} 小时`;
  const days = hours / 24;
  return lang === 'en' ? `${days.toFixed(1)} d` : `${days.toFixed(1)} 天`;
}

/** Each level's share of all ratings, for the distribution bars (0 when there are none). */
export function ratingShares(r: KpiReport['ratings']): Record<string, number> {
  return Object.fromEntries(
    Object.entries(r.counts).map(([level, n]) => [level, r.total ? n / r.total : 0]),
  );
}
