import type { AlertView, TerminalSummary } from '@onething/contract/sockets/fleet';
import { describe, expect, it } from 'vitest';
import {
  alertChange,
  countByHealth,
  eventSubject,
  fill,
  filterTerminals,
  formatShare,
  groupByRegionAndSite,
  mergeAlert,
  mergeTerminals,
  relativeParts,
  splitAlerts,
} from './fleet-store.ts';

const terminal = (id: string, extra: Partial<TerminalSummary> = {}): TerminalSummary => ({
  id,
  name: `终端 ${id}`,
  site: '番禺区政务服务中心',
  region: '440113',
  kind: 'terminal',
  online: true,
  health: 'ok',
  maintenance: false,
  lastSeenAt: 1_000,
  paper: 'ok',
  faults: [],
  openAlerts: 0,
  ...extra,
});

const alert = (id: string, extra: Partial<AlertView> = {}): AlertView => ({
  id,
  terminalId: 'T-1',
  rule: 'paperOut',
  severity: 'critical',
  detail: 'receipt paper out',
  openedAt: 1_000,
  acknowledgedBy: null,
  acknowledgedAt: null,
  resolvedAt: null,
  ...extra,
});

describe('merging live updates', () => {
  it('replaces a terminal by id and keeps the others, so a pushed summary updates one row', () => {
    const list = [terminal('T-1'), terminal('T-2')];
    const merged = mergeTerminals(list, [terminal('T-2', { health: 'critical', openAlerts: 1 })]);
    expect(merged.map((t) => [t.id, t.health])).toEqual([
      ['T-1', 'ok'],
      ['T-2', 'critical'],
    ]);
    expect(list[1]?.health).toBe('ok');
  });

  it('adds a terminal it has not seen and lets the latest of several updates win', () => {
    const merged = mergeTerminals(
      [terminal('T-1')],
      [terminal('T-9', { health: 'warning' }), terminal('T-9', { health: 'offline' })],
    );
    expect(merged).toHaveLength(2);
    expect(merged.find((t) => t.id === 'T-9')?.health).toBe('offline');
  });

  it('replaces an alert by id (acknowledged, then resolved) and keeps newest first', () => {
    let alerts = mergeAlert([], alert('a', { openedAt: 1 }));
    alerts = mergeAlert(alerts, alert('b', { openedAt: 5, rule: 'coverOpen' }));
    alerts = mergeAlert(alerts, alert('a', { openedAt: 1, acknowledgedBy: '运维小周' }));
    expect(alerts.map((a) => a.id)).toEqual(['b', 'a']);
    expect(alerts[1]?.acknowledgedBy).toBe('运维小周');
    const { open, past } = splitAlerts(
      mergeAlert(alerts, alert('b', { openedAt: 5, resolvedAt: 9 })),
    );
    expect(open.map((a) => a.id)).toEqual(['a']);
    expect(past.map((a) => a.id)).toEqual(['b']);
  });

  it('tells a new alert from an acknowledgement and a resolution', () => {
    expect(alertChange(alert('a'))).toBe('opened');
    expect(alertChange(alert('a', { acknowledgedAt: 2, acknowledgedBy: 'x' }))).toBe(
      'acknowledged',
    );
    expect(alertChange(alert('a', { acknowledgedAt: 2, resolvedAt: 3 }))).toBe('resolved');
    expect(alertChange(alert('a', { resolvedAt: 3 }))).toBe('resolved');
    // Acknowledging an alert after it resolved must not announce it resolved a second time.
    expect(alertChange(alert('a', { resolvedAt: 3, acknowledgedAt: 4 }))).toBe('acknowledged');
  });
});

describe('filtering', () => {
  const list = [
    terminal('T-OK'),
    terminal('T-OFF', { online: false, health: 'offline', faults: ['offline'], openAlerts: 1 }),
    terminal('T-PAPER', { health: 'critical', paper: 'out', faults: ['paperOut'], openAlerts: 1 }),
    // Paper reported low but its alert is still being damped: the paper filter finds it anyway.
    terminal('T-LOW', { paper: 'near_end' }),
    terminal('T-DISK', {
      health: 'warning',
      faults: ['diskLow'],
      openAlerts: 1,
      site: '天河区中心',
    }),
    terminal('T-MAINT', { online: false, health: 'maintenance', maintenance: true }),
  ];
  const ids = (ts: TerminalSummary[]) => ts.map((t) => t.id);

  it('shows everything under "all"', () => {
    expect(ids(filterTerminals(list, { kind: 'all' }, ''))).toHaveLength(list.length);
  });

  it('finds terminals that are not connected, including one in maintenance', () => {
    expect(ids(filterTerminals(list, { kind: 'offline' }, ''))).toEqual(['T-OFF', 'T-MAINT']);
  });

  it('finds terminals with open alerts', () => {
    expect(ids(filterTerminals(list, { kind: 'alerts' }, ''))).toEqual([
      'T-OFF',
      'T-PAPER',
      'T-DISK',
    ]);
  });

  it('finds terminals by device fault, from alerts and from reported paper', () => {
    expect(ids(filterTerminals(list, { kind: 'fault', rule: 'paperOut' }, ''))).toEqual([
      'T-PAPER',
    ]);
    expect(ids(filterTerminals(list, { kind: 'fault', rule: 'paperNearEnd' }, ''))).toEqual([
      'T-LOW',
    ]);
    expect(ids(filterTerminals(list, { kind: 'fault', rule: 'diskLow' }, ''))).toEqual(['T-DISK']);
    expect(filterTerminals(list, { kind: 'fault', rule: 'coverOpen' }, '')).toEqual([]);
  });

  it('searches id, name and site case-insensitively, combined with the filter', () => {
    expect(ids(filterTerminals(list, { kind: 'all' }, '  t-disk '))).toEqual(['T-DISK']);
    expect(ids(filterTerminals(list, { kind: 'all' }, '天河'))).toEqual(['T-DISK']);
    expect(ids(filterTerminals(list, { kind: 'all' }, '终端 T-OK'))).toEqual(['T-OK']);
    expect(filterTerminals(list, { kind: 'offline' }, '天河')).toEqual([]);
  });
});

describe('grouping and counting', () => {
  it('groups by region then site, ordered, with terminals by id', () => {
    const groups = groupByRegionAndSite([
      terminal('T-10', { region: '440106', site: '天河区中心' }),
      terminal('T-2', { region: '440113', site: '番禺区中心' }),
      terminal('T-9', { region: '440106', site: '天河区中心' }),
      terminal('T-3', { region: '440106', site: '石牌街道' }),
    ]);
    expect(
      groups.map((g) => [g.region, g.sites.map((s) => [s.site, s.terminals.map((t) => t.id)])]),
    ).toEqual([
      [
        '440106',
        [
          ['石牌街道', ['T-3']],
          ['天河区中心', ['T-9', 'T-10']],
        ],
      ],
      ['440113', [['番禺区中心', ['T-2']]]],
    ]);
  });

  it('counts each health state, zero included', () => {
    expect(
      countByHealth([
        terminal('a'),
        terminal('b', { health: 'critical' }),
        terminal('c', { health: 'critical' }),
        terminal('d', { health: 'offline' }),
      ]),
    ).toEqual({ ok: 1, warning: 0, critical: 2, offline: 1, maintenance: 0 });
  });
});

describe('formatting', () => {
  it('picks the largest whole unit for "last seen"', () => {
    const now = 10_000_000;
    expect(relativeParts(now - 4_000, now)).toEqual({ value: -4, unit: 'second' });
    expect(relativeParts(now - 150_000, now)).toEqual({ value: -2, unit: 'minute' });
    expect(relativeParts(now - 3 * 3_600_000, now)).toEqual({ value: -3, unit: 'hour' });
    expect(relativeParts(now - 9 * 86_400_000, now)).toEqual({ value: -9, unit: 'day' });
  });

  it('shows uptime with one decimal, no data as null, and never rounds 99.96% up to 100%', () => {
    expect(formatShare(null)).toBeNull();
    expect(formatShare(1)).toBe('100.0%');
    expect(formatShare(0.9996)).toBe('99.9%');
    expect(formatShare(0.5)).toBe('50.0%');
  });

  it('reads the rule or action a timeline entry is about', () => {
    expect(eventSubject('paperOut: receipt paper out')).toEqual({ rule: 'paperOut', action: null });
    expect(eventSubject('coverOpen by 运维小周')).toEqual({ rule: 'coverOpen', action: null });
    expect(eventSubject('printTestPage: ok — printed')).toEqual({
      rule: null,
      action: 'printTestPage',
    });
    expect(eventSubject('heartbeat received')).toEqual({ rule: null, action: null });
    // entries recorded as codes
    const sent = { code: 'commandSent', action: 'readerSelfTest', by: '运维小周', delivered: true };
    expect(eventSubject(JSON.stringify(sent))).toEqual({ rule: null, action: 'readerSelfTest' });
    const acked = { code: 'alertAcknowledged', rule: 'paperOut', by: '运维小周' };
    expect(eventSubject(JSON.stringify(acked))).toEqual({ rule: 'paperOut', action: null });
    expect(eventSubject('{"code":"heartbeat"}')).toEqual({ rule: null, action: null });
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('已由 {name} 确认', { name: '运维小周' })).toBe('已由 运维小周 确认');
    expect(fill('{n} of {m}', { n: 2 })).toBe('2 of {m}');
  });
});
