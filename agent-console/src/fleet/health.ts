import type { DeviceStatus } from '@onething/contract/sockets/bridge-local';
import type {
  AlertRule,
  AlertView,
  FleetAction,
  TerminalHealth,
  TerminalSummary,
} from '@onething/contract/sockets/fleet';
import type { StringKey } from '../i18n/strings.ts';

/**
 * Words and icons for every state the dashboard shows. Colour is never the only signal: each
 * state has a word and a distinct shape, so it reads in greyscale and to a screen reader.
 */
export const HEALTH: Record<TerminalHealth, { label: StringKey; icon: string }> = {
  ok: { label: 'fleet_health_ok', icon: '✔' },
  warning: { label: 'fleet_health_warning', icon: '▲' },
  critical: { label: 'fleet_health_critical', icon: '✖' },
  offline: { label: 'fleet_health_offline', icon: '⊘' },
  maintenance: { label: 'fleet_health_maintenance', icon: '⚙' },
};

export const RULE_LABEL: Record<AlertRule, StringKey> = {
  offline: 'fleet_rule_offline',
  paperNearEnd: 'fleet_rule_paperNearEnd',
  paperOut: 'fleet_rule_paperOut',
  coverOpen: 'fleet_rule_coverOpen',
  printerError: 'fleet_rule_printerError',
  cardReaderFault: 'fleet_rule_cardReaderFault',
  diskLow: 'fleet_rule_diskLow',
  clockSkew: 'fleet_rule_clockSkew',
};

export const SEVERITY: Record<AlertView['severity'], { label: StringKey; icon: string }> = {
  warning: { label: 'fleet_sev_warning', icon: '▲' },
  critical: { label: 'fleet_sev_critical', icon: '✖' },
};

/** A fault as the summary lists it (an alert rule), or null for one this console does not know. */
export function ruleLabel(rule: string): StringKey | null {
  return (RULE_LABEL as Record<string, StringKey | undefined>)[rule] ?? null;
}

export const PAPER: Record<
  TerminalSummary['paper'],
  { label: StringKey; icon: string; tone: TerminalHealth }
> = {
  ok: { label: 'fleet_paper_ok', icon: '✔', tone: 'ok' },
  near_end: { label: 'fleet_paper_near_end', icon: '▲', tone: 'warning' },
  out: { label: 'fleet_paper_out', icon: '✖', tone: 'critical' },
  unknown: { label: 'fleet_paper_unknown', icon: '?', tone: 'offline' },
};

/** Device status from a heartbeat, drawn with the same shapes as terminal health. */
export const DEVICE_STATUS: Record<
  DeviceStatus,
  { label: StringKey; icon: string; tone: TerminalHealth }
> = {
  ok: { label: 'fleet_ds_ok', icon: '✔', tone: 'ok' },
  warning: { label: 'fleet_ds_warning', icon: '▲', tone: 'warning' },
  fault: { label: 'fleet_ds_fault', icon: '✖', tone: 'critical' },
  absent: { label: 'fleet_ds_absent', icon: '⊘', tone: 'offline' },
  unknown: { label: 'fleet_ds_unknown', icon: '?', tone: 'offline' },
};

export const ACTION_LABEL: Record<FleetAction, StringKey> = {
  maintenanceOn: 'fleet_act_maintenanceOn',
  maintenanceOff: 'fleet_act_maintenanceOff',
  reloadUi: 'fleet_act_reloadUi',
  restartBridge: 'fleet_act_restartBridge',
  printTestPage: 'fleet_act_printTestPage',
  readerSelfTest: 'fleet_act_readerSelfTest',
};

/** Timeline entry kinds as the server records them. */
export const EVENT_LABEL: Record<string, StringKey> = {
  online: 'fleet_ev_online',
  offline: 'fleet_ev_offline',
  'alert.open': 'fleet_ev_alertOpen',
  'alert.resolve': 'fleet_ev_alertResolve',
  'alert.acknowledge': 'fleet_ev_alertAck',
  command: 'fleet_ev_command',
  'command.result': 'fleet_ev_commandResult',
};
