import { type Kysely, sql } from 'kysely';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { DB } from '../db/schema.ts';

/**
 * The free-text columns sealed at rest: staff notes on a case, the citizen's comment, and a
 * video-help call's record (its chat and the draft's answers).
 */
const FREE_TEXT = [
  { table: 'sub_cases', column: 'note', key: 'id' },
  { table: 'case_events', column: 'note', key: 'id' },
  { table: 'ratings', column: 'comment', key: 'id' },
  { table: 'booth_calls', column: 'data', key: 'ticket_id' },
] as const;

/**
 * Key rotation for free text: each value not yet under the active key and suite (plaintext
 * written before encryption included) is opened with the key it names and sealed again. Rows go
 * in id order, a page at a time, so the server can keep running; running it again is harmless.
 */
export async function rekeyFreeText(db: Kysely<DB>, cipher: FieldCipher): Promise<number> {
  let reencrypted = 0;
  for (const { table, column, key } of FREE_TEXT) {
    let after = '';
    for (;;) {
      // Table and column names come from the constant above, never from input.
      const { rows } = await sql<{ k: string; v: string | null }>`
        select ${sql.ref(key)} as k, ${sql.ref(column)} as v from ${sql.table(table)}
        where ${sql.ref(key)} > ${after} and ${sql.ref(column)} is not null
        order by ${sql.ref(key)} limit 200`.execute(db);
      if (rows.length === 0) break;
      for (const row of rows) {
        after = row.k;
        if (row.v === null || !cipher.isStale(row.v)) continue;
        await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${cipher.encrypt(cipher.decrypt(row.v))}
          where ${sql.ref(key)} = ${row.k}`.execute(db);
        reencrypted++;
      }
    }
  }
  return reencrypted;
}
