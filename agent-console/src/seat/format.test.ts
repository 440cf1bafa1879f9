import { describe, expect, it } from 'vitest';
import {
  callScore,
  elapsedSince,
  fill,
  formatDuration,
  formatPercent,
  qualityLevel,
  secondsLeft,
} from './format.ts';

describe('formatDuration', () => {
  it('says seconds, minutes and hours the way each language writes them', () => {
    expect(formatDuration(45, 'zh-CN')).toBe('45 秒');
    expect(formatDuration(185, 'zh-CN')).toBe('3 分 05 秒');
    expect(formatDuration(3720, 'zh-CN')).toBe('1 小时 02 分');
    expect(formatDuration(45, 'en')).toBe('45 s');
    expect(formatDuration(185, 'en')).toBe('3 min 05 s');
    expect(formatDuration(3720, 'en')).toBe('1 h 02 min');
  });

  it('rounds to whole seconds and never shows a negative or broken time', () => {
    expect(formatDuration(59.6, 'zh-CN')).toBe('1 分 00 秒');
    expect(formatDuration(-5, 'en')).toBe('0 s');
    expect(formatDuration(Number.NaN, 'en')).toBe('0 s');
  });
});

describe('formatPercent', () => {
  it('shows a share as a whole percentage and nothing when unmeasured', () => {
    expect(formatPercent(0.856)).toBe('86%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(null)).toBeNull();
  });

  it('clamps shares outside 0–1 instead of showing impossible numbers', () => {
    expect(formatPercent(1.2)).toBe('100%');
    expect(formatPercent(-0.1)).toBe('0%');
  });
});

describe('secondsLeft', () => {
  it('counts down in whole seconds, rounding up, and stops at zero', () => {
    expect(secondsLeft(20_000, 0)).toBe(20);
    expect(secondsLeft(20_000, 500)).toBe(20);
    expect(secondsLeft(20_000, 19_001)).toBe(1);
    expect(secondsLeft(20_000, 20_000)).toBe(0);
    expect(secondsLeft(20_000, 25_000)).toBe(0);
  });
});

describe('call quality', () => {
  it('puts 0–10 scores into three words at 7 and 4', () => {
    expect(qualityLevel(10)).toBe('good');
    expect(qualityLevel(7)).toBe('good');
    expect(qualityLevel(6.9)).toBe('fair');
    expect(qualityLevel(4)).toBe('fair');
    expect(qualityLevel(3)).toBe('poor');
    expect(qualityLevel(0)).toBe('poor');
  });

  it('rates the call by its worst leg, and knows nothing before the first score', () => {
    expect(callScore({})).toBeNull();
    expect(callScore({ 'terminal:B-1': 9, 'staff:a': 4 })).toBe(4);
    expect(callScore({ 'terminal:B-1': 12 })).toBe(10);
  });
});

describe('fill and elapsedSince', () => {
  it('fills named placeholders and leaves unknown ones visible', () => {
    expect(fill('{a} 和 {b}', { a: '甲', b: 2 })).toBe('甲 和 2');
    expect(fill('{a} {missing}', { a: 1 })).toBe('1 {missing}');
  });

  it('adds the whole seconds since a reading was taken', () => {
    expect(elapsedSince(30, 1_000, 1_000)).toBe(30);
    expect(elapsedSince(30, 1_000, 6_900)).toBe(35);
    // A clock that went backwards does not make the wait shorter than reported.
    expect(elapsedSince(30, 5_000, 1_000)).toBe(30);
  });
});
