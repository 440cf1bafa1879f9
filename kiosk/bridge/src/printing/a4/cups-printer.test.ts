import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findCjkFont } from './cjk-font.ts';
import { CupsPrinter, listCupsQueues, parseLpJobId } from './cups-printer.ts';
import { renderCertificatePdf } from './pdf-documents.ts';

const dir = mkdtempSync(join(tmpdir(), 'cups-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in `lp` that records its arguments and stdin, then answers like CUPS. */
function fakeLp(reply: { stdout?: string; stderr?: string; exit?: number }): string {
  const path = join(dir, `lp-${Math.random().toString(36).slice(2)}`);
  writeFileSync(
    path,
    `#!/bin/sh
printf '%s\\n' "$@" > "${path}.args"
cat > "${path}.stdin"
printf '%s' '${reply.stdout ?? ''}'
printf '%s' '${reply.stderr ?? ''}' >&2
exit ${reply.exit ?? 0}
`,
  );
  chmodSync(path, 0o755);
  return path;
}

function hasLp(): boolean {
  try {
    execFileSync('lpstat', ['-e'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

describe('CUPS job ids', () => {
  it('parses the request id lp prints', () => {
    expect(parseLpJobId('request id is cups-pdf-12 (1 file(s))\n')).toBe('cups-pdf-12');
    expect(parseLpJobId('')).toBeNull();
  });
});

describe('CupsPrinter with a stand-in lp', () => {
  it('sends the document on stdin with queue, title, copies and media, and returns the job id', async () => {
    const lp = fakeLp({ stdout: 'request id is certs-7 (1 file(s))\n' });
    const pdf = Buffer.from('%PDF-1.3 test document');
    const job = await new CupsPrinter('certs', { lpPath: lp }).print(pdf, {
      title: 'certificate',
      copies: 2,
    });
    expect(job).toEqual({ jobId: 'certs-7' });
    expect(readFileSync(`${lp}.args`, 'utf8').split('\n').filter(Boolean)).toEqual([
      '-d',
      'certs',
      '-t',
      'certificate',
      '-n',
      '2',
      '-o',
      'media=A4',
    ]);
    expect(readFileSync(`${lp}.stdin`)).toEqual(pdf);
  });

  it('maps lp failures to typed errors', async () => {
    const missingQueue = fakeLp({
      stderr: 'lp: Error - The printer or class does not exist.',
      exit: 1,
    });
    await expect(
      new CupsPrinter('nope', { lpPath: missingQueue }).print(Buffer.from('x')),
    ).rejects.toMatchObject({
      code: 'QUEUE_NOT_FOUND',
    });
    const down = fakeLp({ stderr: 'lp: Error - Scheduler Not Responding.', exit: 1 });
    await expect(
      new CupsPrinter('q', { lpPath: down }).print(Buffer.from('x')),
    ).rejects.toMatchObject({
      code: 'SCHEDULER_DOWN',
    });
    const silent = fakeLp({ stdout: 'ok' });
    await expect(
      new CupsPrinter('q', { lpPath: silent }).print(Buffer.from('x')),
    ).rejects.toMatchObject({
      code: 'PRINT_FAILED',
    });
  });

  it('reports CUPS_MISSING when lp is not installed', async () => {
    const printer = new CupsPrinter('q', { lpPath: join(dir, 'no-such-lp') });
    await expect(printer.print(Buffer.from('x'))).rejects.toMatchObject({ code: 'CUPS_MISSING' });
    await expect(listCupsQueues({ lpstatPath: join(dir, 'no-such-lpstat') })).rejects.toMatchObject(
      {
        code: 'CUPS_MISSING',
      },
    );
  });

  it('refuses queue names lp would misread', () => {
    expect(() => new CupsPrinter('a b')).toThrow(RangeError);
    expect(() => new CupsPrinter('')).toThrow(RangeError);
  });
});

const queues = hasLp() ? await listCupsQueues().catch(() => []) : [];
const pdfQueue = queues.find((q) => /pdf/i.test(q));
if (!pdfQueue) {
  console.warn(
    `cups-printer.test: no cups-pdf queue (${hasLp() ? `lpstat -e lists: ${queues.join(', ') || 'none'}` : 'CUPS not installed'}); real CUPS print test skipped`,
  );
}

describe('CupsPrinter on a real CUPS queue', () => {
  it.skipIf(!pdfQueue || !findCjkFont())(
    'prints a rendered certificate and gets a job id',
    async () => {
      const pdf = await renderCertificatePdf({
        title: '无犯罪记录证明',
        serialNumber: 'TEST-0001',
        paragraphs: ['测试打印。'],
        issuer: '测试单位',
        issuedOn: '2025-06-01',
      });
      const job = await new CupsPrinter(pdfQueue as string).print(pdf, {
        title: 'test certificate',
      });
      expect(job.jobId).toMatch(new RegExp(`^${pdfQueue}-\\d+$`));
    },
  );

  it.skipIf(!hasLp())('reports a queue that does not exist', async () => {
    await expect(
      new CupsPrinter('no-such-queue-xyz').print(Buffer.from('%PDF-1.3')),
    ).rejects.toMatchObject({
      code: expect.stringMatching(/QUEUE_NOT_FOUND|SCHEDULER_DOWN/),
    });
  });
});
