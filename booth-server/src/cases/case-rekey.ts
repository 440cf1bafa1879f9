import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import type { Kysely } from 'kysely';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { DB } from '../db/schema.ts';
import {
  last4Index,
  payloadOf,
  subjectIndex,
  type ValidatedSubmission,
} from './case-submission.ts';

export interface RekeyResult {
  cases: number;
  reencrypted: number;
}

/**
 * Key rotation for cases: every row's personal columns are decrypted with whichever key they
 * name (or read as plaintext if written before encryption) and written again under the active
 * key and suite; the blind indexes are recomputed with the current index key. Rows are done
 * one at a time, so the server can keep running; running it again is harmless.
 */
export async function rekeyCases(db: Kysely<DB>, cipher: FieldCipher): Promise<RekeyResult> {
  let cases = 0;
  let reencrypted = 0;
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('cases')
      .selectAll()
      .where('case_number', '>', after)
      .orderBy('case_number')
      .limit(200)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      cases++;
      after = r.case_number;
      const identity = cipher.decryptJson<IdentityCardData>(r.applicant);
      const answers = cipher.decryptJson<ValidatedSubmission['answers']>(r.answers);
      const stale = cipher.isStale(r.applicant) || cipher.isStale(r.answers);
      const sub: Omit<ValidatedSubmission, 'idempotencyKey'> = {
        bundleCode: r.bundle_code,
        itemCodes: JSON.parse(r.item_codes) as string[],
        identity,
        answers,
        materials: JSON.parse(r.materials) as Record<string, string>,
        channel: r.channel as ValidatedSubmission['channel'],
        terminalId: r.terminal_id,
      };
      await db
        .updateTable('cases')
        .set({
          applicant: stale ? cipher.encryptJson(identity) : r.applicant,
          answers: stale ? cipher.encryptJson(answers) : r.answers,
          applicant_id_hash: cipher.index('id', identity.idNumber),
          applicant_last4: last4Index(cipher, r.case_number, identity.idNumber.slice(-4)),
          payload_hash: cipher.index('payload', payloadOf({ ...sub, idempotencyKey: '' })),
          subject_index: subjectOf(r.bundle_code, r.subject_field ?? null, answers, cipher),
        })
        .where('case_number', '=', r.case_number)
        .execute();
      if (stale) reencrypted++;
    }
  }
  return { cases, reencrypted };
}

function subjectOf(
  bundleCode: string,
  field: string | null,
  answers: ValidatedSubmission['answers'],
  cipher: FieldCipher,
): string | null {
  const value = field ? answers[field] : undefined;
  return value === undefined || value === '' ? null : subjectIndex(cipher, bundleCode, value);
}
