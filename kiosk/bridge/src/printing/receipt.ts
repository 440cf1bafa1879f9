import { type Align, EscPosBuilder, type QrErrorLevel } from './escpos/escpos-builder.ts';

export type ReceiptLine =
  string | { text: string; align?: Align; bold?: boolean; width?: number; height?: number };

/** A receipt as the application describes it; renderReceipt turns it into ESC/POS bytes. */
export interface ReceiptDocument {
  title: string;
  lines: ReceiptLine[];
  qr?: { data: string; caption?: string; moduleSize?: number; errorLevel?: QrErrorLevel };
  footer?: string[];
  /** Blank lines fed before the cut so the last line clears the cutter. Default 4. */
  feedBeforeCut?: number;
  cut?: 'full' | 'partial';
}

export function renderReceipt(doc: ReceiptDocument): Uint8Array {
  const b = new EscPosBuilder().init().chineseMode(true);
  b.align('center').bold(true).size(2, 2).line(doc.title).size(1, 1).bold(false).line();
  for (const line of doc.lines) {
    const l = typeof line === 'string' ? { text: line } : line;
    b.align(l.align ?? 'left')
      .bold(l.bold ?? false)
      .size(l.width ?? 1, l.height ?? 1)
      .line(l.text);
  }
  b.size(1, 1).bold(false);
  if (doc.qr) {
    b.align('center')
      .line()
      .qr(doc.qr.data, {
        moduleSize: doc.qr.moduleSize ?? 6,
        errorLevel: doc.qr.errorLevel ?? 'M',
      });
    if (doc.qr.caption) b.line(doc.qr.caption);
  }
  if (doc.footer?.length) {
    b.align('center').line();
    for (const text of doc.footer) b.line(text);
  }
  return b
    .align('left')
    .feed(doc.feedBeforeCut ?? 4)
    .cut(doc.cut === 'partial')
    .build();
}
