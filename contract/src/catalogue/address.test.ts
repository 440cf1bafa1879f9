import { describe, expect, it } from 'vitest';
import {
  addressFromText,
  addressText,
  checkAddress,
  formatAddress,
  parseAddress,
} from './address.ts';
import { DivisionTable, divisionPath } from './division-table.ts';

// a slice of the real codes: 番禺's townships, Beijing's 市辖区 and Dongguan's county-less city
const table = new DivisionTable();
table.add([
  ['44', '广东省'],
  ['4401', '广州市'],
  ['440106', '天河区'],
  ['440113', '番禺区'],
  ['440113007', '市桥街道'],
  ['440113008', '沙头街道'],
  ['440106001', '五山街道'],
  ['4419', '东莞市'],
  ['441900', '东莞市'],
  ['441900006', '莞城街道'],
  ['11', '北京市'],
  ['1101', '市辖区'],
  ['110101', '东城区'],
  ['110101001', '东华门街道'],
]);

describe('address answers', () => {
  it('round-trips region and detail, spaces in the detail included', () => {
    const parts = {
      code: '440113007',
      names: ['广东省', '广州市', '番禺区', '市桥街道'],
      detail: '东环路1号 3幢',
    };
    const value = formatAddress(parts);
    expect(value).toBe('广东省 广州市 番禺区 市桥街道 东环路1号 3幢（440113007）');
    expect(parseAddress(value)).toEqual(parts);
    expect(addressText(value)).toBe('广东省广州市番禺区市桥街道东环路1号 3幢');
    expect(parseAddress('番禺区东环路1号')).toBeNull();
    expect(parseAddress('广东省 广州市（440113007）')).toBeNull();
  });

  it('writes out neither 市辖区 nor a county named like its city', () => {
    expect(addressText('北京市 市辖区 东城区 东华门街道 南池子大街1号（110101001）')).toBe(
      '北京市东城区东华门街道南池子大街1号',
    );
    expect(addressText('广东省 东莞市 东莞市 莞城街道 市桥路2号（441900006）')).toBe(
      '广东省东莞市莞城街道市桥路2号',
    );
  });

  it('checks that the code exists, the names are its own and nothing lies below it', () => {
    expect(checkAddress('广东省 广州市 番禺区 市桥街道 东环路1号（440113007）', table)).toBeNull();
    expect(checkAddress('广东省 广州市 番禺区 某街道 1号（440113999）', table)).toEqual({
      kind: 'unknownRegion',
      code: '440113999',
    });
    expect(checkAddress('广东省 广州市 天河区 市桥街道 1号（440113007）', table)).toEqual({
      kind: 'namesMismatch',
      code: '440113007',
      expected: '广东省广州市番禺区市桥街道',
    });
    expect(checkAddress('广东省 广州市 番禺区 1号（440113）', table)).toEqual({
      kind: 'incomplete',
    });
    expect(checkAddress('广东省 广州市 番禺区 市桥街道 （440113007）', table)).toEqual({
      kind: 'noDetail',
    });
    expect(checkAddress('火星 1号', table)).toEqual({ kind: 'format' });
    // without the table (the kiosk before its data loads): form and depth only
    expect(checkAddress('广东省 广州市 番禺区 1号（440113）')).toEqual({ kind: 'incomplete' });
    expect(checkAddress('广东省 广州市 番禺区 市桥街道 1号（440113007）')).toBeNull();
  });

  it('reads a register’s plain address down to the township, or gives up', () => {
    expect(addressFromText('广东省广州市番禺区沙头街道文昌路6号5幢302室', table)).toBe(
      '广东省 广州市 番禺区 沙头街道 文昌路6号5幢302室（440113008）',
    );
    expect(addressFromText('北京市东城区东华门街道南池子大街1号', table)).toBe(
      '北京市 市辖区 东城区 东华门街道 南池子大街1号（110101001）',
    );
    expect(addressFromText('广东省东莞市莞城街道市桥路2号', table)).toBe(
      '广东省 东莞市 东莞市 莞城街道 市桥路2号（441900006）',
    );
    // no township named, a made-up city, nothing after the township
    expect(addressFromText('广东省广州市番禺区东环路1号', table)).toBeNull();
    expect(addressFromText('临河市河东区东关街23号', table)).toBeNull();
    expect(addressFromText('广东省广州市番禺区市桥街道', table)).toBeNull();
  });

  it('walks a code up to its province', () => {
    expect(divisionPath('440113007')).toEqual(['44', '4401', '440113', '440113007']);
    expect(divisionPath('4401130')).toEqual([]);
    expect(table.children('440113').map((d) => d.name)).toEqual(['市桥街道', '沙头街道']);
    expect(
      table
        .path('440106001')
        ?.map((d) => d.name)
        .join(''),
    ).toBe('广东省广州市天河区五山街道');
  });
});
