import { randomBytes } from 'node:crypto';
import { CryptoSuite, CryptoSuiteError, type CryptoSuiteName } from './crypto-suite.ts';

/** Marks a stored value as ciphertext: `enc1:<key id>:<suite>:<base64 of iv|ciphertext|tag>`. */
const PREFIX = 'enc1:';

export interface FieldKeys {
  /** Key id → 32-byte master key. Old keys stay here until `data:rekey` has run. */
  keys: Map<string, Buffer>;
  /** The key new values are encrypted with. */
  activeKeyId: string;
  /** The key of the blind indexes (HMAC) lookups use instead of plaintext. */
  indexKey: Buffer;
}

/**
 * Encryption of personal columns at rest. Each ciphertext names its key id and suite, so a
 * rotation adds a key, makes it active, and re-encrypts row by row (`npm run data:rekey`)
 * while every row stays readable. Values written before encryption existed (no prefix) read
 * as plaintext until the rekey command has passed over them.
 */
export class FieldCipher {
  readonly suite: CryptoSuite;
  readonly #keys: Map<string, Buffer>;
  readonly #activeKeyId: string;
  readonly #indexKey: Buffer;
  readonly #suites = new Map<string, CryptoSuite>();

  constructor(suite: CryptoSuiteName, keys: FieldKeys) {
    this.suite = new CryptoSuite(suite);
    this.#suites.set(suite, this.suite);
    if (!keys.keys.has(keys.activeKeyId)) {
      throw new CryptoSuiteError(
        'SUITE_UNAVAILABLE',
        `active key ${keys.activeKeyId} is not among the data keys`,
      );
    }
    this.#keys = keys.keys;
    this.#activeKeyId = keys.activeKeyId;
    this.#indexKey = this.suite.derive(keys.indexKey, 'blind-index', 32);
  }

  static #ephemeral: FieldCipher | null = null;

  /**
   * One cipher per process whose keys live only in memory: for unit tests and tools that keep
   * nothing beyond the process.
   */
  static ephemeral(): FieldCipher {
    FieldCipher.#ephemeral ??= new FieldCipher('sm', {
      keys: new Map([['ephemeral', randomBytes(32)]]),
      activeKeyId: 'ephemeral',
      indexKey: randomBytes(32),
    });
    return FieldCipher.#ephemeral;
  }

  get activeKeyId(): string {
    return this.#activeKeyId;
  }

  encrypt(plaintext: string): string {
    const key = this.#keys.get(this.#activeKeyId) as Buffer;
    const aad = `${this.#activeKeyId}:${this.suite.name}`;
    const sealed = this.suite.seal(key, Buffer.from(plaintext, 'utf8'), aad);
    return `${PREFIX}${aad}:${sealed.toString('base64')}`;
  }

  decrypt(stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const [kid, suiteName, b64] = stored.slice(PREFIX.length).split(':');
    const key = kid ? this.#keys.get(kid) : undefined;
    if (!key || !b64 || (suiteName !== 'sm' && suiteName !== 'intl')) {
      throw new CryptoSuiteError(
        'CIPHERTEXT_INVALID',
        `no data key ${kid ?? '?'} configured for a stored value`,
      );
    }
    const suite = this.#suiteOf(suiteName);
    return suite.open(key, Buffer.from(b64, 'base64'), `${kid}:${suiteName}`).toString('utf8');
  }

  /** True when the value is not yet under the active key and suite (the rekey command's test). */
  isStale(stored: string): boolean {
    return !stored.startsWith(`${PREFIX}${this.#activeKeyId}:${this.suite.name}:`);
  }

  encryptJson(value: unknown): string {
    return this.encrypt(JSON.stringify(value));
  }

  decryptJson<T>(stored: string): T {
    return JSON.parse(this.decrypt(stored)) as T;
  }

  /**
   * A keyed blind index: equal inputs give equal indexes, but without the index key nobody can
   * test a guessed ID number against the table (an unkeyed hash of an 18-character ID number
   * with known region and birth date is a few hours of brute force).
   */
  index(purpose: string, value: string): string {
    return this.suite.hmac(this.#indexKey, `${purpose}\u0000${value}`);
  }

  #suiteOf(name: CryptoSuiteName): CryptoSuite {
    let s = this.#suites.get(name);
    if (!s) {
      s = new CryptoSuite(name);
      this.#suites.set(name, s);
    }
    return s;
  }
}
