import type { AlertRule } from '@onething/contract/sockets/fleet';
import { describe, expect, it } from 'vitest';
import { healthyHeartbeat, withPaper } from '../testing/heartbeat.ts';
import { AlertEngine, conditionsOf, DEFAULT_ALERT_POLICY, DEVICE_RULES } from './alert-rules.ts';

const policy = { ...DEFAULT_ALERT_POLICY, openAfterMs: 20_000, clearAfterMs: 30_000 };
const paperOut = () => conditionsOf(withPaper(healthyHeartbeat(), 'out'), 0, policy);
const fine = () => conditionsOf(healthyHeartbeat(), 0, policy);

describe('alert rules', () => {
  it('read each device fault from a heartbeat, and nothing from a healthy one', () => {
    expect([...fine().keys()]).toEqual([]);
    const hb = healthyHeartbeat({
      resources: { cpuLoad: 1, memoryUsedPercent: 50, diskFreePercent: 4 },
    });
    hb.devices.receiptPrinter.coverOpen = true;
    hb.devices.idCardReader.status = 'fault';
    const rules = [...conditionsOf(hb, 120_000, policy).keys()].sort();
    expect(rules).toEqual([
      'cardReaderFault',
      'clockSkew',
      'coverOpen',
      'diskLow',
    ] satisfies AlertRule[]);
  });

  it('open only after the condition has held, and resolve only after it has stayed clear', () => {
    const e = new AlertEngine(policy);
    expect(e.observe('T1', DEVICE_RULES, paperOut(), 0)).toEqual([]);
    const opened = e.observe('T1', DEVICE_RULES, paperOut(), 20_000);
    expect(opened).toMatchObject([{ kind: 'open', rule: 'paperOut' }]);
    e.markOpened('T1', 'paperOut', 'A1');
    expect(e.observe('T1', DEVICE_RULES, paperOut(), 25_000)).toEqual([]);
    expect(e.observe('T1', DEVICE_RULES, fine(), 30_000)).toEqual([]);
    expect(e.observe('T1', DEVICE_RULES, fine(), 59_000)).toEqual([]);
    expect(e.observe('T1', DEVICE_RULES, fine(), 60_000)).toMatchObject([
      { kind: 'resolve', alertId: 'A1' },
    ]);
  });

  it('damp flapping: a condition that keeps coming and going opens nothing, and keeps an open alert open', () => {
    const e = new AlertEngine(policy);
    for (let t = 0; t < 200_000; t += 10_000) {
      const out = e.observe('T2', DEVICE_RULES, (t / 10_000) % 2 ? paperOut() : fine(), t);
      expect(out).toEqual([]);
    }
    e.restoreOpen('T3', 'paperOut', 'A3', 0);
    for (let t = 0; t < 200_000; t += 10_000) {
      const out = e.observe('T3', DEVICE_RULES, (t / 10_000) % 2 ? paperOut() : fine(), t);
      expect(out.filter((o) => o.kind === 'resolve')).toEqual([]);
    }
  });
});
