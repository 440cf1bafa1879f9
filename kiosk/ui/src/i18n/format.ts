import type { Language } from '@onething/shared/events/kiosk';

// Government dates are Beijing time wherever the terminal's clock is set.
const TIME_ZONE = 'Asia/Shanghai';

export function formatDate(ms: number, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(ms);
}

export function formatDateTime(ms: number, lang: Language): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(ms);
}

/** "A、B、C" in Chinese, "A, B, C" in English. */
export function joinList(items: readonly string[], lang: Language): string {
  return items.join(lang === 'en' ? ', ' : '、');
}
