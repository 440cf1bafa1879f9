import { DivisionTable } from '@onething/contract/catalogue/division-table';
import { describe, expect, it } from 'vitest';
import { answerOf, choicesAt, named, pickAt, startChoice } from './address-choice.ts';

const table = new DivisionTable();
table.add([
  ['11', '北京市'],
  ['44', '广东省'],
  ['4401', '广州市'],
  ['4403', '深圳市'],
  ['440106', '天河区'],
  ['440113', '番禺区'],
  ['440113007', '市桥街道'],
  ['440113008', '沙头街道'],
]);
const HOME = '440113';

describe('the address cascade', () => {
  it('starts an empty field at the booth’s county, which alone is no answer', () => {
    const start = named(startChoice('', HOME), table);
    expect(start).toEqual({
      path: ['44', '4401', '440113'],
      names: ['广东省', '广州市', '番禺区'],
      detail: '',
    });
    expect(answerOf(start, false)).toBe('');
  });

  it('lists the booth’s own place first at every level', () => {
    const path = ['44', '4401', '440113'];
    expect(choicesAt(table, path, 0, HOME).map((d) => d.name)).toEqual(['广东省', '北京市']);
    expect(choicesAt(table, path, 2, HOME).map((d) => d.name)).toEqual(['番禺区', '天河区']);
    expect(choicesAt(table, path, 3, HOME).map((d) => d.name)).toEqual(['市桥街道', '沙头街道']);
    // a level whose parent is not chosen has nothing to offer
    expect(choicesAt(table, ['44'], 2, HOME)).toEqual([]);
  });

  it('stores the township’s code with the names and the detail', () => {
    const start = named(startChoice('', HOME), table);
    const street = pickAt(start, 3, { code: '440113008', name: '沙头街道' });
    expect(answerOf({ ...street, detail: '文昌路6号' }, true)).toBe(
      '广东省 广州市 番禺区 沙头街道 文昌路6号（440113008）',
    );
  });

  it('clears the levels below a changed one', () => {
    const full = startChoice('广东省 广州市 番禺区 市桥街道 东环路1号（440113007）', HOME);
    expect(full.detail).toBe('东环路1号');
    const other = pickAt(full, 1, { code: '4403', name: '深圳市' });
    expect(other).toEqual({
      path: ['44', '4403'],
      names: ['广东省', '深圳市'],
      detail: '东环路1号',
    });
    // the unfinished region is still stored, so the server can say what is missing
    expect(answerOf(other, true)).toBe('广东省 深圳市 东环路1号（4403）');
  });
});
