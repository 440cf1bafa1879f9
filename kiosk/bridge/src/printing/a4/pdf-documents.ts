import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { ReceiptDocument } from '../receipt.ts';
import { A4Error } from './a4-error.ts';
import { CJK_FONT_CANDIDATES, type CjkFont, findCjkFont } from './cjk-font.ts';

/** An A4 certificate such as 无犯罪记录证明. */
export interface CertificateDocument {
  title: string;
  /** 证明编号 */
  serialNumber: string;
  /** Body paragraphs; each first line is indented two characters, as in official documents. */
  paragraphs: string[];
  fields?: { label: string; value: string }[];
  issuer: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  /** Encoded as a QR code for verification, with this caption. */
  verify?: { url: string; caption: string };
}

export interface PdfOptions {
  /** Defaults to the first installed CJK font (see findCjkFont). */
  font?: CjkFont;
  /** Fixed creation date for reproducible output. */
  creationDate?: Date;
}

const MM = 72 / 25.4;
const REGULAR = 'cjk';
const BOLD = 'cjk-bold';

function resolveFont(options: PdfOptions): CjkFont {
  const font = options.font ?? findCjkFont();
  if (!font) {
    throw new A4Error(
      'FONT_MISSING',
      `No CJK font found (looked for ${CJK_FONT_CANDIDATES.map((c) => c.regular.path).join(', ')}); install fonts-noto-cjk or set KIOSK_CJK_FONT`,
    );
  }
  return font;
}

function newDocument(
  size: [number, number],
  margin: number,
  font: CjkFont,
  options: PdfOptions,
  title: string,
) {
  const doc = new PDFDocument({
    size,
    margin,
    info: {
      Title: title,
      Producer: 'onething kiosk',
      CreationDate: options.creationDate ?? new Date(),
    },
  });
  try {
    doc.registerFont(REGULAR, font.regular.path, font.regular.postscriptName);
    doc.registerFont(BOLD, font.bold.path, font.bold.postscriptName);
    doc.font(REGULAR);
  } catch (error) {
    throw new A4Error(
      'FONT_MISSING',
      `Cannot load CJK font ${font.regular.path}`,
      { path: font.regular.path },
      error,
    );
  }
  return doc;
}

function finish(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', (e: Error) => reject(new A4Error('RENDER_FAILED', e.message, {}, e)));
    doc.end();
  });
}

/** Draws a QR code as vector squares (crisp at any printer resolution). */
function drawQr(doc: PDFKit.PDFDocument, data: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const cell = size / (n + 2 * quiet);
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (col - start) * cell, cell);
    }
  }
  doc.fill('black');
}

function chineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m)
    throw new A4Error('RENDER_FAILED', `issuedOn must be YYYY-MM-DD, got ${iso}`, {
      field: 'issuedOn',
    });
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

export async function renderCertificatePdf(
  cert: CertificateDocument,
  options: PdfOptions = {},
): Promise<Buffer> {
  const font = resolveFont(options);
  const date = chineseDate(cert.issuedOn);
  const margin = 25 * MM;
  const doc = newDocument([595.28, 841.89], margin, font, options, cert.title);
  const width = doc.page.width - 2 * margin;
  try {
    doc.font(REGULAR).fontSize(10).text(`编号：${cert.serialNumber}`, { align: 'right' });
    doc.moveDown(2);
    doc.font(BOLD).fontSize(24).text(cert.title, { align: 'center', characterSpacing: 4 });
    doc.moveDown(1.5);
    doc.font(REGULAR).fontSize(14);
    for (const paragraph of cert.paragraphs) {
      doc.text(paragraph, { width, lineGap: 6, align: 'justify', indent: 28 });
      doc.moveDown(0.6);
    }
    if (cert.fields?.length) {
      doc.moveDown(0.5);
      for (const { label, value } of cert.fields) {
        doc
          .font(BOLD)
          .text(`${label}：`, { continued: true })
          .font(REGULAR)
          .text(value, { lineGap: 4 });
      }
    }
    // Footer inside the bottom margin line: pdfkit starts a new page for text that crosses it.
    const bottom = doc.page.height - margin;
    doc.font(REGULAR).fontSize(14);
    doc.text(cert.issuer, margin, bottom - 72, { width, align: 'right' });
    doc.text(date, margin, bottom - 48, { width, align: 'right' });
    if (cert.verify) {
      const size = 30 * MM;
      drawQr(doc, cert.verify.url, margin, bottom - 18 - size, size);
      doc
        .fontSize(9)
        .text(cert.verify.caption, margin, bottom - 16, { width: size, align: 'center' });
    }
  } catch (error) {
    if (error instanceof A4Error) throw error;
    throw new A4Error('RENDER_FAILED', (error as Error).message, {}, error);
  }
  return finish(doc);
}

/** The receipt as an 80 mm wide PDF, the same content renderReceipt sends to a thermal printer. */
export async function renderReceiptPdf(
  receipt: ReceiptDocument,
  options: PdfOptions = {},
): Promise<Buffer> {
  const font = resolveFont(options);
  const pageWidth = 80 * MM;
  const margin = 4 * MM;
  const width = pageWidth - 2 * margin;
  const qrSize = 40 * MM;
  // Measure first so the page is exactly as long as the receipt.
  const measure = newDocument([pageWidth, 1000], margin, font, options, receipt.title);
  const lines = receipt.lines.map((l) => (typeof l === 'string' ? { text: l } : l));
  let height = margin * 2;
  height += measure.font(BOLD).fontSize(16).heightOfString(receipt.title, { width }) + 8;
  for (const line of lines) {
    height +=
      measure
        .font(line.bold ? BOLD : REGULAR)
        .fontSize(10 * (line.height ?? 1))
        .heightOfString(line.text || ' ', { width }) + 2;
  }
  if (receipt.qr) height += qrSize + (receipt.qr.caption ? 16 : 4);
  for (const text of receipt.footer ?? [])
    height += measure.font(REGULAR).fontSize(9).heightOfString(text, { width }) + 2;
  measure.end();

  const doc = newDocument([pageWidth, Math.ceil(height) + 8], margin, font, options, receipt.title);
  try {
    doc.font(BOLD).fontSize(16).text(receipt.title, { width, align: 'center' });
    doc.moveDown(0.4);
    for (const line of lines) {
      doc
        .font(line.bold ? BOLD : REGULAR)
        .fontSize(10 * (line.height ?? 1))
        .text(line.text || ' ', { width, align: line.align ?? 'left', lineGap: 2 });
    }
    if (receipt.qr) {
      const x = (pageWidth - qrSize) / 2;
      const y = doc.y + 2;
      drawQr(doc, receipt.qr.data, x, y, qrSize);
      doc.y = y + qrSize;
      if (receipt.qr.caption)
        doc
          .font(REGULAR)
          .fontSize(9)
          .text(receipt.qr.caption, margin, doc.y, { width, align: 'center' });
    }
    for (const text of receipt.footer ?? [])
      doc.font(REGULAR).fontSize(9).text(text, margin, doc.y, { width, align: 'center' });
  } catch (error) {
    throw new A4Error('RENDER_FAILED', (error as Error).message, {}, error);
  }
  return finish(doc);
}
