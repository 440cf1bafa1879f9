import { describe, expect, it } from 'vitest';
import { maskedLoggerOptions } from './log-masking.ts';

describe('maskedLoggerOptions', () => {
  it('masks every log object and every string argument, and keeps the level', () => {
    const options = maskedLoggerOptions('debug');
    expect(options.level).toBe('debug');
    expect(options.formatters.log({ idNumber: '11010519491231002X', n: 1 })).toEqual({
      idNumber: '[masked]',
      n: 1,
    });
    const logger = { name: 'the logger' };
    let seen: { self: unknown; args: unknown[] } | null = null;
    options.hooks.logMethod.call(
      logger,
      [{ keep: 'objects' }, 'read %s', '13812345678'],
      function (this: unknown, ...args: unknown[]) {
        seen = { self: this, args };
      },
    );
    expect(seen).toEqual({
      self: logger,
      args: [{ keep: 'objects' }, 'read %s', '138****5678'],
    });
  });
});
