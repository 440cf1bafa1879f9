import type { CommandHandlers, TelemetrySource } from '../service/server-link.ts';

/** Telemetry of a terminal whose devices are all fine, for tests of the server link alone. */
export const healthyTelemetry: TelemetrySource = {
  states: () => ({
    idCardReader: { status: 'ok', detail: null, cardPresent: false },
    receiptPrinter: { status: 'ok', detail: null, paper: 'ok', coverOpen: false },
    a4Printer: { status: 'absent', detail: null, queue: null },
    scanner: { status: 'ok', detail: null },
  }),
  lastErrors: () => [],
};

/** Fleet commands that succeed without doing anything. */
export const succeedingCommands: CommandHandlers = {
  printTestPage: async () => ({ ok: true, outcome: 'testPagePrinted', detailCode: null }),
  readerSelfTest: async () => ({ ok: true, outcome: 'readerOk', detailCode: null }),
  reloadUi: () => ({ ok: true, outcome: 'uiReloaded', detailCode: null }),
  restartBridge: () => undefined,
};
