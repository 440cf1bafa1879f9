import { describe, expect, it } from 'vitest';
import { NATIONS } from './nations.ts';
import {
  cardValidity,
  decodeTextBlock,
  encodeTextBlock,
  type IdentityCard,
  LONG_TERM,
} from './text-block.ts';

const zhang: IdentityCard = {
  cardType: 'resident',
  name: '张䶮',
  gender: 'male',
  nation: { code: '01', name: '汉' },
  birthDate: '1990-03-07',
  address: '广东省深圳市福田区福华一路1号',
  idNumber: '44030419900307123X',
  issuer: '深圳市公安局福田分局',
  validFrom: '2015-06-01',
  validTo: '2035-06-01',
};

/** Builds a block by hand, independently of encodeTextBlock. */
function handBlock(fields: Record<number, string>, flag = ' '): Uint8Array {
  const block = Buffer.alloc(256);
  for (let i = 0; i < 256; i += 2) block.write(' ', i, 'utf16le');
  for (const [offset, value] of Object.entries(fields))
    block.write(value, Number(offset), 'utf16le');
  block.write(flag, 248, 'utf16le');
  return new Uint8Array(block);
}

const baseFields = {
  0: '李秀英',
  30: '2',
  32: '03',
  36: '19491231',
  52: '北京市朝阳区建国路88号',
  122: '11010519491231002X',
  158: '北京市公安局朝阳分局',
  188: '20100101',
  204: '长期',
};

describe('ID card text block', () => {
  it('decodes a hand-built UCS-2LE block, trimming the space padding', () => {
    const r = decodeTextBlock(handBlock(baseFields));
    if (!r.ok) throw r.error;
    expect(r.value).toEqual({
      cardType: 'resident',
      name: '李秀英',
      gender: 'female',
      nation: { code: '03', name: '回' },
      birthDate: '1949-12-31',
      address: '北京市朝阳区建国路88号',
      idNumber: '11010519491231002X',
      issuer: '北京市公安局朝阳分局',
      validFrom: '2010-01-01',
      validTo: LONG_TERM,
    });
  });

  it('encodes the exact layout: name at 0, gender at 30, nation at 32, ID number at 122', () => {
    const block = Buffer.from(encodeTextBlock(zhang));
    expect(block.length).toBe(256);
    expect(block.subarray(0, 6).toString('hex')).toBe('205fae4d2000'); // 张 U+5F20, 䶮 U+4DAE, then a space
    expect(block.subarray(30, 32).toString('hex')).toBe('3100');
    expect(block.subarray(32, 36).toString('hex')).toBe('30003100');
    expect(block.subarray(122, 158).toString('utf16le')).toBe('44030419900307123X');
    expect(block.subarray(204, 220).toString('utf16le')).toBe('20350601');
    expect(block.subarray(248, 250).toString('hex')).toBe('2000');
  });

  it('round-trips through encode and decode', () => {
    const r = decodeTextBlock(encodeTextBlock(zhang));
    expect(r.ok && r.value).toEqual(zhang);
  });

  it('knows all 56 nations plus 97 and 98', () => {
    const codes = Object.keys(NATIONS);
    expect(codes).toHaveLength(58);
    for (let n = 1; n <= 56; n++) expect(NATIONS[String(n).padStart(2, '0')]).toBeTruthy();
    expect(NATIONS['56']).toBe('基诺');
    expect(NATIONS['97']).toBe('其他');
    expect(NATIONS['98']).toBe('外国血统中国籍人士');
    for (const code of codes) {
      const r = decodeTextBlock(handBlock({ ...baseFields, 32: code }));
      expect(r.ok && r.value.nation).toEqual({ code, name: NATIONS[code] });
    }
  });

  it('rejects an unknown nation code and an unknown gender code, naming the field', () => {
    const nation = decodeTextBlock(handBlock({ ...baseFields, 32: '57' }));
    expect(!nation.ok && nation.error.details).toEqual({
      field: 'nation',
      reason: 'unknown nation code',
    });
    const gender = decodeTextBlock(handBlock({ ...baseFields, 30: '3' }));
    expect(!gender.ok && gender.error.details).toMatchObject({ field: 'gender' });
  });

  it('maps gender codes 0, 1, 2 and 9', () => {
    // Female ID number: only 0, 2 and 9 are consistent with it.
    const g = (code: string) => {
      const r = decodeTextBlock(handBlock({ ...baseFields, 30: code }));
      return r.ok ? r.value.gender : r.error.code;
    };
    expect([g('0'), g('2'), g('9'), g('1')]).toEqual([
      'unknown',
      'female',
      'unspecified',
      'INCONSISTENT',
    ]);
  });

  it('rejects a wrong ID check character without leaking the number', () => {
    const r = decodeTextBlock(handBlock({ ...baseFields, 122: '110105194912310021' }));
    expect(!r.ok && r.error.code).toBe('ID_NUMBER');
    expect(!r.ok && r.error.details).toEqual({
      problem: 'checksum',
      idNumber: '110***********0021',
    });
    expect(JSON.stringify(r)).not.toContain('110105194912310021');
  });

  it('rejects a birth date that disagrees with the ID number', () => {
    const r = decodeTextBlock(handBlock({ ...baseFields, 36: '19491230' }));
    expect(!r.ok && r.error.code).toBe('INCONSISTENT');
  });

  it('rejects impossible dates and a validity that ends before it starts', () => {
    const bad = decodeTextBlock(handBlock({ ...baseFields, 188: '20100230' }));
    expect(!bad.ok && bad.error.details).toMatchObject({ field: 'validFrom' });
    const order = decodeTextBlock(handBlock({ ...baseFields, 204: '20091231' }));
    expect(!order.ok && order.error.code).toBe('INCONSISTENT');
    const word = decodeTextBlock(handBlock({ ...baseFields, 204: '永久' }));
    expect(!word.ok && word.error.details).toMatchObject({ field: 'validTo' });
  });

  it('rejects empty required fields and bytes that are not text', () => {
    const empty = decodeTextBlock(handBlock({ ...baseFields, 0: '   ' }));
    expect(!empty.ok && empty.error.details).toMatchObject({ field: 'name', reason: 'empty' });
    const block = handBlock(baseFields);
    block[60] = 0x01; // U+0001 inside the address
    block[61] = 0x00;
    const control = decodeTextBlock(block);
    expect(!control.ok && control.error.details).toMatchObject({
      field: 'address',
      reason: 'not text',
    });
  });

  it('reads the card-type flag: J permits may leave the nation blank; I is refused', () => {
    const permit = decodeTextBlock(
      handBlock({ ...baseFields, 32: '  ', 36: '19950228', 122: '810000199502280041' }, 'J'),
    );
    expect(permit.ok && permit.value.cardType).toBe('hkMacaoTaiwanResidencePermit');
    expect(permit.ok && permit.value.nation).toBeNull();
    const foreign = decodeTextBlock(handBlock(baseFields, 'I'));
    expect(!foreign.ok && foreign.error.code).toBe('CARD_TYPE');
    const odd = decodeTextBlock(handBlock(baseFields, 'Z'));
    expect(!odd.ok && odd.error.code).toBe('CARD_TYPE');
  });

  it('rejects a block that is not 256 bytes', () => {
    const r = decodeTextBlock(new Uint8Array(255));
    expect(!r.ok && r.error.code).toBe('LENGTH');
  });
});

describe('card validity', () => {
  it('is valid through validTo inclusive, in the terminal time zone', () => {
    const card = { validFrom: '2015-06-01', validTo: '2035-06-01' };
    expect(cardValidity(card, new Date('2035-06-01T15:59:00Z'))).toBe('valid'); // 23:59 Beijing
    expect(cardValidity(card, new Date('2035-06-01T16:00:00Z'))).toBe('expired'); // 00:00 next day
    expect(cardValidity(card, new Date('2035-06-01T16:00:00Z'), 'UTC')).toBe('valid');
    expect(cardValidity(card, new Date('2015-05-31T12:00:00Z'))).toBe('notYetValid');
  });

  it('never expires a 长期 card', () => {
    expect(
      cardValidity({ validFrom: '2010-01-01', validTo: LONG_TERM }, new Date('2099-01-01')),
    ).toBe('valid');
  });
});
