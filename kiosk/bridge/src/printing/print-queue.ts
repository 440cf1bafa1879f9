import { randomUUID } from 'node:crypto';
import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import type { PrinterStatus } from '../devices/receipt-printer/printer-status.ts';
import type { JobPrinter } from '../devices/receipt-printer/receipt-printer.ts';
import { DurableFile, type DurableRead } from '../storage/durable-file.ts';
import { PrintQueueError } from './print-queue-error.ts';

export type PrintJobState =
  | 'queued'
  /** Not printable right now (waitingFor says why); resumes by itself. */
  | 'waiting'
  | 'printing'
  | 'done'
  /** Stopped part-way by a restart or disconnect; never resumed automatically (reprint it). */
  | 'interrupted'
  | 'cancelled';

export type WaitReason = 'paperOut' | 'coverOpen' | 'fault' | 'offline' | 'disconnected';

export interface PrintJobInfo {
  id: string;
  label: string;
  state: PrintJobState;
  waitingFor: WaitReason | null;
  bytesSent: number;
  totalBytes: number;
  createdAt: string;
  updatedAt: string;
  /** The job this one reprints, if any. */
  reprintOf: string | null;
}

export enum PrintQueueEvent {
  /** A job changed state or sent more bytes: (info). */
  Progress = 'progress',
  Error = 'error',
}

export type PrintQueueEvents = {
  [PrintQueueEvent.Progress]: [PrintJobInfo];
  [PrintQueueEvent.Error]: [PrintQueueError];
};

const STATES = ['queued', 'waiting', 'printing', 'done', 'interrupted', 'cancelled'] as const;
const REASONS = ['paperOut', 'coverOpen', 'fault', 'offline', 'disconnected'] as const;

const JobRecord = z.object({
  id: z.string().min(1),
  label: z.string(),
  state: z.enum(STATES),
  waitingFor: z.enum(REASONS).nullable(),
  bytesSent: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
  reprintOf: z.string().nullable(),
  /** ESC/POS bytes, base64. */
  data: z.string(),
});
type JobRecord = z.infer<typeof JobRecord>;

const QueueFile = z.object({ version: z.literal(1), jobs: z.array(JobRecord) });

interface Job extends Omit<JobRecord, 'data'> {
  data: Uint8Array;
}

const TERMINAL: ReadonlySet<PrintJobState> = new Set(['done', 'interrupted', 'cancelled']);

export interface PrintQueueOptions {
  /** The JSON file that holds the queue; written atomically (temp file + rename). */
  file: string;
  printer: JobPrinter;
  /** Bytes sent between status checks. Default 512. */
  chunkSize?: number;
  /** Status re-check interval while waiting. Default 1000 ms. */
  pollIntervalMs?: number;
  /**
   * How long finished jobs (and their data, which can hold personal details) are kept for
   * reprint. Default 15 minutes.
   */
  retainMs?: number;
  /**
   * How often finished jobs past their retention are dropped, whether or not anything else is
   * printed. Default a quarter of retainMs, at most one minute.
   */
  purgeIntervalMs?: number;
  clock?: () => Date;
  logger?: Logger;
}

/**
 * Durable receipt print queue. Jobs survive a restart; a job waits while the printer cannot
 * print (paper out, cover open, fault, unplugged) and resumes by itself; no job is ever sent to
 * the printer twice unless reprint() asks for it. The state is persisted as "printing" before
 * the first byte goes out, so a crash mid-job leaves an interrupted job, not a duplicate.
 */
export class PrintQueue extends SafeEventEmitter<PrintQueueEvents> {
  readonly #file: DurableFile;
  readonly #printer: JobPrinter;
  readonly #chunkSize: number;
  readonly #pollIntervalMs: number;
  readonly #retainMs: number;
  readonly #clock: () => Date;
  readonly #logger: Logger;
  #jobs: Job[] = [];
  #worker: Promise<void> | null = null;
  #closed = false;
  #wake: (() => void) | null = null;
  #purgeTimer: NodeJS.Timeout | null = null;
  readonly #purgeIntervalMs: number;
  /** Where a corrupt queue file was moved on open, if it was. */
  quarantinedFile: string | null = null;

  private constructor(options: PrintQueueOptions) {
    const logger = options.logger ?? pino({ level: 'silent' });
    super(logger);
    this.#printer = options.printer;
    this.#chunkSize = options.chunkSize ?? 512;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.#retainMs = options.retainMs ?? 15 * 60_000;
    this.#purgeIntervalMs =
      options.purgeIntervalMs ?? Math.max(1000, Math.min(60_000, this.#retainMs / 4));
    this.#clock = options.clock ?? (() => new Date());
    this.#file = new DurableFile(options.file, { clock: () => this.#clock().getTime() });
    this.#logger = logger;
  }

  /** Loads the queue file (if any), settles jobs a previous run left mid-print, and starts. */
  static async open(options: PrintQueueOptions): Promise<PrintQueue> {
    const queue = new PrintQueue(options);
    await queue.#load();
    queue.#kick();
    // Retention runs on its own timer: a receipt's data must not outlive it because no later
    // job came along to trigger a purge.
    queue.#purgeTimer = setInterval(() => void queue.#purgeAndSave(), queue.#purgeIntervalMs);
    queue.#purgeTimer.unref();
    return queue;
  }

  list(): PrintJobInfo[] {
    return this.#jobs.map(info);
  }

  get(jobId: string): PrintJobInfo | undefined {
    const job = this.#jobs.find((j) => j.id === jobId);
    return job ? info(job) : undefined;
  }

  /** Persists the job, then schedules it. */
  async enqueue(bytes: Uint8Array, options: { label?: string } = {}): Promise<PrintJobInfo> {
    this.#assertOpen();
    if (bytes.length === 0) throw new PrintQueueError('EMPTY_JOB', 'A print job needs data');
    const job = this.#newJob(Uint8Array.from(bytes), options.label ?? '', null);
    this.#jobs.push(job);
    await this.#persist();
    this.#emitProgress(job);
    this.#kick();
    return info(job);
  }

  /** Prints a finished, interrupted or cancelled job again, as a new job. */
  async reprint(jobId: string): Promise<PrintJobInfo> {
    this.#assertOpen();
    const original = this.#find(jobId);
    if (!TERMINAL.has(original.state)) {
      throw new PrintQueueError('NOT_REPRINTABLE', `Job ${jobId} is still ${original.state}`, {
        jobId,
        state: original.state,
      });
    }
    const job = this.#newJob(original.data, original.label, original.id);
    this.#jobs.push(job);
    await this.#persist();
    this.#emitProgress(job);
    this.#kick();
    return info(job);
  }

  /** Stops a job that has not finished; bytes already sent stay printed. */
  async cancel(jobId: string): Promise<PrintJobInfo> {
    this.#assertOpen();
    const job = this.#find(jobId);
    if (TERMINAL.has(job.state)) {
      throw new PrintQueueError('NOT_CANCELLABLE', `Job ${jobId} is already ${job.state}`, {
        jobId,
        state: job.state,
      });
    }
    this.#setState(job, 'cancelled', null);
    await this.#persist();
    this.#wakeUp();
    return info(job);
  }

  /** Stops after the chunk in flight; pending jobs stay in the file for the next start. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#purgeTimer) clearInterval(this.#purgeTimer);
    this.#purgeTimer = null;
    this.#wakeUp();
    await this.#worker;
    await this.#file.settled();
  }

  async #load(): Promise<void> {
    let read: DurableRead<z.output<typeof QueueFile>>;
    try {
      read = await this.#file.read(QueueFile);
    } catch (error) {
      throw new PrintQueueError(
        'FILE_IO',
        `Cannot read ${this.#file.path}`,
        { file: this.#file.path },
        error,
      );
    }
    if (read.kind === 'absent') return;
    if (read.kind === 'quarantined') {
      // Keep the bad file for inspection and start empty rather than refusing to print.
      this.quarantinedFile = read.aside;
      this.#logger.error(
        { file: read.aside, reason: read.reason },
        'print queue file corrupt; moved aside',
      );
      return;
    }
    const parsed = read.value;
    const now = this.#clock().toISOString();
    this.#jobs = parsed.jobs.map((record) => {
      const job: Job = { ...record, data: new Uint8Array(Buffer.from(record.data, 'base64')) };
      const midPrint = job.state === 'printing' || (job.state === 'waiting' && job.bytesSent > 0);
      if (midPrint) {
        job.state = 'interrupted';
        job.waitingFor = null;
        job.updatedAt = now;
      } else if (job.state === 'waiting') {
        job.state = 'queued';
        job.waitingFor = null;
      }
      return job;
    });
    this.#purge();
    await this.#persist();
  }

  #kick(): void {
    if (this.#worker || this.#closed) return;
    let failed = false;
    this.#worker = this.#work()
      .catch((error) => {
        failed = true;
        this.#emitError(
          error instanceof PrintQueueError
            ? error
            : new PrintQueueError('FILE_IO', 'Print queue stopped on an error', {}, error),
        );
      })
      .finally(() => {
        this.#worker = null;
        if (this.#closed || !this.#jobs.some((j) => !TERMINAL.has(j.state))) return;
        // After a failure (e.g. the disk), retry on the poll interval rather than spinning.
        if (failed) setTimeout(() => this.#kick(), this.#pollIntervalMs).unref();
        else this.#kick();
      });
  }

  async #work(): Promise<void> {
    for (;;) {
      if (this.#closed) return;
      const job = this.#jobs.find((j) => !TERMINAL.has(j.state));
      if (!job) return;
      await this.#process(job);
    }
  }

  async #process(job: Job): Promise<void> {
    while (!this.#closed && !TERMINAL.has(job.state)) {
      let status: PrinterStatus;
      try {
        status = await this.#printer.queryStatus();
      } catch {
        if (await this.#interruptIfLost(job)) return;
        await this.#waitFor(job, this.#printer.connected ? 'offline' : 'disconnected');
        continue;
      }
      if (TERMINAL.has(job.state)) return;
      if (!status.ready) {
        await this.#waitFor(job, reasonOf(status));
        continue;
      }
      if (job.bytesSent >= job.data.length) {
        // Everything was sent and the printer is ready, so nothing is held in its buffer.
        this.#setState(job, 'done', null);
        this.#purge();
        await this.#persist();
        return;
      }
      if (job.state !== 'printing') {
        this.#setState(job, 'printing', null);
        await this.#persist();
      }
      const chunk = job.data.subarray(job.bytesSent, job.bytesSent + this.#chunkSize);
      try {
        await this.#printer.write(chunk);
      } catch {
        if (await this.#interruptIfLost(job)) return;
        await this.#waitFor(job, 'offline');
        continue;
      }
      job.bytesSent += chunk.length;
      job.updatedAt = this.#clock().toISOString();
      await this.#persist();
      this.#emitProgress(job);
    }
  }

  /**
   * A printer that went away mid-job may have lost what it buffered, so neither resuming nor
   * restarting is safe: the job is interrupted and left for reprint().
   */
  async #interruptIfLost(job: Job): Promise<boolean> {
    if (this.#printer.connected || job.bytesSent === 0) return false;
    this.#setState(job, 'interrupted', null);
    await this.#persist();
    return true;
  }

  async #waitFor(job: Job, reason: WaitReason): Promise<void> {
    if (job.state !== 'waiting' || job.waitingFor !== reason) {
      this.#setState(job, 'waiting', reason);
      await this.#persist();
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#wake = null;
        resolve();
      }, this.#pollIntervalMs);
      this.#wake = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
    });
  }

  #wakeUp(): void {
    this.#wake?.();
  }

  #setState(job: Job, state: PrintJobState, waitingFor: WaitReason | null): void {
    job.state = state;
    job.waitingFor = waitingFor;
    job.updatedAt = this.#clock().toISOString();
    this.#emitProgress(job);
  }

  #newJob(data: Uint8Array, label: string, reprintOf: string | null): Job {
    const now = this.#clock().toISOString();
    return {
      id: randomUUID(),
      label,
      state: 'queued',
      waitingFor: null,
      bytesSent: 0,
      createdAt: now,
      updatedAt: now,
      reprintOf,
      data,
    };
  }

  /** Drops finished jobs older than the retention period, with their data; true if any went. */
  #purge(): boolean {
    const cutoff = this.#clock().getTime() - this.#retainMs;
    const before = this.#jobs.length;
    this.#jobs = this.#jobs.filter(
      (j) => !TERMINAL.has(j.state) || Date.parse(j.updatedAt) >= cutoff,
    );
    return this.#jobs.length !== before;
  }

  async #purgeAndSave(): Promise<void> {
    if (this.#closed || !this.#purge()) return;
    await this.#persist().catch((err: unknown) =>
      this.#logger.error({ err }, 'print queue retention could not be saved'),
    );
  }

  async #persist(): Promise<void> {
    const snapshot = JSON.stringify({
      version: 1,
      jobs: this.#jobs.map(({ data, ...rest }) => ({
        ...rest,
        data: Buffer.from(data).toString('base64'),
      })),
    });
    try {
      await this.#file.write(snapshot);
    } catch (error) {
      throw new PrintQueueError(
        'FILE_IO',
        `Cannot write ${this.#file.path}`,
        { file: this.#file.path },
        error,
      );
    }
  }

  #find(jobId: string): Job {
    const job = this.#jobs.find((j) => j.id === jobId);
    if (!job) throw new PrintQueueError('UNKNOWN_JOB', `No print job ${jobId}`, { jobId });
    return job;
  }

  #assertOpen(): void {
    if (this.#closed) throw new PrintQueueError('CLOSED', 'The print queue is closed');
  }

  #emitProgress(job: Job): void {
    this.safeEmit(PrintQueueEvent.Progress, info(job));
  }

  #emitError(error: PrintQueueError): void {
    this.#logger.error({ code: error.code }, error.message);
    this.safeEmit(PrintQueueEvent.Error, error);
  }
}

function info(job: Job): PrintJobInfo {
  return {
    id: job.id,
    label: job.label,
    state: job.state,
    waitingFor: job.waitingFor,
    bytesSent: job.bytesSent,
    totalBytes: job.data.length,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    reprintOf: job.reprintOf,
  };
}

function reasonOf(status: PrinterStatus): WaitReason {
  if (status.paperOut) return 'paperOut';
  if (status.coverOpen) return 'coverOpen';
  if (status.faults.length > 0) return 'fault';
  return 'offline';
}
