import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log.ts';
import type { Database } from '../db/database.ts';
import { catalogue, submission } from '../testing/cases.ts';
import { storageEngines } from '../testing/engines.ts';
import { CaseService } from './case-service.ts';

const engines = await storageEngines();
afterAll(async () => {
  for (const e of engines) await e.dispose();
});

describe.each(engines)('staff paths to cases on $name', (engine) => {
  const open = async (): Promise<{ db: Database; cases: CaseService }> => {
    const db = await engine.open();
    const audit = new AuditLog(db.db);
    return {
      db,
      cases: new CaseService(db.db, audit, { current: () => catalogue, get: () => catalogue }),
    };
  };

  it.skipIf(!!engine.skip)(
    'gives agents a masked list of their own department and region only',
    async () => {
      const { db, cases } = await open();
      const { view } = await cases.submit(submission('key-dept-00000001', ['A', 'B']), {
        type: 'terminal',
        id: 'T',
      });
      // The terminal of the submission is not enrolled here: place the case in 番禺 directly.
      await db.db
        .updateTable('cases')
        .set({ region: '440113' })
        .where('case_number', '=', view.caseNumber)
        .execute();
      const staff = (department: string, regions: string[]) => ({
        id: `s-${department}-${regions[0]}`,
        username: 'x',
        displayName: 'x',
        roles: ['agent' as const],
        department,
        regions,
        languages: [],
      });
      const psb = await cases.listForStaff(staff('PSB', ['440113']));
      expect(psb.map((c) => c.caseNumber)).toContain(view.caseNumber);
      expect(JSON.stringify(psb)).not.toContain('林晓燕');
      expect(JSON.stringify(psb)).not.toContain('44011319920314002X');
      expect(await cases.listForStaff(staff('HRSS', ['440113']))).toEqual([]);
      // A city-level region covers its districts; another province does not.
      expect(await cases.listForStaff(staff('PSB', ['440100']))).toHaveLength(1);
      expect(await cases.listForStaff(staff('PSB', ['510104']))).toEqual([]);
      await expect(
        cases.detailForStaff(view.caseNumber, staff('HRSS', ['440113']), null),
      ).rejects.toMatchObject({ code: 'CASE_OTHER_DEPARTMENT' });
      await expect(
        cases.detailForStaff(view.caseNumber, staff('PSB', ['510104']), null),
      ).rejects.toMatchObject({ code: 'CASE_OTHER_REGION' });
      const detail = await cases.detailForStaff(view.caseNumber, staff('PSB', ['440113']), null);
      expect(detail.applicant.name).toBe('林晓燕');
      expect(detail.access).toBe('region');
      await db.close();
    },
  );
});
