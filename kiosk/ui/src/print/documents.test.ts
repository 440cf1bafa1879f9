import { A4Document, ReceiptDocument } from '@onething/contract/sockets/bridge-local';
import { describe, expect, it } from 'vitest';
import { caseView, ID_NUMBER, notice } from '../testing/fixtures.ts';
import {
  caseReceipt,
  noticeDocument,
  queuedReceipt,
  queueReference,
  timeLimit,
} from './documents.ts';

describe('printed documents', () => {
  it('the receipt carries the case number and the status QR code, and passes the bridge schema', () => {
    const doc = caseReceipt(
      caseView(),
      'zh-CN',
      'https://gov.example.cn/status?case=YJS-20250101-0001',
    );
    expect(ReceiptDocument.safeParse(doc).success).toBe(true);
    const text = doc.lines.map((l) => l.text).join('\n');
    expect(text).toContain('YJS-20250101-0001');
    expect(text).toContain('卫生健康委');
    expect(doc.qr).toBe('https://gov.example.cn/status?case=YJS-20250101-0001');
  });

  it('the receipt holds no personal data', () => {
    const doc = caseReceipt(caseView(), 'en', 'https://x/status?case=1');
    const all = JSON.stringify(doc);
    expect(all).not.toContain(ID_NUMBER);
    expect(all).not.toContain(ID_NUMBER.slice(-4));
    expect(all).not.toContain('张三');
  });

  it('stays inside the printer limits however long the case is', () => {
    const many = caseView({
      subCases: Array.from({ length: 120 }, (_, i) => ({
        ...caseView().subCases[0]!,
        department: { zh: `部门${i}`.repeat(50), en: `Department ${i}`.repeat(30) },
      })),
    });
    const doc = caseReceipt(many, 'en', 'https://x/status?case=1');
    expect(ReceiptDocument.safeParse(doc).success).toBe(true);
  });

  it('the notice lists every item, its limits and fee, and the 免提交 licence', () => {
    const doc = noticeDocument(notice(), 'zh-CN', true);
    expect(A4Document.safeParse(doc).success).toBe(true);
    expect(doc.kind).toBe('notice');
    expect(doc.largePrint).toBe(true);
    const text = doc.paragraphs.join('\n');
    for (const code of ['A', 'B', 'C']) expect(text).toContain(`事项${code}`);
    expect(text).toContain('承诺 5 个工作日');
    expect(text).toContain('不收费');
    expect(text).toContain('电子结婚证');
  });

  it('says "on the spot" only for a promise of zero days', () => {
    expect(timeLimit({ promisedDays: 0, statutoryDays: null }, 'en')).toBe('Done on the spot');
    expect(timeLimit({ promisedDays: null, statutoryDays: null }, 'en')).toBe(
      'As advised by the department',
    );
  });

  it('the queued slip shows a short reference from the idempotency key', () => {
    const ref = queueReference('3f2a9c1e-7b44-4d0e-9a51-2c6e8f0b1d77');
    expect(ref).toBe('3F2A9C1E7B');
    const doc = queuedReceipt(ref, 'zh-CN');
    expect(ReceiptDocument.safeParse(doc).success).toBe(true);
    expect(JSON.stringify(doc)).toContain(ref);
  });
});
