import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '../../logging/logger.ts';
import { createQuery, openssl, readReply, verifyReply, withScratch } from './openssl-ts.ts';
import type { TimeStamp, TimeStampAuthority } from './time-stamp-authority.ts';

const log = createLogger('time-stamp');

const CONFIG = `[ tsa ]
default_tsa = simulated
[ simulated ]
serial = ./serial
crypto_device = builtin
signer_cert = ./tsa.crt
signer_key = ./tsa.key
signer_digest = sha256
default_policy = 1.2.156.1
other_policies = 1.2.156.1
digests = sha256
accuracy = secs:1
ordering = yes
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
[ req ]
distinguished_name = dn
prompt = no
[ dn ]
CN = onething simulated time-stamp authority
[ ext ]
basicConstraints = critical,CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = critical,timeStamping
`;

/**
 * A time-stamp authority of our own, standing in for the province's (as the shared-data
 * sources are simulated): real RFC 3161 replies signed with a key kept in `dir` (created at
 * first use, readable by this user only). Its stamps prove order and integrity on this
 * machine, not to an outside party; /healthz names it simulated.
 */
export class SimulatedTimeStampAuthority implements TimeStampAuthority {
  readonly kind = 'simulated' as const;
  readonly #dir: string;
  #ready: Promise<void> | undefined;
  /** openssl's serial file is not safe for concurrent replies: one at a time. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(dir: string) {
    this.#dir = dir;
  }

  /** The authority's certificate (PEM path), which verification trusts. */
  get certificateFile(): string {
    return join(this.#dir, 'tsa.crt');
  }

  stamp(sha256Hex: string): Promise<TimeStamp> {
    const next = this.#queue.then(() => this.#stamp(sha256Hex));
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async verify(stamp: TimeStamp, sha256Hex: string): Promise<{ genTime: number }> {
    await this.#ensureKey();
    return withScratch(async (dir) => {
      const der = Buffer.from(stamp.token, 'base64');
      await verifyReply(dir, der, sha256Hex, this.certificateFile);
      return { genTime: (await readReply(dir, der)).genTime };
    });
  }

  async #stamp(sha256Hex: string): Promise<TimeStamp> {
    await this.#ensureKey();
    return withScratch(async (dir) => {
      const query = join(dir, 'query.tsq');
      await writeFile(query, await createQuery(dir, sha256Hex));
      const reply = join(dir, 'out.tsr');
      await openssl(
        ['ts', '-reply', '-config', 'tsa.cnf', '-queryfile', query, '-out', reply],
        this.#dir,
      );
      const der = await readFile(reply);
      const { genTime, serial } = await readReply(dir, der);
      return { token: der.toString('base64'), genTime, serial };
    });
  }

  #ensureKey(): Promise<void> {
    this.#ready ??= (async () => {
      await mkdir(this.#dir, { recursive: true, mode: 0o700 });
      await writeFile(join(this.#dir, 'tsa.cnf'), CONFIG);
      if (existsSync(join(this.#dir, 'tsa.key')) && existsSync(this.certificateFile)) return;
      await openssl(
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:P-256',
          '-nodes',
          '-keyout',
          'tsa.key',
          '-out',
          'tsa.crt',
          '-days',
          '3650',
          '-config',
          'tsa.cnf',
          '-extensions',
          'ext',
        ],
        this.#dir,
      );
      await chmod(join(this.#dir, 'tsa.key'), 0o600);
      if (!existsSync(join(this.#dir, 'serial')))
        await writeFile(join(this.#dir, 'serial'), '01\n');
      log.info({ dir: this.#dir }, 'simulated time-stamp authority key created');
    })();
    this.#ready.catch(() => (this.#ready = undefined));
    return this.#ready;
  }
}
