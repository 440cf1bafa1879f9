import type { Language } from '@onething/contract/sockets/kiosk';

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

/**
 * A due date: the server's due moment is the end (24:00 CST) of the last working day, which is
 * 00:00 of the next; the citizen is told the working day itself.
 */
export function formatDueDate(dueAt: number, lang: Language): string {
  return formatDate(dueAt - 1, lang);
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

/**
 * A field's error in words that name the field once: the server's message may already start
 * with the label ("申请人手机号码：请填写11位手机号码"), and then it is said as it is.
 */
export function fieldErrorText(
  label: string,
  message: string,
  translate: (key: 'form.errorItem', params: Record<string, string>) => string,
): string {
  return message.startsWith(label) ? message : translate('form.errorItem', { label, message });
}
