import type { AlertRule, Heartbeat } from '@onething/contract/sockets/fleet';
import type { AlertReason } from '@onething/contract/sockets/fleet-detail';

export interface AlertPolicy {
  /** No heartbeat for this long means offline. */
  offlineAfterMs: number;
  /** A condition must hold this long before an alert opens (damps flapping). */
  openAfterMs: number;
  /** And be clear this long before the alert resolves itself. */
  clearAfterMs: number;
  diskLowPercent: number;
  maxClockSkewMs: number;
}

export const DEFAULT_ALERT_POLICY: AlertPolicy = {
  offlineAfterMs: 60_000,
  openAfterMs: 20_000,
  clearAfterMs: 30_000,
  diskLowPercent: 10,
  maxClockSkewMs: 60_000,
};

export const SEVERITY: Record<AlertRule, 'warning' | 'critical'> = {
  offline: 'critical',
  paperNearEnd: 'warning',
  paperOut: 'critical',
  coverOpen: 'critical',
  printerError: 'critical',
  cardReaderFault: 'critical',
  diskLow: 'warning',
  clockSkew: 'warning',
};

/** Which device conditions a heartbeat shows, each with its reason as codes (no personal data). */
export function conditionsOf(
  hb: Heartbeat,
  skewMs: number,
  policy: AlertPolicy,
): Map<AlertRule, AlertReason> {
  const c = new Map<AlertRule, AlertReason>();
  const set = (rule: AlertRule, reason: AlertReason) => c.set(rule, reason);
  const rp = hb.devices.receiptPrinter;
  if (rp.paper === 'near_end') set('paperNearEnd', { code: 'paperNearEnd' });
  if (rp.paper === 'out') set('paperOut', { code: 'paperOut' });
  if (rp.coverOpen) set('coverOpen', { code: 'coverOpen' });
  const a4 = hb.devices.a4Printer;
  if (rp.status === 'fault') {
    set('printerError', { code: 'printerFault', printer: 'receipt', device: rp.detail ?? null });
  } else if (a4.status === 'fault') {
    set('printerError', { code: 'printerFault', printer: 'a4', device: a4.detail ?? null });
  }
  const reader = hb.devices.idCardReader;
  if (reader.status === 'fault' || reader.status === 'absent') {
    set('cardReaderFault', {
      code: 'readerFault',
      status: reader.status,
      device: reader.detail ?? null,
    });
  }
  if (hb.resources.diskFreePercent < policy.diskLowPercent) {
    set('diskLow', { code: 'diskLow', freePercent: Math.round(hb.resources.diskFreePercent) });
  }
  if (Math.abs(skewMs) > policy.maxClockSkewMs)
    set('clockSkew', { code: 'clockSkew', seconds: Math.round(skewMs / 1000) });
  return c;
}

interface RuleState {
  trueSince: number | null;
  clearSince: number | null;
  openAlertId: string | null;
}

export type AlertTransition =
  | { kind: 'open'; terminalId: string; rule: AlertRule; reason: AlertReason; at: number }
  | { kind: 'resolve'; terminalId: string; rule: AlertRule; alertId: string; at: number };

/**
 * Per terminal and rule: opens an alert once a condition has held for `openAfterMs`, resolves it
 * once the condition has been clear for `clearAfterMs`. Pure and clock-driven, so tests run it
 * on fake time.
 */
export class AlertEngine {
  readonly #policy: AlertPolicy;
  readonly #state = new Map<string, RuleState>();

  constructor(policy: AlertPolicy) {
    this.#policy = policy;
  }

  /** Restores an alert that is open in storage, so it resolves when its condition clears. */
  restoreOpen(terminalId: string, rule: AlertRule, alertId: string, openedAt: number): void {
    this.#state.set(`${terminalId}|${rule}`, {
      trueSince: openedAt,
      clearSince: null,
      openAlertId: alertId,
    });
  }

  markOpened(terminalId: string, rule: AlertRule, alertId: string): void {
    const s = this.#get(terminalId, rule);
    s.openAlertId = alertId;
  }

  /**
   * Feeds the conditions seen now for the rules in `rules`; rules not in `present` are clear.
   * Returns the alerts to open and resolve.
   */
  observe(
    terminalId: string,
    rules: readonly AlertRule[],
    present: Map<AlertRule, AlertReason>,
    now: number,
  ): AlertTransition[] {
    const out: AlertTransition[] = [];
    for (const rule of rules) {
      const s = this.#get(terminalId, rule);
      const reason = present.get(rule);
      if (reason !== undefined) {
        s.clearSince = null;
        s.trueSince ??= now;
        if (!s.openAlertId && now - s.trueSince >= this.#policy.openAfterMs) {
          // Reserve the slot now; the caller records the id with markOpened.
          s.openAlertId = 'pending';
          out.push({ kind: 'open', terminalId, rule, reason, at: now });
        }
      } else {
        if (!s.openAlertId) {
          s.trueSince = null;
          continue;
        }
        s.clearSince ??= now;
        if (now - s.clearSince >= this.#policy.clearAfterMs && s.openAlertId !== 'pending') {
          out.push({ kind: 'resolve', terminalId, rule, alertId: s.openAlertId, at: now });
          s.openAlertId = null;
          s.trueSince = null;
          s.clearSince = null;
        }
      }
    }
    return out;
  }

  #get(terminalId: string, rule: AlertRule): RuleState {
    const key = `${terminalId}|${rule}`;
    let s = this.#state.get(key);
    if (!s) {
      s = { trueSince: null, clearSince: null, openAlertId: null };
      this.#state.set(key, s);
    }
    return s;
  }
}

export const DEVICE_RULES: readonly AlertRule[] = [
  'paperNearEnd',
  'paperOut',
  'coverOpen',
  'printerError',
  'cardReaderFault',
  'diskLow',
  'clockSkew',
];
