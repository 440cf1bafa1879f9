import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createBridgeLogger } from '../service/logger.ts';

export interface LogLine {
  msg: string;
  level: number;
  [key: string]: unknown;
}

/** The bridge's own logger (masking included), writing lines a test can read. */
export function capturedLogger(level = 'info'): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createBridgeLogger(level, stream), lines };
}
