import type { Kysely } from 'kysely';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { DB } from '../db/schema.ts';

/** The free-text columns sealed at rest: staff notes on a case and the citizen's comment. */
const FREE_TEXT = [
  { table: 'sub_cases', column: 'note' },
  { table: 'case_events', column: 'note' },
  { table: 'ratings', column: 'comment' },
] as const;

/**
 * Key rotation for free text: each value not yet under the active key and suite (plaintext
 * written before encryption included) is opened with the key it names and sealed again. Rows go
 * in id order, a page at a time, so the server can keep running; running it again is harmless.
 */
export async function rekeyFreeText(db: Kysely<DB>, cipher: FieldCipher): Promise<number> {
  let reencrypted = 0;
  for (const { table, column } of FREE_TEXT) {
    let after = '';
    for (;;) {
      const rows = await db
        .selectFrom(table)
        .select(['id', column])
        .where('id', '>', after)
        .where(column, 'is not', null)
        .orderBy('id')
        .limit(200)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        after = row.id;
        const value: string | null = row[column];
        if (value === null || !cipher.isStale(value)) continue;
        await db
          .updateTable(table)
          .set({ [column]: cipher.encrypt(cipher.decrypt(value)) })
          .where('id', '=', row.id)
          .execute();
        reencrypted++;
      }
    }
  }
  return reencrypted;
}
