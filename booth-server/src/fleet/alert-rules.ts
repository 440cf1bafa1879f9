import type { AlertRule, Heartbeat } from '@onething/contract/sockets/fleet';

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

/** Which device conditions a heartbeat shows, with a short reason each (no personal data). */
export function conditionsOf(
  hb: Heartbeat,
  skewMs: number,
  policy: AlertPolicy,
): Map<AlertRule, string> {
  const c = new Map<AlertRule, string>();
  const rp = hb.devices.receiptPrinter;
  if (rp.paper === 'near_end') c.set('paperNearEnd', 'receipt paper near end');
  if (rp.paper === 'out') c.set('paperOut', 'receipt paper out');
  if (rp.coverOpen) c.set('coverOpen', 'receipt printer cover open');
  if (rp.status === 'fault') c.set('printerError', `receipt printer: ${rp.detail ?? 'fault'}`);
  else if (hb.devices.a4Printer.status === 'fault')
    c.set('printerError', `A4 printer: ${hb.devices.a4Printer.detail ?? 'fault'}`);
  const reader = hb.devices.idCardReader;
  if (reader.status === 'fault' || reader.status === 'absent') {
    c.set(
      'cardReaderFault',
      `ID card reader ${reader.status}${reader.detail ? `: ${reader.detail}` : ''}`,
    );
  }
  if (hb.resources.diskFreePercent < policy.diskLowPercent) {
    c.set('diskLow', `disk ${hb.resources.diskFreePercent.toFixed(0)}% free`);
  }
  if (Math.abs(skewMs) > policy.maxClockSkewMs)
    c.set('clockSkew', `clock off by ${Math.round(skewMs / 1000)} s`);
  return c;
}

interface RuleState {
  trueSince: number | null;
  clearSince: number | null;
  openAlertId: string | null;
}

export type AlertTransition =
  | { kind: 'open'; terminalId: string; rule: AlertRule; detail: string; at: number }
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
    present: Map<AlertRule, string>,
    now: number,
  ): AlertTransition[] {
    const out: AlertTransition[] = [];
    for (const rule of rules) {
      const s = this.#get(terminalId, rule);
      const detail = present.get(rule);
      if (detail !== undefined) {
        s.clearSince = null;
        s.trueSince ??= now;
        if (!s.openAlertId && now - s.trueSince >= this.#policy.openAfterMs) {
          // Reserve the slot now; the caller records the id with markOpened.
          s.openAlertId = 'pending';
          out.push({ kind: 'open', terminalId, rule, detail, at: now });
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
