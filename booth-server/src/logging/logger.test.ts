import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, setLogLevel } from './logger.ts';

afterEach(() => {
  setLogLevel('silent');
});

describe("the server's logger", () => {
  it('masks ID and mobile numbers in log objects and in messages', () => {
    setLogLevel('info');
    const log = createLogger('test');
    // The root's destination (stdout), shared by every module logger; its lines are read here.
    const stream = (log as unknown as Record<symbol, { write(line: string): void }>)[
      pino.symbols.streamSym
    ]!;
    const lines: string[] = [];
    const write = stream.write;
    stream.write = (line) => lines.push(line);
    try {
      log.info(
        { idNumber: '11010519491231002X', note: 'call 13812345678' },
        'read 11010519491231002X',
      );
    } finally {
      stream.write = write;
    }
    const text = lines.join('');
    expect(text).toContain('"module":"test"');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('"idNumber":"[masked]"');
    expect(text).toContain('"note":"call 138****5678"');
    expect(text).toContain('"msg":"read 110***********"');
  });
});
