import { describe, expect, it } from 'vitest';
import {
  combineStatus,
  decodeStatusByte,
  encodeStatusByte,
  isStatusByte,
  StatusRequest,
  statusRequestBytes,
} from './printer-status.ts';

const decode = (n: StatusRequest, b: number) => {
  const r = decodeStatusByte(n, b);
  if (!r.ok) throw r.error;
  return r.value;
};

describe('DLE EOT status', () => {
  it('requests with 10 04 n', () => {
    expect([...statusRequestBytes(StatusRequest.RollPaper)]).toEqual([0x10, 0x04, 0x04]);
  });

  it('accepts exactly the 16 bytes with bits 1,4 set and 0,7 clear', () => {
    const valid = Array.from({ length: 256 }, (_, b) => b).filter(isStatusByte);
    expect(valid).toHaveLength(16);
    expect(valid).toContain(0x12);
    for (const bad of [0x13, 0x92, 0x02, 0x10, 0xff, 0x00]) {
      const r = decodeStatusByte(StatusRequest.Printer, bad);
      expect(!r.ok && r.error.code).toBe('STATUS_GARBAGE');
    }
  });

  it('decodes each request by its bit table', () => {
    expect(decode(StatusRequest.Printer, 0x12)).toEqual({ request: 1, offline: false });
    expect(decode(StatusRequest.Printer, 0x1a)).toEqual({ request: 1, offline: true });
    expect(decode(StatusRequest.OfflineCause, 0x16)).toMatchObject({
      coverOpen: true,
      paperEndStop: false,
    });
    expect(decode(StatusRequest.OfflineCause, 0x1a)).toMatchObject({ feedButton: true });
    expect(decode(StatusRequest.OfflineCause, 0x32)).toMatchObject({
      paperEndStop: true,
      error: false,
    });
    expect(decode(StatusRequest.OfflineCause, 0x52)).toMatchObject({ error: true });
    expect(decode(StatusRequest.ErrorCause, 0x16)).toMatchObject({
      mechanical: true,
      autocutter: false,
    });
    expect(decode(StatusRequest.ErrorCause, 0x1a)).toMatchObject({ autocutter: true });
    expect(decode(StatusRequest.ErrorCause, 0x32)).toMatchObject({ unrecoverable: true });
    expect(decode(StatusRequest.ErrorCause, 0x52)).toMatchObject({ autoRecoverable: true });
    expect(decode(StatusRequest.RollPaper, 0x12)).toEqual({
      request: 4,
      nearEnd: false,
      paperEnd: false,
    });
    expect(decode(StatusRequest.RollPaper, 0x1e)).toEqual({
      request: 4,
      nearEnd: true,
      paperEnd: false,
    });
    expect(decode(StatusRequest.RollPaper, 0x72)).toEqual({
      request: 4,
      nearEnd: false,
      paperEnd: true,
    });
  });

  it('round-trips through the simulator encoder', () => {
    for (const part of [
      {
        request: StatusRequest.OfflineCause,
        coverOpen: true,
        feedButton: false,
        paperEndStop: true,
        error: false,
      },
      { request: StatusRequest.RollPaper, nearEnd: true, paperEnd: true },
    ] as const) {
      expect(decode(part.request, encodeStatusByte(part))).toEqual(part);
    }
  });

  it('combines the four replies into a ready flag', () => {
    const parts = (b1: number, b2: number, b3: number, b4: number) =>
      combineStatus([
        decode(StatusRequest.Printer, b1),
        decode(StatusRequest.OfflineCause, b2),
        decode(StatusRequest.ErrorCause, b3),
        decode(StatusRequest.RollPaper, b4),
      ]);
    expect(parts(0x12, 0x12, 0x12, 0x12)).toMatchObject({ ready: true, paperOut: false });
    expect(parts(0x12, 0x12, 0x12, 0x1e)).toMatchObject({ ready: true, paperNearEnd: true });
    expect(parts(0x1a, 0x32, 0x12, 0x72)).toMatchObject({
      ready: false,
      online: false,
      paperOut: true,
    });
    expect(parts(0x1a, 0x16, 0x12, 0x12)).toMatchObject({ ready: false, coverOpen: true });
    expect(parts(0x1a, 0x52, 0x1a, 0x12)).toMatchObject({ ready: false, faults: ['autocutter'] });
  });
});
