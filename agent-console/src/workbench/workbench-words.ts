import type { SubCaseStatus } from '@onething/contract/rest/kiosk';
import type { WorkbenchAction } from '@onething/contract/rest/workbench';
import { type Lang, pick, type StringKey, strings } from '../i18n/strings.ts';

/**
 * Words and dates of the workbench, pure so they are tested in node. Due dates are the end of
 * a working day in China Standard Time (24:00), shown as that day wherever the console runs.
 */

export const STATUS_KEY: Record<SubCaseStatus, StringKey> = {
  received: 'bench_status_received',
  in_review: 'bench_status_in_review',
  more_material: 'bench_status_more_material',
  approved: 'bench_status_approved',
  rejected: 'bench_status_rejected',
  done: 'bench_status_done',
};

export const ACTION_KEY: Record<WorkbenchAction, StringKey> = {
  accept: 'bench_action_accept',
  requestMaterial: 'bench_action_requestMaterial',
  complete: 'bench_action_complete',
  reject: 'bench_action_reject',
};

/** The free-text reason every action takes (the server knows it by this code). */
export const OTHER_REASON = 'other';

const locale = (lang: Lang) => (lang === 'zh-CN' ? 'zh-CN' : 'en-GB');

/** The working day a due moment closes (24:00 CST is the next day's 00:00). */
export function dueDay(dueAt: number, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
  }).format(dueAt - 1);
}

export function dateTime(at: number, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(at);
}

/** "{n} overdue", with the singular in English. */
export function overdueCount(n: number, lang: Lang): string {
  const key = n === 1 ? 'bench_count_overdue_one' : 'bench_count_overdue';
  return pick(lang, strings[key]).replace('{n}', String(n));
}

/** A reason code of the timeline in words: the item's list, the console's own, or the code. */
export function reasonText(
  code: string,
  reasons: Readonly<Record<string, { zh: string; en: string }>>,
  lang: Lang,
): string {
  if (code === OTHER_REASON) return pick(lang, strings.bench_reason_other);
  if (code === 'materialSupplied') return pick(lang, strings.bench_reason_materialSupplied);
  const found = reasons[code];
  return found ? pick(lang, found) : code;
}

const SOURCE_KEY: Record<string, StringKey> = {
  idCard: 'bench_source_idCard',
  householdRegistry: 'bench_source_householdRegistry',
  marriageRegistry: 'bench_source_marriageRegistry',
  socialSecurity: 'bench_source_socialSecurity',
  propertyRegistry: 'bench_source_propertyRegistry',
  licenceLibrary: 'bench_source_licenceLibrary',
  marketRegulation: 'bench_source_marketRegulation',
};

/** A shared-data source in words (an unknown one by its code). */
export function sourceText(source: string, lang: Lang): string {
  const key = SOURCE_KEY[source];
  return key ? pick(lang, strings[key]) : source;
}

/** The colon after a label: full-width in Chinese. */
export function colon(lang: Lang): string {
  return lang === 'zh-CN' ? '：' : ': ';
}
