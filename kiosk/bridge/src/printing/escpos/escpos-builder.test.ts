import { describe, expect, it } from 'vitest';
import { EscPosBuilder } from './escpos-builder.ts';
import { EscPosParser } from './escpos-parser.ts';

const hex = (b: EscPosBuilder) => Buffer.from(b.build()).toString('hex');

describe('ESC/POS builder', () => {
  it('emits the documented command bytes', () => {
    expect(hex(new EscPosBuilder().init())).toBe('1b40');
    expect(hex(new EscPosBuilder().align('left').align('center').align('right'))).toBe(
      '1b61001b61011b6102',
    );
    expect(hex(new EscPosBuilder().bold(true).bold(false))).toBe('1b45011b4500');
    expect(hex(new EscPosBuilder().chineseMode(true).chineseMode(false))).toBe('1c261c2e');
    expect(hex(new EscPosBuilder().feed(3))).toBe('1b6403');
    expect(hex(new EscPosBuilder().cut().cut(true))).toBe('1d56001d5601');
  });

  it('puts width in the high nibble and height in the low nibble of GS ! n', () => {
    expect(hex(new EscPosBuilder().size(1, 1))).toBe('1d2100');
    expect(hex(new EscPosBuilder().size(2, 1))).toBe('1d2110');
    expect(hex(new EscPosBuilder().size(1, 2))).toBe('1d2101');
    expect(hex(new EscPosBuilder().size(2, 2))).toBe('1d2111');
    expect(() => new EscPosBuilder().size(9, 1)).toThrow(RangeError);
  });

  it('encodes text as GB18030, including characters GB2312 lacks', () => {
    expect(hex(new EscPosBuilder().line('中王'))).toBe('d6d0cdf50a');
    expect(hex(new EscPosBuilder().text('䶮𠀀'))).toBe('fe9f95328236');
  });

  it('neutralises control characters so data cannot inject commands', () => {
    expect(hex(new EscPosBuilder().line('a\u001bd\u0005b'))).toBe('6120642062' + '0a');
  });

  it('emits a model 2 QR code with pL pH counting encoded bytes + 3', () => {
    const qr = hex(new EscPosBuilder().qr('办件', { moduleSize: 6, errorLevel: 'Q' }));
    expect(qr).toBe(
      [
        '1d286b0400314132' + '00',
        '1d286b0300314306',
        '1d286b0300314532',
        '1d286b0900315030', // 6 UTF-8 bytes + 3 = 9
        'e58a9ee4bbb6',
        '1d286b0300315130',
      ].join(''),
    );
    const long = new EscPosBuilder().qr('x'.repeat(300)).build();
    // 303 = 0x012F → pL 2F, pH 01
    expect(Buffer.from(long.subarray(25, 33)).toString('hex')).toBe('1d286b2f01315030');
    expect(() => new EscPosBuilder().qr('')).toThrow(RangeError);
    expect(() => new EscPosBuilder().qr('x'.repeat(2954))).toThrow(RangeError);
  });
});

describe('ESC/POS parser', () => {
  const receipt = new EscPosBuilder()
    .init()
    .chineseMode(true)
    .align('center')
    .bold(true)
    .size(2, 2)
    .line('一件事一次办')
    .bold(false)
    .size(1, 1)
    .align('left')
    .line('办件编号：2024-000123')
    .qr('https://zwfw.example.cn/c/2024-000123')
    .feed(4)
    .cut()
    .build();

  it('turns a receipt stream back into lines with their formatting, QR codes and the cut', () => {
    const events = new EscPosParser().push(receipt);
    expect(events.map((e) => e.type)).toEqual(['init', 'item', 'item', 'item', 'item', 'cut']);
    const items = events.flatMap((e) => (e.type === 'item' ? [e.item] : []));
    expect(items[0]).toEqual({
      kind: 'text',
      text: '一件事一次办',
      align: 'center',
      bold: true,
      width: 2,
      height: 2,
    });
    expect(items[1]).toMatchObject({ kind: 'text', text: '办件编号：2024-000123', bold: false });
    expect(items[2]).toMatchObject({
      kind: 'qr',
      data: 'https://zwfw.example.cn/c/2024-000123',
      model: 2,
      moduleSize: 6,
      errorLevel: 'M',
    });
    expect(items[3]).toEqual({ kind: 'feed', lines: 4 });
  });

  it('gives the same result when fed one byte at a time', () => {
    const whole = new EscPosParser().push(receipt);
    const parser = new EscPosParser();
    const bytewise = [...receipt].flatMap((b) => parser.push(Uint8Array.of(b)));
    expect(bytewise).toEqual(whole);
  });

  it('reports bytes it does not understand', () => {
    const events = new EscPosParser().push(Uint8Array.of(0x1b, 0x7a, 0x41, 0x0a));
    expect(events[0]).toEqual({ type: 'unknown', bytes: Uint8Array.of(0x1b, 0x7a) });
    expect(events[1]).toMatchObject({ type: 'item', item: { text: 'A' } });
  });
});
