import { AppError } from '@onething/contract/errors';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import type { CaseView, SubCaseStatus } from '@onething/contract/rest/kiosk';
import type { Kysely } from 'kysely';
import type { AuditLog } from '../audit/audit-log.ts';
import type { FieldCipher } from '../crypto/field-cipher.ts';
import type { DB } from '../db/schema.ts';
import { correctionOf } from './case-records.ts';
import type { Actor } from './case-submission.ts';
import { moveSubCase } from './sub-case-move.ts';

/**
 * The applicant answers a 补正 request at any kiosk: the case number and ID last four find the
 * case (`lookup`), and the kiosk visit's attested identity must be the applicant's — a receipt
 * in someone else's hand lets them read the status, not add papers to the case.
 */
export class CorrectionSupply {
  readonly #db: Kysely<DB>;
  readonly #audit: AuditLog;
  readonly #cipher: FieldCipher;
  readonly #now: () => number;
  readonly #lookup: (caseNumber: string, idLast4: string) => Promise<CaseView>;
  readonly #announce: (caseNumber: string) => Promise<CaseView>;

  constructor(deps: {
    db: Kysely<DB>;
    audit: AuditLog;
    cipher: FieldCipher;
    now: () => number;
    lookup: (caseNumber: string, idLast4: string) => Promise<CaseView>;
    announce: (caseNumber: string) => Promise<CaseView>;
  }) {
    this.#db = deps.db;
    this.#audit = deps.audit;
    this.#cipher = deps.cipher;
    this.#now = deps.now;
    this.#lookup = deps.lookup;
    this.#announce = deps.announce;
  }

  /**
   * Adds `uploads` (material → upload id) to the case for every open 补正 request; each
   * request must be answered in full. The sub-cases go back to review.
   */
  async supply(
    input: { caseNumber: string; idLast4: string; uploads: Record<string, string> },
    applicant: IdentityCardData,
    actor: Actor,
  ): Promise<CaseView> {
    await this.#lookup(input.caseNumber, input.idLast4);
    const row = await this.#db
      .selectFrom('cases')
      .selectAll()
      .where('case_number', '=', input.caseNumber)
      .executeTakeFirstOrThrow();
    const refuse = async (error: AppError) => {
      await this.#audit.record({
        actorType: actor.type,
        actorId: actor.id,
        action: 'case.correction.refused',
        targetType: 'case',
        targetId: input.caseNumber,
        ip: actor.ip ?? null,
        details: { code: error.code },
      });
      return error;
    };
    if (this.#cipher.index('id', applicant.idNumber) !== row.applicant_id_hash)
      throw await refuse(new AppError('CORRECTION_NOT_APPLICANT'));
    const open = (
      await this.#db
        .selectFrom('sub_cases')
        .selectAll()
        .where('case_number', '=', input.caseNumber)
        .execute()
    ).filter(
      (s) =>
        (s.status as SubCaseStatus) === 'more_material' && correctionOf(s)?.suppliedAt === null,
    );
    if (open.length === 0) throw await refuse(new AppError('CORRECTION_NOT_OPEN'));
    const wanted = new Set(open.flatMap((s) => correctionOf(s)?.materials ?? []));
    for (const key of Object.keys(input.uploads))
      if (!wanted.has(key))
        throw await refuse(
          AppError.validation(`material ${key} was not asked for`, ['uploads', key]),
        );
    for (const key of wanted)
      if (!input.uploads[key])
        throw await refuse(
          AppError.validation(`material ${key} is still missing`, ['uploads', key]),
        );
    const ids = Object.values(input.uploads);
    const found = await this.#db
      .selectFrom('uploads')
      .select('id')
      .where('id', 'in', ids)
      .execute();
    if (found.length !== new Set(ids).size)
      throw await refuse(AppError.validation('an upload does not exist', ['uploads']));

    const now = this.#now();
    const materials = {
      ...(JSON.parse(row.materials) as Record<string, string>),
      ...input.uploads,
    };
    await this.#db
      .updateTable('cases')
      .set({ materials: JSON.stringify(materials), updated_at: now })
      .where('case_number', '=', input.caseNumber)
      .execute();
    for (const sub of open) {
      const correction = correctionOf(sub);
      if (!correction) continue;
      await moveSubCase(this.#db, this.#cipher, {
        sub,
        to: 'in_review',
        note: null,
        actor,
        now,
        reasonCode: 'materialSupplied',
        correction: {
          ...correction,
          suppliedAt: now,
          supplied: Object.fromEntries(
            correction.materials.map((m) => [m, input.uploads[m] ?? '']),
          ),
        },
      });
    }
    await this.#audit.record({
      actorType: actor.type,
      actorId: actor.id,
      action: 'case.correction.supplied',
      targetType: 'case',
      targetId: input.caseNumber,
      ip: actor.ip ?? null,
      details: {
        materials: Object.keys(input.uploads),
        departments: open.map((s) => s.department),
      },
    });
    return this.#announce(input.caseNumber);
  }
}
