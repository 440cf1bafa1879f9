import type { TerminalHealth } from '@onething/contract/sockets/fleet';
import { useT } from '../i18n/i18n.tsx';
import type { Lang, StringKey } from '../i18n/strings.ts';
import { relativeParts } from './fleet-store.ts';
import { HEALTH } from './health.ts';

/** A state as shape + word on a tinted background; the colour only repeats what the word says. */
export function ToneBadge({
  tone,
  icon,
  label,
}: {
  tone: TerminalHealth;
  icon: string;
  label: StringKey;
}) {
  const { t } = useT();
  return (
    <span class={`fleet-badge fleet-tone-${tone}`}>
      <span class="fleet-icon" aria-hidden="true">
        {icon}
      </span>
      {t(label)}
    </span>
  );
}

export function HealthBadge({ health }: { health: TerminalHealth }) {
  const h = HEALTH[health];
  return <ToneBadge tone={health} icon={h.icon} label={h.label} />;
}

const locale = (lang: Lang) => (lang === 'zh-CN' ? 'zh-CN' : 'en-GB');

export function formatDateTime(at: number, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'short', timeStyle: 'medium' }).format(
    at,
  );
}

/** An absolute time, machine-readable for assistive tech. */
export function DateTime({ at }: { at: number }) {
  const { lang } = useT();
  return <time dateTime={new Date(at).toISOString()}>{formatDateTime(at, lang)}</time>;
}

/** "3 minutes ago", with the exact time on hover and for assistive tech. */
export function TimeAgo({ at, now }: { at: number | null; now: number }) {
  const { t, lang } = useT();
  if (at === null) return <span>{t('fleet_never')}</span>;
  const { value, unit } = relativeParts(Math.min(at, now), now);
  const text = new Intl.RelativeTimeFormat(locale(lang), { numeric: 'auto' }).format(value, unit);
  return (
    <time dateTime={new Date(at).toISOString()} title={formatDateTime(at, lang)}>
      {text}
    </time>
  );
}
