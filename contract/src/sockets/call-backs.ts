import { z } from 'zod';
import { MobileNumber } from '../privacy/phone.ts';
import { Text } from '../rest/kiosk.ts';
import { plainText } from '../text.ts';

const Id = z.string().min(1).max(128);

/**
 * Whether video help can answer now. `open` follows the configured service hours; `agentsOnline`
 * counts agents of the errand's queue who are signed in and not on a break. When either is
 * false the kiosk says so and offers a call-back and the hotline instead of a queue.
 */
export const HelpAvailability = z.object({
  open: z.boolean(),
  agentsOnline: z.number().int().nonnegative(),
  /** The next opening (epoch ms) when closed now; null when open or never. */
  nextOpenAt: z.number().nullable(),
  /** The 政务服务便民热线 to name on screen (12345 unless configured). */
  hotline: z.string(),
});
export type HelpAvailability = z.infer<typeof HelpAvailability>;

export const CALL_BACK_STATES = ['waiting', 'claimed', 'done', 'unreachable'] as const;
export const CallBackState = z.enum(CALL_BACK_STATES);
export type CallBackState = z.infer<typeof CallBackState>;

/** A call-back as the agent's seat lists it: the number masked until an audited reveal. */
export const CallBackView = z.object({
  id: z.string(),
  queueId: z.string(),
  departmentName: Text,
  bundleName: Text.nullable(),
  terminal: z.object({ id: z.string(), site: z.string() }),
  language: z.string(),
  phoneMasked: z.string(),
  state: CallBackState,
  createdAt: z.number(),
  /** Whether the asking agent is the one working it. */
  mine: z.boolean(),
});
export type CallBackView = z.infer<typeof CallBackView>;

/** The kiosk's requests, spread into KioskBoothRequests. */
export const kioskCallBackRequests = {
  'help:availability': {
    request: z.object({
      department: z.string().max(16).optional(),
      bundleCode: z.string().max(64).optional(),
    }),
    response: HelpAvailability,
  },
  /** Books a call-back: its own kind of ticket in the agents' queue of the errand's department. */
  'help:callBack': {
    request: z.object({
      phone: MobileNumber,
      department: z.string().max(16).optional(),
      bundleCode: z.string().max(64).optional(),
      language: z.enum(['zh-CN', 'en']),
    }),
    response: z.object({ callBackId: z.string(), phoneMasked: z.string() }),
  },
} as const;

/** The agent's requests, spread into AgentBoothRequests. */
export const agentCallBackRequests = {
  /** Waiting call-backs of the agent's queues and the ones they are working. */
  'callBack:list': {
    request: z.object({}).strict(),
    response: z.object({ callBacks: z.array(CallBackView) }),
  },
  /** Takes a waiting call-back so no other agent calls the same citizen. */
  'callBack:claim': { request: z.object({ id: Id }), response: CallBackView },
  /** The full number, for the agent working it; audited with the reason. */
  'callBack:reveal': {
    request: z.object({ id: Id, reason: z.string().trim().min(2).max(200) }),
    response: z.object({ phone: z.string() }),
  },
  'callBack:finish': {
    request: z.object({
      id: Id,
      outcome: z.enum(['done', 'unreachable']),
      note: plainText(z.string().max(500), { multiline: true }).default(''),
    }),
    response: CallBackView,
  },
} as const;
