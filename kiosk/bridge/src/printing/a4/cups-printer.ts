import { execFile } from 'node:child_process';
import { A4Error } from './a4-error.ts';

export interface CupsOptions {
  lpPath?: string;
  lpstatPath?: string;
  /** Give up on lp after this long. Default 30 s. */
  timeoutMs?: number;
}

export interface CupsJob {
  /** e.g. `cups-pdf-12`, as `lp` reports it. */
  jobId: string;
}

export interface PrintRequest {
  /**
   * Job title; CUPS keeps it in its logs, so keep personal data out of it (e.g. "certificate",
   * not the holder's name). Default "document".
   */
  title?: string;
  copies?: number;
  /** CUPS media name. Default A4. */
  media?: string;
}

/** Parses `request id is cups-pdf-12 (1 file(s))`. */
export function parseLpJobId(stdout: string): string | null {
  return /request id is (\S+)/.exec(stdout)?.[1] ?? null;
}

interface ExecResult {
  code: number | string | null;
  stdout: string;
  stderr: string;
}

function run(
  file: string,
  args: string[],
  input: Uint8Array | null,
  timeoutMs: number,
): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      args,
      { timeout: timeoutMs, encoding: 'utf8', maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        const code = error
          ? ((error as NodeJS.ErrnoException).code ?? (error as { status?: number }).status ?? 1)
          : 0;
        resolve({ code: code as number | string, stdout, stderr });
      },
    );
    // lp reads the document from stdin: no copy of it is written to disk by us.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? undefined);
  });
}

function classify(file: string, result: ExecResult, queue: string | null): A4Error {
  if (result.code === 'ENOENT') {
    return new A4Error('CUPS_MISSING', `${file} not found: install cups-client (and cups)`, {
      command: file,
    });
  }
  const message = `${result.stderr}${result.stdout}`.trim();
  if (
    /printer or class does not exist|unknown destination|not a valid destination/i.test(message)
  ) {
    return new A4Error('QUEUE_NOT_FOUND', `No print queue ${queue ?? ''}`.trim(), {
      queue,
      output: message,
    });
  }
  if (
    /scheduler (is )?not (running|responding)|unable to connect|connection refused/i.test(message)
  ) {
    return new A4Error('SCHEDULER_DOWN', 'The CUPS scheduler is not running', { output: message });
  }
  return new A4Error(
    'PRINT_FAILED',
    `${file} failed: ${message || `exit ${String(result.code)}`}`,
    {
      code: result.code,
      output: message,
    },
  );
}

/** Prints PDFs on one CUPS queue with `lp -d <queue>`. */
export class CupsPrinter {
  readonly queue: string;
  readonly #lp: string;
  readonly #timeoutMs: number;

  constructor(queue: string, options: CupsOptions = {}) {
    if (!/^[^\s/#]+$/.test(queue)) throw new RangeError(`Not a CUPS queue name: ${queue}`);
    this.queue = queue;
    this.#lp = options.lpPath ?? 'lp';
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  async print(document: Uint8Array, request: PrintRequest = {}): Promise<CupsJob> {
    const copies = request.copies ?? 1;
    if (!Number.isInteger(copies) || copies < 1 || copies > 99)
      throw new RangeError('copies must be 1..99');
    const args = [
      '-d',
      this.queue,
      '-t',
      request.title ?? 'document',
      '-n',
      String(copies),
      '-o',
      `media=${request.media ?? 'A4'}`,
    ];
    const result = await run(this.#lp, args, document, this.#timeoutMs);
    if (result.code !== 0) throw classify(this.#lp, result, this.queue);
    const jobId = parseLpJobId(result.stdout);
    if (!jobId) {
      throw new A4Error('PRINT_FAILED', 'lp did not report a job id', {
        output: result.stdout.trim(),
      });
    }
    return { jobId };
  }
}

/** Names of the CUPS queues (`lpstat -e`); [] when there are none. */
export async function listCupsQueues(options: CupsOptions = {}): Promise<string[]> {
  const lpstat = options.lpstatPath ?? 'lpstat';
  const result = await run(lpstat, ['-e'], null, options.timeoutMs ?? 10_000);
  if (result.code !== 0) throw classify(lpstat, result, null);
  return result.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
