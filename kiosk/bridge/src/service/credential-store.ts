import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '@onething/contract/errors';
import type { Logger } from 'pino';
import { z } from 'zod';
import { writeFileAtomic } from '../storage/durable-file.ts';
import type { BoothHttp } from './booth-http.ts';

export interface TerminalCredential {
  terminalId: string;
  credential: string;
}

const CredentialFile = z.object({
  terminalId: z.string().min(1),
  credential: z.string().min(16),
});

/** Why the bridge cannot get a credential; main prints the message and exits. */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
}

/**
 * The terminal's own credential in `<dataDir>/credential.json` (mode 0600, written atomically).
 * It is obtained once, by exchanging the one-time enrolment code; afterwards the code is spent
 * and only this file identifies the terminal.
 */
export class CredentialStore {
  readonly file: string;
  readonly #http: BoothHttp;
  readonly #log: Logger;

  constructor(dataDir: string, http: BoothHttp, log: Logger) {
    this.file = path.join(dataDir, 'credential.json');
    this.#http = http;
    this.#log = log;
  }

  /** The stored credential, or null when there is none. Throws on a damaged file. */
  async read(): Promise<TerminalCredential | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new CredentialError(`cannot read ${this.file}: ${(e as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    const parsed = CredentialFile.safeParse(json);
    if (!parsed.success) {
      throw new CredentialError(
        `${this.file} is damaged; delete it and enrol again with BRIDGE_TERMINAL_ID and BRIDGE_ENROLMENT_CODE`,
      );
    }
    return parsed.data;
  }

  /**
   * The stored credential, or a new one from the enrolment code. Throws CredentialError with
   * what to do when neither works.
   */
  async obtain(
    enrolment: { terminalId: string; code: string } | null,
  ): Promise<TerminalCredential> {
    const stored = await this.read();
    if (stored) {
      if (enrolment && enrolment.terminalId !== stored.terminalId) {
        this.#log.warn(
          { stored: stored.terminalId, configured: enrolment.terminalId },
          'a credential is stored for another terminal id; using it (delete credential.json to re-enrol)',
        );
      }
      return stored;
    }
    if (!enrolment) {
      throw new CredentialError(
        `no terminal credential in ${this.file}: set BRIDGE_TERMINAL_ID and BRIDGE_ENROLMENT_CODE (from the admin console) to enrol this terminal`,
      );
    }
    let enrolled: TerminalCredential;
    try {
      enrolled = await this.#http.enrol(enrolment.terminalId, enrolment.code);
    } catch (e) {
      const reason = e instanceof AppError ? `${e.code}: ${e.message}` : String(e);
      throw new CredentialError(`enrolment of ${enrolment.terminalId} failed (${reason})`);
    }
    await this.write(enrolled);
    this.#log.info({ terminalId: enrolled.terminalId }, 'terminal enrolled; credential stored');
    return enrolled;
  }

  async write(credential: TerminalCredential): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(credential));
  }
}
