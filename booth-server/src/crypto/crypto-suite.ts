import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * The algorithm families personal data and the audit chain are protected with, chosen by
 * configuration (CRYPTO_SUITE):
 *
 * - `sm` — the national algorithms (密评): SM3 for digests, HMAC and key derivation, SM4 for
 *   encryption. SM4 runs in CBC mode with an HMAC-SM3 tag over IV and ciphertext
 *   (encrypt-then-MAC): OpenSSL 3 offers SM4-GCM only in some builds, whereas SM4-CBC and SM3
 *   are in every build with SM support, and CBC + HMAC gives the same integrity guarantee.
 * - `intl` — AES-256-GCM and SHA-256.
 */
export type CryptoSuiteName = 'sm' | 'intl';

export class CryptoSuiteError extends Error {
  readonly code: 'SUITE_UNAVAILABLE' | 'CIPHERTEXT_INVALID';
  constructor(code: CryptoSuiteError['code'], message: string) {
    super(message);
    this.name = 'CryptoSuiteError';
    this.code = code;
  }
}

export class CryptoSuite {
  readonly name: CryptoSuiteName;
  /** The digest algorithm's name as OpenSSL knows it. */
  readonly hash: 'sm3' | 'sha256';

  constructor(name: CryptoSuiteName) {
    this.name = name;
    this.hash = name === 'sm' ? 'sm3' : 'sha256';
    try {
      createHash(this.hash).update('probe').digest();
      if (name === 'sm') createCipheriv('sm4-cbc', Buffer.alloc(16), Buffer.alloc(16)).final();
    } catch (e) {
      throw new CryptoSuiteError(
        'SUITE_UNAVAILABLE',
        `crypto suite ${name}: this Node/OpenSSL build lacks ${this.hash} or SM4 (${(e as Error).message})`,
      );
    }
  }

  digest(data: string | Buffer): string {
    return createHash(this.hash).update(data).digest('hex');
  }

  hmac(key: Buffer, data: string | Buffer): string {
    return createHmac(this.hash, key).update(data).digest('hex');
  }

  /** Derives a purpose-bound subkey from a master key (HKDF over the suite's hash). */
  derive(master: Buffer, purpose: string, bytes: number): Buffer {
    return Buffer.from(hkdfSync(this.hash, master, Buffer.alloc(0), `onething:${purpose}`, bytes));
  }

  /** Authenticated encryption; `aad` (e.g. the key id) is bound into the tag. */
  seal(master: Buffer, plaintext: Buffer, aad: string): Buffer {
    if (this.name === 'sm') {
      const iv = randomBytes(16);
      const c = createCipheriv('sm4-cbc', this.derive(master, 'sm4', 16), iv);
      const ct = Buffer.concat([c.update(plaintext), c.final()]);
      const tag = this.#smTag(master, aad, iv, ct);
      return Buffer.concat([iv, ct, tag]);
    }
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.derive(master, 'aes', 32), iv);
    c.setAAD(Buffer.from(aad));
    const ct = Buffer.concat([c.update(plaintext), c.final()]);
    return Buffer.concat([iv, ct, c.getAuthTag()]);
  }

  open(master: Buffer, sealed: Buffer, aad: string): Buffer {
    try {
      if (this.name === 'sm') {
        if (sealed.length < 16 + 16 + 32) throw new Error('too short');
        const iv = sealed.subarray(0, 16);
        const ct = sealed.subarray(16, -32);
        const tag = sealed.subarray(-32);
        if (!timingSafeEqual(tag, this.#smTag(master, aad, iv, ct))) throw new Error('bad tag');
        const d = createDecipheriv('sm4-cbc', this.derive(master, 'sm4', 16), iv);
        return Buffer.concat([d.update(ct), d.final()]);
      }
      if (sealed.length < 12 + 16) throw new Error('too short');
      const d = createDecipheriv(
        'aes-256-gcm',
        this.derive(master, 'aes', 32),
        sealed.subarray(0, 12),
      );
      d.setAAD(Buffer.from(aad));
      d.setAuthTag(sealed.subarray(-16));
      return Buffer.concat([d.update(sealed.subarray(12, -16)), d.final()]);
    } catch (e) {
      throw new CryptoSuiteError(
        'CIPHERTEXT_INVALID',
        `ciphertext does not authenticate (${(e as Error).message}): wrong key or altered data`,
      );
    }
  }

  #smTag(master: Buffer, aad: string, iv: Buffer, ct: Buffer): Buffer {
    return createHmac('sm3', this.derive(master, 'sm3-mac', 32))
      .update(aad)
      .update(iv)
      .update(ct)
      .digest();
  }
}
