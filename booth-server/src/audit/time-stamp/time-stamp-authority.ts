/**
 * A trusted time-stamp authority (RFC 3161): it signs "this digest existed at this time", so a
 * value anchored with it cannot later be back-dated or replaced without the authority's key.
 * The audit chain's head is anchored with one; recordings' final digests will be too (#17).
 */
export interface TimeStampAuthority {
  /** What /healthz reports: 'simulated' until a province configures its TSA. */
  readonly kind: 'simulated' | 'rfc3161-http';
  /** Asks for a time-stamp over a SHA-256 digest (hex). */
  stamp(sha256Hex: string): Promise<TimeStamp>;
  /**
   * Checks that `stamp` is the authority's signature over `sha256Hex`; resolves with the time
   * it names, rejects with `TimeStampError` otherwise.
   */
  verify(stamp: TimeStamp, sha256Hex: string): Promise<{ genTime: number }>;
}

/** An RFC 3161 TimeStampResp, DER in base64, with what was read off it. */
export interface TimeStamp {
  token: string;
  /** When the authority says it signed (epoch ms). */
  genTime: number;
  /** The authority's serial number of the stamp (hex). */
  serial: string;
}

export class TimeStampError extends Error {
  override readonly name = 'TimeStampError';
}
