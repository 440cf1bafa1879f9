import { randomUUID } from 'node:crypto';
import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import type {
  A4Document,
  PrintJobProgress,
  PrintJobState,
  PrintProblem,
  ReceiptDocument,
} from '@onething/contract/sockets/bridge-local';
import { AppError } from '@onething/contract/errors';
import {
  type DeviceDetailCode,
  toDeviceDetailCode,
} from '@onething/contract/sockets/device-detail';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { localDate } from '../devices/id-card/text-block.ts';
import { A4Error, type A4ErrorCode } from '../printing/a4/a4-error.ts';
import { renderCertificatePdf } from '../printing/a4/pdf-documents.ts';
import { type PrintJobInfo, PrintQueue, PrintQueueEvent } from '../printing/print-queue.ts';
import { type ReceiptDocument as ReceiptLayout, renderReceipt } from '../printing/receipt.ts';
import type { Hardware } from './hardware.ts';
import type { CommandOutcome } from './server-link.ts';

type Receipt = z.output<typeof ReceiptDocument>;
type A4 = z.output<typeof A4Document>;

export enum PrintServiceEvent {
  /** Progress of a job the UI was told about: (progress). */
  Progress = 'progress',
}

export type PrintServiceEvents = {
  [PrintServiceEvent.Progress]: [PrintJobProgress];
};

export interface PrintServiceOptions {
  /** The receipt queue's file (it survives restarts). */
  queueFile: string;
  hardware: Hardware;
  logger: Logger;
  /** Status re-check while a job waits. Default 1000 ms. */
  pollIntervalMs?: number;
  clock?: () => Date;
  timeZone?: string;
}

const A4_PROBLEM: Record<A4ErrorCode, PrintProblem> = {
  FONT_MISSING: 'fontMissing',
  RENDER_FAILED: 'renderFailed',
  CUPS_MISSING: 'cupsMissing',
  SCHEDULER_DOWN: 'schedulerDown',
  QUEUE_NOT_FOUND: 'queueNotFound',
  PRINT_FAILED: 'printFailed',
};

/** A print problem as a fleet device-detail code; those the vocabulary has no word for are OTHER. */
const PROBLEM_DETAIL: Partial<Record<PrintProblem, DeviceDetailCode>> = {
  offline: 'NOT_CONNECTED',
  disconnected: 'NOT_CONNECTED',
  fault: 'DEVICE_UNAVAILABLE',
  fontMissing: 'FONT_MISSING',
  renderFailed: 'RENDER_FAILED',
  cupsMissing: 'CUPS_MISSING',
  schedulerDown: 'SCHEDULER_DOWN',
  queueNotFound: 'QUEUE_NOT_FOUND',
  printFailed: 'PRINT_FAILED',
};

function problemCode(problem: PrintProblem | null): DeviceDetailCode | null {
  return problem === null ? null : (PROBLEM_DETAIL[problem] ?? 'OTHER');
}

const FINAL: ReadonlySet<PrintJobState> = new Set(['done', 'failed']);

/**
 * Receipt and A4 printing for the kiosk UI. Receipts go through the durable PrintQueue; A4
 * documents are rendered to PDF and handed to CUPS one at a time. Progress is reported only for
 * jobs the UI has been given the id of (announce), so a notification never overtakes the
 * acknowledgement that names the job.
 */
export class PrintService extends SafeEventEmitter<PrintServiceEvents> {
  readonly #queue: PrintQueue;
  readonly #hardware: Hardware;
  readonly #log: Logger;
  readonly #clock: () => Date;
  readonly #timeZone: string;
  /** Latest progress per live job. */
  readonly #latest = new Map<string, PrintJobProgress>();
  readonly #announced = new Set<string>();
  readonly #waiters = new Map<string, (p: PrintJobProgress) => void>();
  #a4Chain: Promise<void> = Promise.resolve();
  #closed = false;

  private constructor(queue: PrintQueue, options: PrintServiceOptions) {
    super(options.logger);
    this.#queue = queue;
    this.#hardware = options.hardware;
    this.#log = options.logger;
    this.#clock = options.clock ?? (() => new Date());
    this.#timeZone = options.timeZone ?? 'Asia/Shanghai';
    queue.on(PrintQueueEvent.Progress, (info) => this.#onQueueProgress(info));
    queue.on(PrintQueueEvent.Error, (e) =>
      this.#log.error({ code: e.code }, 'receipt print queue error'),
    );
  }

  static async open(options: PrintServiceOptions): Promise<PrintService> {
    const queue = await PrintQueue.open({
      file: options.queueFile,
      printer: options.hardware.printer,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      logger: options.logger.child({ module: 'print-queue' }),
      ...(options.clock && { clock: options.clock }),
    });
    if (queue.quarantinedFile) {
      options.logger.error({ file: queue.quarantinedFile }, 'receipt queue file was corrupt');
    }
    return new PrintService(queue, options);
  }

  /** Queues a receipt; progress follows once announced. */
  async printReceipt(document: Receipt, label = 'receipt'): Promise<string> {
    this.#assertOpen();
    if (!this.#hardware.printer.connected) {
      throw new AppError('DEVICE_UNAVAILABLE', 'the receipt printer is not connected');
    }
    const info = await this.#queue.enqueue(renderReceipt(toLayout(document)), { label });
    return info.id;
  }

  /** Renders and prints an A4 document through CUPS, after the jobs before it. */
  printA4(document: A4): string {
    this.#assertOpen();
    const a4 = this.#hardware.a4;
    if (!a4) throw new AppError('DEVICE_UNAVAILABLE', 'this terminal has no A4 printer');
    const jobId = randomUUID();
    this.#progress({ jobId, printer: 'a4', state: 'queued', problem: null });
    this.#a4Chain = this.#a4Chain.then(async () => {
      // One turn of the event loop first, so the UI hears "queued" before "printing".
      await new Promise((resolve) => setImmediate(resolve));
      this.#progress({ jobId, printer: 'a4', state: 'printing', problem: null });
      try {
        const pdf = await renderCertificatePdf({
          title: document.title,
          serialNumber: document.serial ?? '',
          paragraphs: document.paragraphs,
          issuer: document.issuer ?? '',
          issuedOn: localDate(this.#clock(), this.#timeZone),
          ...(document.qr && { verify: { url: document.qr, caption: '扫码核验' } }),
        });
        // The CUPS job title stays generic: CUPS logs it.
        await a4.print(pdf, { title: document.kind });
        this.#hardware.setA4Result(null);
        this.#progress({ jobId, printer: 'a4', state: 'done', problem: null });
      } catch (e) {
        const error =
          e instanceof A4Error ? e : new A4Error('PRINT_FAILED', (e as Error).message, {}, e);
        this.#log.warn({ code: error.code }, 'A4 job failed');
        this.#hardware.setA4Result(error);
        this.#progress({ jobId, printer: 'a4', state: 'failed', problem: A4_PROBLEM[error.code] });
      }
    });
    return jobId;
  }

  /** From now on progress of this job is reported, starting with where it is now. */
  announce(jobId: string): void {
    this.#announced.add(jobId);
    const latest = this.#latest.get(jobId);
    if (latest) this.#emit(latest);
  }

  /**
   * Prints a test page through the receipt queue (fleet command) and waits for the outcome; a
   * page not printed in time is cancelled so it does not come out later unexpectedly.
   */
  async testPage(terminalId: string, timeoutMs = 60_000): Promise<CommandOutcome> {
    let jobId: string;
    try {
      jobId = await this.printReceipt(
        {
          title: '打印测试页',
          lines: [
            { text: `终端 Terminal: ${terminalId}`, align: 'left', bold: false, size: 'normal' },
            {
              text: `时间 Time: ${this.#clock().toISOString()}`,
              align: 'left',
              bold: false,
              size: 'normal',
            },
            { text: '打印机工作正常 Printer OK', align: 'center', bold: true, size: 'normal' },
          ],
          qr: `onething:test-page:${terminalId}`,
        },
        'test page',
      );
    } catch (e) {
      return {
        ok: false,
        outcome: 'testPageNotQueued',
        detailCode: toDeviceDetailCode((e as Error).message),
      };
    }
    const final = await new Promise<PrintJobProgress | null>((resolve) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(jobId);
        resolve(null);
      }, timeoutMs);
      const latest = this.#latest.get(jobId);
      if (latest && FINAL.has(latest.state)) {
        clearTimeout(timer);
        resolve(latest);
        return;
      }
      this.#waiters.set(jobId, (p) => {
        clearTimeout(timer);
        resolve(p);
      });
    });
    if (final?.state === 'done') return { ok: true, outcome: 'testPagePrinted', detailCode: null };
    if (final)
      return { ok: false, outcome: 'testPageFailed', detailCode: problemCode(final.problem) };
    const waiting = this.#latest.get(jobId)?.problem ?? null;
    await this.#queue.cancel(jobId).catch(() => undefined);
    return { ok: false, outcome: 'testPageTimedOut', detailCode: problemCode(waiting) };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue.close();
    await this.#a4Chain;
  }

  #onQueueProgress(info: PrintJobInfo): void {
    const progress: PrintJobProgress = (() => {
      switch (info.state) {
        case 'waiting':
          return {
            jobId: info.id,
            printer: 'receipt',
            state: 'waiting',
            problem: info.waitingFor ?? null,
          };
        case 'interrupted':
          return {
            jobId: info.id,
            printer: 'receipt',
            state: 'failed',
            problem: 'interrupted',
          };
        case 'cancelled':
          return { jobId: info.id, printer: 'receipt', state: 'failed', problem: 'cancelled' };
        default:
          return { jobId: info.id, printer: 'receipt', state: info.state, problem: null };
      }
    })();
    this.#progress(progress);
  }

  #progress(progress: PrintJobProgress): void {
    const before = this.#latest.get(progress.jobId);
    if (before && before.state === progress.state && before.problem === progress.problem) return;
    this.#latest.set(progress.jobId, progress);
    if (this.#announced.has(progress.jobId)) this.#emit(progress);
    if (FINAL.has(progress.state)) {
      // Keep the final state for a late announce, then forget the job.
      setTimeout(() => {
        this.#latest.delete(progress.jobId);
        this.#announced.delete(progress.jobId);
      }, 60_000).unref();
      const waiter = this.#waiters.get(progress.jobId);
      this.#waiters.delete(progress.jobId);
      waiter?.(progress);
    }
  }

  #emit(progress: PrintJobProgress): void {
    this.safeEmit(PrintServiceEvent.Progress, { ...progress });
  }

  #assertOpen(): void {
    if (this.#closed) throw new AppError('DEVICE_UNAVAILABLE', 'printing is shutting down');
  }
}

function toLayout(doc: Receipt): ReceiptLayout {
  return {
    title: doc.title,
    lines: doc.lines.map((l) => ({
      text: l.text,
      align: l.align,
      bold: l.bold,
      width: l.size === 'double' ? 2 : 1,
      height: l.size === 'double' ? 2 : 1,
    })),
    ...(doc.qr && { qr: { data: doc.qr } }),
    ...(doc.footer && { footer: [doc.footer] }),
  };
}
