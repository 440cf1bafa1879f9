import type { A4Document, ReceiptDocument } from '@onething/contract/sockets/bridge-local';
import type { BundleNotice, CaseView } from '@onething/contract/rest/kiosk';
import type { Language } from '@onething/contract/sockets/kiosk';
import { formatDueDate, formatDateTime, joinList } from '../i18n/format.ts';
import { pick, t } from '../i18n/strings.ts';

// Limits of the bridge's ReceiptDocument / A4Document schemas.
const RECEIPT_TITLE_MAX = 40;
const RECEIPT_LINE_MAX = 200;
const RECEIPT_LINES_MAX = 80;
const A4_TITLE_MAX = 60;
const A4_PARAGRAPH_MAX = 2000;
const A4_PARAGRAPHS_MAX = 60;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The 80 mm receipt for a submitted case: case number, what was applied for, each
 * department's items, and a QR code of the status-lookup URL. No personal data is printed:
 * the slip may be lost, and looking it up needs the ID number's last 4 characters.
 */
export function caseReceipt(view: CaseView, lang: Language, statusUrl: string): ReceiptDocument {
  const lines: ReceiptDocument['lines'] = [
    { text: t(lang, 'receiptDoc.bundle', { name: pick(lang, view.bundleName) }), bold: true },
    {
      text: t(lang, 'receiptDoc.case', { caseNumber: view.caseNumber }),
      bold: true,
      size: 'double',
    },
    { text: t(lang, 'receiptDoc.submitted', { time: formatDateTime(view.submittedAt, lang) }) },
  ];
  if (view.dueAt !== null) {
    lines.push({ text: t(lang, 'receiptDoc.due', { date: formatDueDate(view.dueAt, lang) }) });
  }
  for (const sub of view.subCases) {
    lines.push({
      text: t(lang, 'receiptDoc.department', {
        department: pick(lang, sub.department),
        items: joinList(
          sub.items.map((i) => pick(lang, i.name)),
          lang,
        ),
      }),
    });
  }
  lines.push({ text: t(lang, 'receiptDoc.scan'), align: 'center' });
  return {
    title: cut(t(lang, 'receiptDoc.title'), RECEIPT_TITLE_MAX),
    lines: lines
      .slice(0, RECEIPT_LINES_MAX)
      .map((l) => ({ ...l, text: cut(l.text, RECEIPT_LINE_MAX) })),
    qr: statusUrl,
    footer: t(lang, 'receiptDoc.footer'),
  };
}

/** A slip for an application parked in the bridge's outbox. */
export function queuedReceipt(reference: string, lang: Language): ReceiptDocument {
  return {
    title: cut(t(lang, 'queuedDoc.title'), RECEIPT_TITLE_MAX),
    lines: [
      { text: t(lang, 'queuedDoc.reference', { reference }), bold: true, size: 'double' },
      { text: t(lang, 'queuedDoc.note') },
    ],
  };
}

/** The reference shown for a queued application: short enough to read out at a window. */
export function queueReference(idempotencyKey: string): string {
  return idempotencyKey
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 10)
    .toUpperCase();
}

/** 一次告知 on A4: every item's conditions, limits and fees, the materials and the process. */
export function noticeDocument(
  notice: BundleNotice,
  lang: Language,
  largePrint: boolean,
): A4Document {
  const paragraphs: string[] = [];
  for (const item of notice.items) {
    const parts = [
      t(lang, 'noticeDoc.item', {
        name: pick(lang, item.name),
        department: pick(lang, item.department),
      }),
    ];
    if (item.appliesWhen)
      parts.push(`${t(lang, 'notice.appliesWhen')}: ${pick(lang, item.appliesWhen)}`);
    if (item.conditions.length) {
      parts.push(
        `${t(lang, 'notice.conditions')}: ${joinList(
          item.conditions.map((c) => pick(lang, c)),
          lang,
        )}`,
      );
    }
    parts.push(`${t(lang, 'notice.timeLimit')}: ${timeLimit(item, lang)}`);
    parts.push(`${t(lang, 'notice.fee')}: ${pick(lang, item.fee)}`);
    parts.push(`${t(lang, 'notice.result')}: ${pick(lang, item.result)}`);
    paragraphs.push(parts.join('\n'));
  }
  if (notice.materials.length) {
    const lines = notice.materials.map((m) => {
      const base = `· ${pick(lang, m.name)} (${t(lang, 'notice.materialCount', {
        form: t(lang, `material.${m.form}`),
        count: m.count,
      })})`;
      return m.licence
        ? `${base} ${t(lang, 'notice.licence', { name: pick(lang, m.licence) })}`
        : base;
    });
    paragraphs.push([t(lang, 'noticeDoc.materials'), ...lines].join('\n'));
  }
  if (notice.process.length) {
    paragraphs.push(
      [
        t(lang, 'noticeDoc.process'),
        ...notice.process.map((p, i) => `${i + 1}. ${pick(lang, p)}`),
      ].join('\n'),
    );
  }
  return {
    kind: 'notice',
    title: cut(t(lang, 'notice.title', { name: pick(lang, notice.bundle.name) }), A4_TITLE_MAX),
    paragraphs: paragraphs.slice(0, A4_PARAGRAPHS_MAX).map((p) => cut(p, A4_PARAGRAPH_MAX)),
    issuer: cut(pick(lang, notice.bundle.leadDepartment), A4_TITLE_MAX),
    largePrint,
  };
}

export function timeLimit(
  item: { promisedDays: number | null; statutoryDays: number | null },
  lang: Language,
): string {
  const parts: string[] = [];
  if (item.promisedDays !== null) {
    parts.push(
      item.promisedDays === 0
        ? t(lang, 'notice.onTheSpot')
        : t(lang, 'notice.promisedDays', { days: item.promisedDays }),
    );
  }
  if (item.statutoryDays !== null && item.statutoryDays > 0) {
    parts.push(t(lang, 'notice.statutoryDays', { days: item.statutoryDays }));
  }
  return parts.length ? parts.join(lang === 'en' ? '; ' : '；') : t(lang, 'notice.noLimit');
}
