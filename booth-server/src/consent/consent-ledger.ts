import { randomUUID } from 'node:crypto';
import {
  CONSENT_WORDING,
  ConsentPurpose,
  type GivenConsent,
} from '@onething/contract/privacy/consent';
import type { BundleDefinition } from '@onething/contract/catalogue/schema';
import { AppError } from '@onething/contract/errors';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface ConsentRecord {
  caseNumber: string;
  purpose: ConsentPurpose;
  wording: string;
  terminalId: string | null;
  givenAt: number;
}

/**
 * The separate consents a filing needs and the record of those given. A consent counts only in
 * the words on screen today: an old kiosk build showing older words is asked to update, not
 * believed.
 */
export class ConsentLedger {
  readonly #db: Kysely<DB>;
  readonly #now: () => number;

  constructor(db: Kysely<DB>, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  /** The consents filing this bundle needs. */
  static required(bundle: Pick<BundleDefinition, 'minorData'>): ConsentPurpose[] {
    return bundle.minorData ? ['minorData'] : [];
  }

  /** Throws CONSENT_REQUIRED unless every consent the bundle needs was given in today's words. */
  static check(bundle: Pick<BundleDefinition, 'minorData'>, given: readonly GivenConsent[]): void {
    for (const purpose of ConsentLedger.required(bundle)) {
      const ok = given.some((c) => c.purpose === purpose && c.wording === CONSENT_WORDING[purpose]);
      if (!ok) {
        throw new AppError(
          'CONSENT_REQUIRED',
          `${purpose} consent (${CONSENT_WORDING[purpose]}) missing`,
          {
            path: ['consents'],
          },
        );
      }
    }
  }

  /** Records the consents a filed case was given with (once per case and purpose). */
  async record(
    caseNumber: string,
    given: readonly GivenConsent[],
    terminalId: string | null,
  ): Promise<void> {
    const at = this.#now();
    for (const c of given) {
      const seen = await this.#db
        .selectFrom('consents')
        .select('id')
        .where('case_number', '=', caseNumber)
        .where('purpose', '=', c.purpose)
        .executeTakeFirst();
      if (seen) continue;
      await this.#db
        .insertInto('consents')
        .values({
          id: randomUUID(),
          case_number: caseNumber,
          purpose: c.purpose,
          wording: c.wording,
          terminal_id: terminalId,
          given_at: at,
        })
        .execute();
    }
  }

  async ofCase(caseNumber: string): Promise<ConsentRecord[]> {
    const rows = await this.#db
      .selectFrom('consents')
      .selectAll()
      .where('case_number', '=', caseNumber)
      .orderBy('given_at')
      .execute();
    return rows.map((r) => ({
      caseNumber: r.case_number,
      purpose: ConsentPurpose.parse(r.purpose),
      wording: r.wording,
      terminalId: r.terminal_id,
      givenAt: Number(r.given_at),
    }));
  }
}
