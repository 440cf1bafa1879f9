import type { ComponentChildren } from 'preact';
import type { StringKey } from '../i18n/strings.ts';
import { useT } from './context.ts';
import { Icon, type IconName } from './Icon.tsx';

export type Tone = 'error' | 'warning' | 'info' | 'success' | 'pending';

const TONE: Record<Tone, { icon: IconName; word: StringKey }> = {
  error: { icon: 'warning', word: 'icon.error' },
  warning: { icon: 'warning', word: 'icon.warning' },
  info: { icon: 'info', word: 'icon.info' },
  success: { icon: 'check', word: 'icon.success' },
  pending: { icon: 'clock', word: 'icon.pending' },
};

/** A message with its kind in an icon and in a word, not only in colour. */
export function Message({
  tone,
  children,
  id,
}: {
  tone: Tone;
  children: ComponentChildren;
  id?: string;
}) {
  const t = useT();
  const { icon, word } = TONE[tone];
  return (
    <div class={`message message-${tone}`} id={id}>
      <Icon name={icon} size="1.4em" />
      <div class="message-body">
        <span class="message-word">{t('message.prefix', { word: t(word) })}</span>
        {children}
      </div>
    </div>
  );
}
