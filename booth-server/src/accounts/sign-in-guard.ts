import { AppError } from '@onething/contract/errors';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { AttemptCounter, type AttemptRule, doublingDelay } from '../limits/attempt-counter.ts';
import { PasswordGate } from './password-gate.ts';

export interface SignInPolicy {
  /** Attempts from one address at one account before the delay starts. */
  pairFree: number;
  /** Attempts at one account from every address together. */
  accountFree: number;
  /** Attempts from one address at every account together (a hall's staff share a NAT). */
  addressFree: number;
  windowMs: number;
  delayBaseMs: number;
  delayMaxMs: number;
  scryptConcurrency: number;
  scryptQueue: number;
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = {
  pairFree: 5,
  accountFree: 20,
  addressFree: 20,
  windowMs: 15 * 60_000,
  delayBaseMs: 1000,
  delayMaxMs: 15 * 60_000,
  scryptConcurrency: 2,
  scryptQueue: 8,
};

const LIMITS = ['pair', 'account', 'address'] as const;
type Limit = (typeof LIMITS)[number];

/**
 * Sign-in abuse limits. Every attempt is counted before its password is checked, atomically in
 * the database, per (address, account), per account and per address; a key over its allowance
 * waits a doubling delay instead of being locked, so an anonymous guesser slows down fast while
 * the real user, from another address, still signs in. Password checks run through a bounded
 * gate. Every refusal is audited.
 */
export class SignInGuard {
  readonly #counter: AttemptCounter;
  readonly #gate: PasswordGate;
  readonly #audit: AuditLog;
  readonly #rules: Record<Limit, AttemptRule>;

  constructor(db: Kysely<DB>, audit: AuditLog, policy: SignInPolicy, now: () => number) {
    this.#counter = new AttemptCounter(db, now);
    this.#audit = audit;
    this.#gate = new PasswordGate({
      concurrency: policy.scryptConcurrency,
      queue: policy.scryptQueue,
      retryAfterMs: policy.delayBaseMs,
    });
    const rule = (free: number) =>
      doublingDelay(free, policy.windowMs, policy.delayBaseMs, policy.delayMaxMs);
    this.#rules = {
      pair: rule(policy.pairFree),
      account: rule(policy.accountFree),
      address: rule(policy.addressFree),
    };
  }

  /** Counts this attempt; throws LOGIN_THROTTLED (429, with retryAfterMs) when held back. */
  async admit(username: string, ip: string | null): Promise<void> {
    const keys = keysOf(username, ip);
    const r = await this.#counter.take(
      LIMITS.map((limit) => ({ key: keys[limit], rule: this.#rules[limit] })),
    );
    if (r.ok) return;
    const limit = LIMITS.find((l) => keys[l] === r.key) ?? 'pair';
    await this.#audit.record({
      actorType: 'staff',
      actorId: null,
      action: 'auth.login.throttled',
      targetType: 'username',
      targetId: username,
      ip,
      details: { limit, retryAfterMs: r.retryAfterMs },
    });
    throw new AppError('LOGIN_THROTTLED', `${limit} limit: wait ${r.retryAfterMs} ms`, {
      // Which limit tells the person whether another computer would help.
      details: { retryAfterMs: r.retryAfterMs, limit },
    });
  }

  /**
   * Runs the password check through the bounded gate. A sign-in refused because the gate is
   * full was no guess: its attempt is given back, and the refusal audited.
   */
  async check<T>(username: string, ip: string | null, verify: () => Promise<T>): Promise<T> {
    try {
      return await this.#gate.run(verify);
    } catch (e) {
      if (e instanceof AppError && e.code === 'LOGIN_BUSY') {
        const keys = keysOf(username, ip);
        for (const limit of LIMITS) await this.#counter.refund(keys[limit], this.#rules[limit]);
        await this.#audit.record({
          actorType: 'staff',
          actorId: null,
          action: 'auth.login.busy',
          targetType: 'username',
          targetId: username,
          ip,
        });
      }
      throw e;
    }
  }

  /**
   * The right password: this address is done with this account, and the attempt does not count
   * against the account or the address.
   */
  async succeeded(username: string, ip: string | null): Promise<void> {
    const keys = keysOf(username, ip);
    await this.#counter.clear(keys.pair);
    await this.#counter.refund(keys.account, this.#rules.account);
    await this.#counter.refund(keys.address, this.#rules.address);
  }
}

function keysOf(username: string, ip: string | null): Record<Limit, string> {
  const who = username.trim().toLowerCase();
  const from = ip ?? 'unknown';
  return { pair: `pair:${from}|${who}`, account: `account:${who}`, address: `address:${from}` };
}
