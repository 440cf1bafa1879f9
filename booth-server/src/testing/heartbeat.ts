import type { Heartbeat } from '@onething/contract/sockets/fleet';

/** A healthy terminal's heartbeat; tests change what they study. */
export function healthyHeartbeat(overrides: Partial<Heartbeat> = {}): Heartbeat {
  return {
    sentAt: Date.now(),
    uptimeSeconds: 3600,
    versions: { bridge: '0.1.0', ui: '0.1.0', node: process.version, os: 'Debian 12' },
    devices: {
      idCardReader: { status: 'ok', detail: null, cardPresent: false },
      receiptPrinter: { status: 'ok', detail: null, paper: 'ok', coverOpen: false },
      a4Printer: { status: 'ok', detail: null, queue: 'PDF' },
      scanner: { status: 'ok', detail: null },
      camera: { status: 'ok', detail: null },
    },
    resources: { cpuLoad: 0.3, memoryUsedPercent: 40, diskFreePercent: 60 },
    rttMs: 12,
    lastErrors: [],
    maintenance: false,
    ...overrides,
  };
}

export function withPaper(hb: Heartbeat, paper: 'ok' | 'near_end' | 'out'): Heartbeat {
  return {
    ...hb,
    devices: { ...hb.devices, receiptPrinter: { ...hb.devices.receiptPrinter, paper } },
  };
}
