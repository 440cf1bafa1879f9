import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log.ts';
import type { Database } from '../db/database.ts';
import { catalogue, father, submission } from '../testing/cases.ts';
import { storageEngines } from '../testing/engines.ts';
import { CaseService } from './case-service.ts';
import type { Actor, ValidatedSubmission } from './case-submission.ts';

const engines = await storageEngines();
afterAll(async () => {
  for (const e of engines) await e.dispose();
});

const CERT = 'P440123456';
const kiosk: Actor = { type: 'terminal', id: 'T' };
/** The birth bundle for the child with birth certificate `cert`. */
const birth = (key: string, cert: string, extra: Partial<ValidatedSubmission> = {}) => {
  const sub = submission(key);
  return { ...sub, answers: { ...sub.answers, 'child.birthCertNo': cert }, ...extra };
};

describe.each(engines)('one open case per subject on $name', (engine) => {
  const open = async (): Promise<{ db: Database; cases: CaseService }> => {
    const db = await engine.open();
    return {
      db,
      cases: new CaseService(db.db, new AuditLog(db.db), {
        current: () => catalogue,
        get: () => catalogue,
      }),
    };
  };

  it.skipIf(!!engine.skip)(
    'shows its own applicant the open case; the other parent only whom to ask',
    async () => {
      const { db, cases } = await open();
      const first = await cases.submit(birth('key-subject-0000001', CERT), kiosk);
      // Typed differently (lower case, full-width, spaces): still the same child.
      const again = await cases
        .submit(birth('key-subject-0000002', ' p４４0123456'), kiosk)
        .catch((e: unknown) => e);
      expect(again).toMatchObject({
        code: 'CASE_ALREADY_OPEN',
        details: { applicant: 'same', caseNumber: first.view.caseNumber, status: 'received' },
      });
      const other = await cases
        .submit(birth('key-subject-0000003', CERT, { identity: father }), kiosk)
        .catch((e: unknown) => e);
      expect(other).toMatchObject({
        code: 'CASE_ALREADY_OPEN',
        details: {
          applicant: 'other',
          department: { zh: '部门HEALTH', en: 'Dept HEALTH' },
          hotline: '12320',
        },
      });
      expect(JSON.stringify(other)).not.toContain(first.view.caseNumber);
      expect(String((other as Error).message)).not.toContain(first.view.caseNumber);
      // Another child is another subject.
      await expect(
        cases.submit(birth('key-subject-0000004', 'P440999999'), kiosk),
      ).resolves.toMatchObject({ duplicate: false });
      // The value is kept only as a keyed index, and the refusals are audited.
      const rows = await db.db
        .selectFrom('cases')
        .selectAll()
        .where('case_number', '=', first.view.caseNumber)
        .execute();
      expect(JSON.stringify(rows)).not.toContain(CERT);
      expect(rows[0]?.subject_field).toBe('child.birthCertNo');
      const audit = await db.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'case.refused_open_subject')
        .execute();
      expect(audit).toHaveLength(2);
      await db.close();
    },
  );

  it.skipIf(!!engine.skip)(
    'counts only open statuses: after the case is closed the subject can be filed again',
    async () => {
      const { db, cases } = await open();
      const first = await cases.submit(birth('key-subject-0000011', 'P440200002'), kiosk);
      const staff: Actor = { type: 'staff', id: 'agent-1' };
      await cases.transition(first.view.caseNumber, 'PSB', 'in_review', null, staff);
      await expect(
        cases.submit(birth('key-subject-0000012', 'P440200002'), kiosk),
      ).rejects.toMatchObject({
        details: { status: 'in_progress' },
      });
      await cases.transition(first.view.caseNumber, 'PSB', 'rejected', null, staff);
      await cases.transition(first.view.caseNumber, 'HEALTH', 'rejected', null, staff);
      await cases.transition(first.view.caseNumber, 'HSA', 'rejected', null, staff);
      const next = await cases.submit(birth('key-subject-0000013', 'P440200002'), kiosk);
      expect(next.duplicate).toBe(false);
      expect(next.view.caseNumber).not.toBe(first.view.caseNumber);
      await db.close();
    },
  );

  it.skipIf(!!engine.skip)(
    'a retry of the filed case is still the same case, and racing filings file one',
    async () => {
      const { db, cases } = await open();
      const first = await cases.submit(birth('key-subject-0000021', 'P440300003'), kiosk);
      const retry = await cases.submit(birth('key-subject-0000021', 'P440300003'), kiosk);
      expect(retry).toMatchObject({ duplicate: true, view: { caseNumber: first.view.caseNumber } });
      const racing = await Promise.allSettled(
        ['a', 'b', 'c'].map((k) =>
          cases.submit(birth(`key-subject-race-${k}`, 'P440777777'), kiosk),
        ),
      );
      expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(
        racing.filter(
          (r) =>
            r.status === 'rejected' && (r.reason as { code?: string }).code === 'CASE_ALREADY_OPEN',
        ),
      ).toHaveLength(2);
      await db.close();
    },
  );
});
