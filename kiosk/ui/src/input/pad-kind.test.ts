import { describe, expect, it } from 'vitest';
import { type PadSource, padForInput } from './pad-kind.ts';

/** An element as the DOM shows it to padForInput: a tag and its attributes. */
function el(tag: string, attrs: Record<string, string> = {}): PadSource {
  return {
    tagName: tag.toUpperCase(),
    getAttribute: (name) => attrs[name] ?? null,
    hasAttribute: (name) => name in attrs,
  };
}

describe('padForInput', () => {
  it('opens the pad the form asked for with data-pad', () => {
    expect(padForInput(el('input', { type: 'text', 'data-pad': 'id-number' }))).toBe('id-number');
    expect(padForInput(el('input', { type: 'text', 'data-pad': 'uscc' }))).toBe('uscc');
    expect(padForInput(el('input', { 'data-pad': 'phone' }))).toBe('phone');
    expect(padForInput(el('input', { 'data-pad': 'numeric', inputmode: 'decimal' }))).toBe(
      'numeric',
    );
    expect(padForInput(el('textarea', { 'data-pad': 'chinese' }))).toBe('chinese');
    expect(padForInput(el('input', { type: 'text', 'data-pad': 'none' }))).toBe('none');
  });

  it('reads the standard inputmode and type when data-pad is absent or unknown', () => {
    expect(padForInput(el('input', { type: 'text', inputmode: 'decimal' }))).toBe('numeric');
    expect(padForInput(el('input', { type: 'text', inputmode: 'numeric' }))).toBe('numeric');
    expect(padForInput(el('input', { type: 'tel', inputmode: 'numeric' }))).toBe('phone');
    expect(padForInput(el('input', { type: 'tel' }))).toBe('phone');
    expect(padForInput(el('input', { inputmode: 'tel' }))).toBe('phone');
    expect(padForInput(el('input', { type: 'number' }))).toBe('numeric');
    expect(padForInput(el('input', { type: 'text', inputmode: 'none' }))).toBe('none');
    expect(padForInput(el('input', { type: 'text', 'data-pad': 'martian' }))).toBe('chinese');
  });

  it('defaults text inputs and text areas to the Chinese pad', () => {
    expect(padForInput(el('input'))).toBe('chinese');
    expect(padForInput(el('input', { type: 'text' }))).toBe('chinese');
    expect(padForInput(el('input', { type: 'search' }))).toBe('chinese');
    expect(padForInput(el('textarea'))).toBe('chinese');
  });

  it('opens nothing for pickers, buttons and fields that cannot be typed in', () => {
    for (const type of ['date', 'radio', 'checkbox', 'button', 'submit', 'range', 'file']) {
      expect(padForInput(el('input', { type }))).toBe('none');
    }
    expect(padForInput(el('select'))).toBe('none');
    expect(padForInput(el('button'))).toBe('none');
    expect(padForInput(el('input', { type: 'text', readonly: '' }))).toBe('none');
    expect(padForInput(el('textarea', { disabled: '' }))).toBe('none');
  });
});
