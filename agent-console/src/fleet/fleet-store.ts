import { decodeTimelineDetail } from '@onething/contract/sockets/fleet-detail';
import type {
  AlertRule,
  AlertView,
  FleetAction,
  TerminalHealth,
  TerminalSummary,
} from '@onething/contract/sockets/fleet';

/**
 * The fleet dashboard's pure logic: merging live updates into what was loaded, filtering,
 * grouping and counting. No DOM and no socket here, so it is tested in node.
 */

export const HEALTH_STATES: readonly TerminalHealth[] = [
  'ok',
  'warning',
  'critical',
  'offline',
  'maintenance',
];

/** Alert rules that describe a device on the terminal (offline has its own filter). */
export const DEVICE_FAULTS = [
  'paperOut',
  'paperNearEnd',
  'coverOpen',
  'printerError',
  'cardReaderFault',
  'diskLow',
  'clockSkew',
] as const satisfies readonly AlertRule[];
export type DeviceFault = (typeof DEVICE_FAULTS)[number];

const ALERT_RULES: readonly AlertRule[] = ['offline', ...DEVICE_FAULTS];
const FLEET_ACTIONS: readonly FleetAction[] = [
  'maintenanceOn',
  'maintenanceOff',
  'reloadUi',
  'restartBridge',
  'printTestPage',
  'readerSelfTest',
];

export type FleetFilter =
  { kind: 'all' } | { kind: 'offline' } | { kind: 'alerts' } | { kind: 'fault'; rule: DeviceFault };

/** Replaces terminals by id with the newer summaries (later ones win) and appends new ones. */
export function mergeTerminals(
  list: readonly TerminalSummary[],
  updates: readonly TerminalSummary[],
): TerminalSummary[] {
  if (updates.length === 0) return [...list];
  const byId = new Map(list.map((t) => [t.id, t]));
  for (const u of updates) byId.set(u.id, u);
  return [...byId.values()];
}

/** Replaces an alert by id or adds it; newest opened first. */
export function mergeAlert(alerts: readonly AlertView[], alert: AlertView): AlertView[] {
  const rest = alerts.filter((a) => a.id !== alert.id);
  return [...rest, alert].sort((a, b) => b.openedAt - a.openedAt);
}

/** Open alerts (not yet resolved) and past ones, each newest first. */
export function splitAlerts(alerts: readonly AlertView[]): {
  open: AlertView[];
  past: AlertView[];
} {
  const sorted = [...alerts].sort((a, b) => b.openedAt - a.openedAt);
  return {
    open: sorted.filter((a) => a.resolvedAt === null),
    past: sorted.filter((a) => a.resolvedAt !== null),
  };
}

/**
 * What an alert notification means. The server sends the whole alert on every change, so the
 * change is read from its timestamps: acknowledging a resolved alert is not a new resolution.
 */
export function alertChange(a: AlertView): 'opened' | 'acknowledged' | 'resolved' {
  if (a.resolvedAt !== null) {
    return a.acknowledgedAt !== null && a.acknowledgedAt > a.resolvedAt
      ? 'acknowledged'
      : 'resolved';
  }
  return a.acknowledgedAt === null ? 'opened' : 'acknowledged';
}

/** Whether a terminal shows the device fault now: an open alert, or the paper it reports. */
function hasFault(t: TerminalSummary, rule: DeviceFault): boolean {
  if (t.faults.includes(rule)) return true;
  if (rule === 'paperOut') return t.paper === 'out';
  if (rule === 'paperNearEnd') return t.paper === 'near_end';
  return false;
}

export function matchesQuery(t: TerminalSummary, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return true;
  return [t.id, t.name, t.site].some((field) => field.toLocaleLowerCase().includes(q));
}

export function matchesFilter(t: TerminalSummary, filter: FleetFilter): boolean {
  switch (filter.kind) {
    case 'all':
      return true;
    case 'offline':
      return !t.online;
    case 'alerts':
      return t.openAlerts > 0;
    case 'fault':
      return hasFault(t, filter.rule);
  }
}

export function filterTerminals(
  list: readonly TerminalSummary[],
  filter: FleetFilter,
  query: string,
): TerminalSummary[] {
  return list.filter((t) => matchesFilter(t, filter) && matchesQuery(t, query));
}

export interface SiteGroup {
  site: string;
  terminals: TerminalSummary[];
}
export interface RegionGroup {
  region: string;
  sites: SiteGroup[];
}

const zhCollator = new Intl.Collator('zh-CN', { numeric: true });

/** Region, then site, then terminal id: stable positions, so live updates do not reshuffle. */
export function groupByRegionAndSite(list: readonly TerminalSummary[]): RegionGroup[] {
  const regions = new Map<string, Map<string, TerminalSummary[]>>();
  for (const t of list) {
    let sites = regions.get(t.region);
    if (!sites) {
      sites = new Map();
      regions.set(t.region, sites);
    }
    const terminals = sites.get(t.site) ?? [];
    terminals.push(t);
    sites.set(t.site, terminals);
  }
  return [...regions.entries()]
    .sort(([a], [b]) => zhCollator.compare(a, b))
    .map(([region, sites]) => ({
      region,
      sites: [...sites.entries()]
        .sort(([a], [b]) => zhCollator.compare(a, b))
        .map(([site, terminals]) => ({
          site,
          terminals: terminals.sort((a, b) => zhCollator.compare(a.id, b.id)),
        })),
    }));
}

export function countByHealth(list: readonly TerminalSummary[]): Record<TerminalHealth, number> {
  const counts = Object.fromEntries(HEALTH_STATES.map((h) => [h, 0])) as Record<
    TerminalHealth,
    number
  >;
  for (const t of list) counts[t.health] += 1;
  return counts;
}

/** The largest whole unit for "x ago", for Intl.RelativeTimeFormat (negative = past). */
export function relativeParts(
  at: number,
  now: number,
): { value: number; unit: 'second' | 'minute' | 'hour' | 'day' } {
  const seconds = Math.round((at - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return { value: seconds, unit: 'second' };
  if (abs < 3600) return { value: Math.trunc(seconds / 60), unit: 'minute' };
  if (abs < 86_400) return { value: Math.trunc(seconds / 3600), unit: 'hour' };
  return { value: Math.trunc(seconds / 86_400), unit: 'day' };
}

/** An uptime share as a percentage with one decimal, never rounded up to a perfect 100. */
export function formatShare(share: number | null): string | null {
  if (share === null) return null;
  return `${(Math.floor(share * 1000) / 10).toFixed(1)}%`;
}

/**
 * The alert rule or action a timeline entry is about, so it can be shown in words: from its
 * recorded codes, or from the start of an entry recorded before codes ("paperOut: …",
 * "printTestPage by …", and command results "printTestPage: failed — …").
 */
export function eventSubject(detail: string): {
  rule: AlertRule | null;
  action: FleetAction | null;
} {
  const d = decodeTimelineDetail(detail);
  if (d) {
    return {
      rule: 'rule' in d ? d.rule : null,
      action: d.code === 'commandSent' ? d.action : null,
    };
  }
  const head = /^[A-Za-z]+/.exec(detail)?.[0] ?? '';
  return {
    rule: ALERT_RULES.find((r) => r === head) ?? null,
    action: FLEET_ACTIONS.find((a) => a === head) ?? null,
  };
}

/** Fills {name} placeholders in a translated string. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
