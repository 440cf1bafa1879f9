import { DeviceDetailCode, deviceDetailText } from '@onething/contract/sockets/device-detail';
import { FleetCommandOutcome } from '@onething/contract/sockets/fleet';
import { type Lang, pick, strings } from '../i18n/strings.ts';

/** A command's outcome in the reader's language, with the device's reason when there is one. */
export function commandOutcomeText(
  outcome: FleetCommandOutcome,
  detailCode: DeviceDetailCode | null,
  lang: Lang,
): string {
  const words = pick(lang, strings[`fleet_outcome_${outcome}` as const]);
  if (!detailCode) return words;
  const reason = deviceDetailText(detailCode, lang);
  return lang === 'en' ? `${words} (${reason})` : `${words}（${reason}）`;
}

/**
 * The outcome a timeline entry of kind command.result records ("printTestPage: failed —
 * testPageFailed NOT_CONNECTED"). Entries recorded before outcomes were codes end in the
 * bridge's English; they read as `legacy`, their text never shown.
 */
export function recordedOutcome(detail: string): {
  outcome: FleetCommandOutcome;
  detailCode: DeviceDetailCode | null;
} {
  const m = /^[A-Za-z]+: (?:ok|failed) — ([A-Za-z]+)(?: ([A-Z][A-Z0-9_]+))?$/.exec(detail);
  const outcome = FleetCommandOutcome.safeParse(m?.[1]);
  if (!m || !outcome.success) return { outcome: 'legacy', detailCode: null };
  const code = DeviceDetailCode.safeParse(m[2]);
  return { outcome: outcome.data, detailCode: code.success ? code.data : null };
}

/** A command.result timeline entry's outcome in the reader's language. */
export function recordedOutcomeText(detail: string, lang: Lang): string {
  const { outcome, detailCode } = recordedOutcome(detail);
  return commandOutcomeText(outcome, detailCode, lang);
}
