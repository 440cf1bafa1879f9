import { deviceDetailText } from '@onething/contract/sockets/device-detail';
import {
  type AlertReason,
  decodeAlertReason,
  decodeTimelineDetail,
} from '@onething/contract/sockets/fleet-detail';
import { type Lang, pick, type StringKey, strings } from '../i18n/strings.ts';
import { formatDateTime } from './Badges.tsx';
import { fill } from './fleet-store.ts';

const say = (lang: Lang, key: StringKey, values: Record<string, string | number> = {}) =>
  fill(pick(lang, strings[key]), values);

/** An alert's reason in the reader's language, with the device's own reason when it gave one. */
export function reasonText(r: AlertReason, lang: Lang): string {
  const withDevice = (key: StringKey, device: Parameters<typeof deviceDetailText>[0] | null) => {
    const words = say(lang, key);
    if (!device) return words;
    const why = deviceDetailText(device, lang);
    return lang === 'en' ? `${words} (${why})` : `${words}（${why}）`;
  };
  switch (r.code) {
    case 'paperNearEnd':
    case 'paperOut':
    case 'coverOpen':
      return say(lang, `honest_reason_${r.code}`);
    case 'printerFault':
      return withDevice(`honest_reason_${r.printer}PrinterFault`, r.device);
    case 'readerFault':
      return withDevice(
        r.status === 'absent' ? 'honest_reason_readerAbsent' : 'honest_reason_readerFault',
        r.device,
      );
    case 'diskLow':
      return say(lang, 'honest_reason_diskLow', { n: r.freePercent });
    case 'clockSkew':
      return say(lang, 'honest_reason_clockSkew', { n: r.seconds });
    case 'silent':
      return say(lang, 'honest_reason_silent', { n: r.seconds });
  }
}

/** An alert's recorded detail in words; one recorded before codes is said to be so, not shown. */
export function alertDetailText(detail: string, lang: Lang): string {
  const reason = decodeAlertReason(detail);
  return reason ? reasonText(reason, lang) : say(lang, 'honest_event_legacy');
}

/**
 * What a timeline entry adds to its kind and subject, in words; null when nothing (a resolved
 * alert says all with its rule). Entries recorded before codes are said to be so, not shown.
 */
export function timelineDetailText(detail: string, lang: Lang): string | null {
  const d = decodeTimelineDetail(detail);
  if (!d) return say(lang, 'honest_event_legacy');
  switch (d.code) {
    case 'heartbeat':
      return say(lang, 'honest_event_heartbeat');
    case 'silentSince':
      return say(lang, 'honest_event_silentSince', { time: formatDateTime(d.since, lang) });
    case 'alertOpened':
      return reasonText(d.reason, lang);
    case 'alertResolved':
      return null;
    case 'alertAcknowledged':
      return say(lang, 'honest_event_acknowledgedBy', { name: d.by });
    case 'commandSent':
      return say(lang, d.delivered ? 'honest_event_sentBy' : 'honest_event_sentByUndelivered', {
        name: d.by,
      });
  }
}
