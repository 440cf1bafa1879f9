import { describe, expect, it } from 'vitest';
import { capturedLogger } from '../testing/captured-logger.ts';

describe("the bridge's logger", () => {
  it('masks ID and mobile numbers in log objects and in messages, as the server does', () => {
    const { logger, lines } = capturedLogger();
    logger
      .child({ module: 'test' })
      .info(
        { idNumber: '11010519491231002X', note: 'call 13812345678' },
        'read 11010519491231002X',
      );
    expect(lines).toEqual([
      expect.objectContaining({
        module: 'test',
        idNumber: '[masked]',
        note: 'call 138****5678',
        msg: 'read 110***********',
      }),
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/11010519491231002X|13812345678/);
  });
});
