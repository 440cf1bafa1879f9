import { describe, expect, it } from 'vitest';
import {
  allOf,
  anyOf,
  conditionFields,
  evaluateCondition,
  formatCondition,
  parseCondition,
} from './condition.ts';

const parse = (text: string) => {
  const r = parseCondition(text);
  if (!r.ok) throw new Error(r.message);
  return r.node;
};

describe('conditions', () => {
  it('parses comparisons, lists, and/or with and binding tighter, and parentheses', () => {
    expect(parse('marriage.status == married')).toEqual({
      op: '==',
      field: 'marriage.status',
      value: 'married',
    });
    expect(parse('disability.level in [1, 2] and applicant.insuranceType != employee')).toEqual({
      op: 'and',
      args: [
        { op: 'in', field: 'disability.level', values: [1, 2] },
        { op: '!=', field: 'applicant.insuranceType', value: 'employee' },
      ],
    });
    const n = parse('a.x == 1 or a.y == 2 and a.z == 3');
    expect(n.op).toBe('or');
    expect(parse('(a.x == 1 or a.y == 2) and a.z == 3').op).toBe('and');
    expect(parse("student.hukouLocal == false and a.b == 'two words'")).toEqual({
      op: 'and',
      args: [
        { op: '==', field: 'student.hukouLocal', value: false },
        { op: '==', field: 'a.b', value: 'two words' },
      ],
    });
  });

  it('reports syntax errors with the offset of the offending token', () => {
    expect(parseCondition('marriage.status = married')).toMatchObject({ ok: false, offset: 16 });
    expect(parseCondition('status == married')).toMatchObject({
      ok: false,
      message: expect.stringContaining('field key'),
    });
    expect(parseCondition('a.b in [1, 2')).toMatchObject({
      ok: false,
      message: expect.stringContaining('ended'),
    });
    expect(parseCondition('a.b == 1 a.c == 2')).toMatchObject({ ok: false, offset: 9 });
    expect(parseCondition('  ')).toMatchObject({ ok: false });
  });

  it('formats back to text that parses to the same tree', () => {
    for (const text of [
      'marriage.status == married',
      '(a.x == 1 or a.y >= 2.5) and a.z in [p, q]',
      "a.b == 'two words' or a.c != true",
    ]) {
      const node = parse(text);
      expect(parse(formatCondition(node))).toEqual(node);
    }
  });

  it('evaluates to true, false, or undefined while an answer is missing', () => {
    const n = parse('disability.level in [1, 2] and applicant.insuranceType != employee');
    expect(
      evaluateCondition(n, { 'disability.level': '2', 'applicant.insuranceType': 'resident' }),
    ).toBe(true);
    expect(evaluateCondition(n, { 'disability.level': '3' })).toBe(false);
    expect(evaluateCondition(n, { 'disability.level': '1' })).toBeUndefined();
    expect(evaluateCondition(parse('a.x == 1 or a.y == 1'), { 'a.y': 1 })).toBe(true);
    expect(evaluateCondition(parse('a.x == 1 or a.y == 1'), { 'a.y': 2 })).toBeUndefined();
    expect(evaluateCondition(parse('premises.area >= 300'), { 'premises.area': '126' })).toBe(
      false,
    );
    expect(evaluateCondition(parse('premises.area >= 300'), { 'premises.area': 300 })).toBe(true);
    expect(evaluateCondition(parse('premises.area >= 300'), { 'premises.area': 'big' })).toBe(
      false,
    );
    expect(evaluateCondition(parse('a.b == true'), { 'a.b': true })).toBe(true);
    expect(evaluateCondition(parse('a.b == true'), { 'a.b': '' })).toBeUndefined();
  });

  it('combines conditions without duplicates; an absent condition means always', () => {
    const a = parse('a.x == 1');
    const b = parse('a.y == 2');
    expect(allOf(a, undefined, a)).toEqual(a);
    expect(allOf(a, b)).toEqual({ op: 'and', args: [a, b] });
    expect(anyOf(a, undefined)).toBeUndefined();
    expect(anyOf(a, b, a)).toEqual({ op: 'or', args: [a, b] });
    expect(conditionFields(parse('a.x == 1 or (a.y == 2 and a.x != 3)'))).toEqual(['a.x', 'a.y']);
  });
});
