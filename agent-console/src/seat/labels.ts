import type { AgentStateName, RemoteActionKind } from '@onething/contract/sockets/booth';
import type { StringKey } from '../i18n/strings.ts';

/**
 * Words and icons for what the seat and the supervisor dashboard show. Each agent state has a
 * word and its own shape; the tone (colour) only repeats them.
 */
export type Tone = 'ok' | 'busy' | 'attention' | 'pause' | 'off';

export const AGENT_STATE: Record<AgentStateName, { label: StringKey; icon: string; tone: Tone }> = {
  available: { label: 'seat_state_available', icon: '✔', tone: 'ok' },
  offered: { label: 'seat_state_offered', icon: '☎', tone: 'attention' },
  on_call: { label: 'seat_state_on_call', icon: '◉', tone: 'busy' },
  wrap_up: { label: 'seat_state_wrap_up', icon: '✎', tone: 'busy' },
  break: { label: 'seat_state_break', icon: '❚❚', tone: 'pause' },
  offline: { label: 'seat_state_offline', icon: '⊘', tone: 'off' },
};

/** The order states are listed in (the supervisor's table and counts). */
export const AGENT_STATES: readonly AgentStateName[] = [
  'available',
  'offered',
  'on_call',
  'wrap_up',
  'break',
  'offline',
];

export const PRIORITY: Record<string, StringKey> = {
  normal: 'seat_prio_normal',
  repeat: 'seat_prio_repeat',
  elderly: 'seat_prio_elderly',
  disabled: 'seat_prio_disabled',
};

export const ACTION_LABEL: Record<RemoteActionKind, StringKey> = {
  readIdCard: 'seat_act_readIdCard',
  showForm: 'seat_act_showForm',
  captureDocument: 'seat_act_captureDocument',
  print: 'seat_act_print',
  acceptCase: 'seat_act_acceptCase',
};

/** Departments a call can be transferred to (the demo catalogue's agencies with agents). */
export const TRANSFER_DEPARTMENTS = [
  'PSB',
  'CIVIL',
  'HRSS',
  'HEALTH',
  'NATRES',
  'AMR',
  'TAX',
  'MEDSEC',
  'HPF',
  'EDU',
  'DPF',
] as const;

export const DEPARTMENT_LABEL: Record<(typeof TRANSFER_DEPARTMENTS)[number], StringKey> = {
  PSB: 'seat_dept_PSB',
  CIVIL: 'seat_dept_CIVIL',
  HRSS: 'seat_dept_HRSS',
  HEALTH: 'seat_dept_HEALTH',
  NATRES: 'seat_dept_NATRES',
  AMR: 'seat_dept_AMR',
  TAX: 'seat_dept_TAX',
  MEDSEC: 'seat_dept_MEDSEC',
  HPF: 'seat_dept_HPF',
  EDU: 'seat_dept_EDU',
  DPF: 'seat_dept_DPF',
};

export const DISPOSITIONS = [
  'resolved',
  'caseAccepted',
  'referred',
  'citizenLeft',
  'technicalIssue',
  'other',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const DISPOSITION_LABEL: Record<Disposition, StringKey> = {
  resolved: 'seat_disp_resolved',
  caseAccepted: 'seat_disp_caseAccepted',
  referred: 'seat_disp_referred',
  citizenLeft: 'seat_disp_citizenLeft',
  technicalIssue: 'seat_disp_technicalIssue',
  other: 'seat_disp_other',
};

/** How a call ended, as the server names it (routing engine and transfers). */
export const ENDED_BY: Record<string, StringKey> = {
  agent: 'seat_ended_agent',
  citizen: 'seat_ended_citizen',
  kioskLost: 'seat_ended_kioskLost',
  transfer: 'seat_ended_transfer',
  agentLost: 'seat_ended_agentLost',
};

/** Kiosk screens the citizen can be on while talking to the agent (draft.step). */
export const STEP_LABEL: Record<string, StringKey> = {
  help: 'seat_step_help',
  call: 'seat_step_call',
  welcome: 'seat_step_welcome',
  identify: 'seat_step_identify',
  chooseBundle: 'seat_step_chooseBundle',
  notice: 'seat_step_notice',
  chooseItems: 'seat_step_chooseItems',
  form: 'seat_step_form',
  materials: 'seat_step_materials',
  review: 'seat_step_review',
  receipt: 'seat_step_receipt',
};
