import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TimeStampError } from './time-stamp-authority.ts';

const run = promisify(execFile);

/**
 * RFC 3161 requests, replies and verification through OpenSSL's `ts` command (Debian's
 * `openssl`, present wherever ca-certificates is): a maintained implementation of the DER
 * structures instead of one of our own. Each call works in a private temporary directory.
 */
export async function withScratch<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'onething-ts-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function openssl(args: string[], cwd?: string): Promise<string> {
  try {
    const { stdout } = await run('openssl', args, { cwd, maxBuffer: 1 << 20 });
    return stdout;
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new TimeStampError(
      `openssl ${args[0]} ${args[1] ?? ''}: ${(err.stderr ?? err.message).trim().split('\n').at(-1)}`,
    );
  }
}

/** A TimeStampReq over a SHA-256 digest, with a nonce and the signer's certificate asked for. */
export async function createQuery(dir: string, sha256Hex: string): Promise<Buffer> {
  if (!/^[0-9a-f]{64}$/.test(sha256Hex)) throw new TimeStampError('not a SHA-256 digest');
  const file = join(dir, 'query.tsq');
  await openssl(['ts', '-query', '-digest', sha256Hex, '-sha256', '-cert', '-out', file]);
  return readFile(file);
}

/** Reads the signing time and serial off a TimeStampResp (DER). */
export async function readReply(
  dir: string,
  der: Buffer,
): Promise<{ genTime: number; serial: string }> {
  const file = join(dir, 'reply.tsr');
  await writeFile(file, der);
  const text = await openssl(['ts', '-reply', '-in', file, '-text']);
  if (!/Status: Granted/.test(text))
    throw new TimeStampError('the authority did not grant the time-stamp');
  const time = /Time stamp: (.+)/.exec(text)?.[1];
  const serial = /Serial number: (?:0x)?([0-9A-Fa-f]+)/.exec(text)?.[1];
  const genTime = time ? Date.parse(time.trim()) : NaN;
  if (!serial || Number.isNaN(genTime))
    throw new TimeStampError('the time-stamp names no time or serial');
  return { genTime, serial: serial.toLowerCase() };
}

/** Verifies a TimeStampResp over `sha256Hex` against the authority's certificate. */
export async function verifyReply(
  dir: string,
  der: Buffer,
  sha256Hex: string,
  caFile: string,
): Promise<void> {
  if (!/^[0-9a-f]{64}$/.test(sha256Hex)) throw new TimeStampError('not a SHA-256 digest');
  const file = join(dir, 'verify.tsr');
  await writeFile(file, der);
  await openssl([
    'ts',
    '-verify',
    '-digest',
    sha256Hex,
    '-in',
    file,
    '-CAfile',
    caFile,
    '-untrusted',
    caFile,
  ]);
}
