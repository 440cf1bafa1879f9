import { describe, expect, it } from 'vitest';
import { inputAttrs, padFor, typedText } from './text-rules.ts';

describe('text input rules', () => {
  it('opens the pad that fits the field type (session5.md)', () => {
    expect(padFor({ type: 'text' })).toBe('chinese');
    expect(padFor({ type: 'address' })).toBe('chinese');
    expect(padFor({ type: 'phone' })).toBe('phone');
    expect(padFor({ type: 'idNumber' })).toBe('id-number');
    expect(padFor({ type: 'uscc' })).toBe('uscc');
    expect(padFor({ type: 'amount' })).toBe('numeric');
    expect(padFor({ type: 'text', rules: { allowedChars: '0-9' } })).toBe('numeric');
    expect(padFor({ type: 'text', rules: { allowedChars: 'A-Z0-9' } })).toBe('uscc');
    expect(inputAttrs({ type: 'phone' })).toEqual({
      'data-pad': 'phone',
      inputMode: 'tel',
      maxLength: 11,
    });
    expect(inputAttrs({ type: 'number' })).toMatchObject({ inputMode: 'numeric' });
    expect(inputAttrs({ type: 'amount' })).toMatchObject({ inputMode: 'decimal' });
    expect(inputAttrs({ type: 'text', rules: { maxLength: 60 } })).toEqual({
      'data-pad': 'chinese',
      inputMode: 'text',
      maxLength: 60,
    });
  });

  it('leaves out characters the type or the rules do not allow and names them', () => {
    expect(typedText({ type: 'phone' }, '138-1234 5678')).toEqual({
      text: '13812345678',
      dropped: ['-', ' '],
    });
    expect(typedText({ type: 'idNumber' }, '33990219940612022x').text).toBe('33990219940612022X');
    expect(typedText({ type: 'uscc' }, '91350100m000100y4o').dropped).toEqual(['O']);
    expect(typedText({ type: 'text', rules: { allowedChars: '0-9' } }, '6222 02')).toEqual({
      text: '622202',
      dropped: [' '],
    });
    expect(typedText({ type: 'text' }, '滨江路201号')).toEqual({
      text: '滨江路201号',
      dropped: [],
    });
  });

  it('cuts the text at the length limit', () => {
    expect(typedText({ type: 'phone' }, '138123456789').text).toBe('13812345678');
    expect(typedText({ type: 'text', rules: { maxLength: 3 } }, '云溪市青川区').text).toBe(
      '云溪市',
    );
  });
});
