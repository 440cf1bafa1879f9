import { z } from 'zod';
import { DeviceDetailCode } from './device-detail.ts';
import { AlertRule, FleetAction } from './fleet.ts';

/**
 * Why an alert is open, as a code and numbers the console words in zh-CN and English; the server
 * once wrote English here ("receipt paper out"). Carried as JSON in AlertView.detail.
 */
export const AlertReason = z.discriminatedUnion('code', [
  z.object({ code: z.literal('paperNearEnd') }),
  z.object({ code: z.literal('paperOut') }),
  z.object({ code: z.literal('coverOpen') }),
  z.object({
    code: z.literal('printerFault'),
    printer: z.enum(['receipt', 'a4']),
    device: DeviceDetailCode.nullable(),
  }),
  z.object({
    code: z.literal('readerFault'),
    status: z.enum(['fault', 'absent']),
    device: DeviceDetailCode.nullable(),
  }),
  z.object({ code: z.literal('diskLow'), freePercent: z.number() }),
  z.object({ code: z.literal('clockSkew'), seconds: z.number() }),
  z.object({ code: z.literal('silent'), seconds: z.number() }),
]);
export type AlertReason = z.infer<typeof AlertReason>;

/**
 * What a timeline entry records besides its kind, as codes and parameters (a staff member's
 * display name is a parameter, never part of a sentence). Carried as JSON in the entry's detail;
 * command.result entries keep their own code line (see the console's command-outcome.ts).
 */
export const TimelineDetail = z.discriminatedUnion('code', [
  z.object({ code: z.literal('heartbeat') }),
  z.object({ code: z.literal('silentSince'), since: z.number() }),
  z.object({ code: z.literal('alertOpened'), rule: AlertRule, reason: AlertReason }),
  z.object({ code: z.literal('alertResolved'), rule: AlertRule }),
  z.object({ code: z.literal('alertAcknowledged'), rule: AlertRule, by: z.string() }),
  z.object({
    code: z.literal('commandSent'),
    action: FleetAction,
    by: z.string(),
    delivered: z.boolean(),
  }),
]);
export type TimelineDetail = z.infer<typeof TimelineDetail>;

export const encodeAlertReason = (r: AlertReason): string => JSON.stringify(r);
export const encodeTimelineDetail = (d: TimelineDetail): string => JSON.stringify(d);

/** The reason an alert's detail records; null for details written before codes (English). */
export function decodeAlertReason(detail: string): AlertReason | null {
  return decodeWith(AlertReason, detail);
}

/** What a timeline entry's detail records; null for entries written before codes. */
export function decodeTimelineDetail(detail: string): TimelineDetail | null {
  return decodeWith(TimelineDetail, detail);
}

function decodeWith<T>(schema: z.ZodType<T>, detail: string): T | null {
  let value: unknown;
  try {
    value = JSON.parse(detail);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
