import { describe, expect, it } from 'vitest';
import { EscPosParser, type ReceiptItem } from './escpos/escpos-parser.ts';
import { renderReceipt } from './receipt.ts';

describe('renderReceipt', () => {
  it('lays out title, lines, QR with caption, footer and cut', () => {
    const bytes = renderReceipt({
      title: '受理回执',
      lines: ['事项：新生儿出生一件事', { text: '办件编号：2024-000123', bold: true }],
      qr: { data: 'https://zwfw.example.cn/c/2024-000123', caption: '扫码查询进度' },
      footer: ['请妥善保管'],
      cut: 'partial',
    });
    const events = new EscPosParser().push(bytes);
    expect(events.filter((e) => e.type === 'unknown')).toEqual([]);
    const items = events.flatMap((e) => (e.type === 'item' ? [e.item] : []));
    const texts = items.flatMap((i: ReceiptItem) => (i.kind === 'text' ? [i.text] : []));
    expect(texts).toEqual([
      '受理回执',
      '',
      '事项：新生儿出生一件事',
      '办件编号：2024-000123',
      '',
      '扫码查询进度',
      '',
      '请妥善保管',
    ]);
    expect(items[0]).toMatchObject({ align: 'center', bold: true, width: 2, height: 2 });
    expect(items[3]).toMatchObject({ align: 'left', bold: true, width: 1 });
    expect(items.find((i) => i.kind === 'qr')).toMatchObject({
      data: 'https://zwfw.example.cn/c/2024-000123',
      errorLevel: 'M',
    });
    expect(events.at(-1)).toEqual({ type: 'cut', mode: 'partial' });
  });
});
