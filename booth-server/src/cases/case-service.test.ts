import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log.ts';
import type { Database } from '../db/database.ts';
import { RatingService } from '../ratings/rating-service.ts';
import { catalogue, submission } from '../testing/cases.ts';
import { storageEngines } from '../testing/engines.ts';
import { formatCaseNumber } from './case-number.ts';
import { CaseService } from './case-service.ts';

const engines = await storageEngines();
afterAll(async () => {
  for (const e of engines) await e.dispose();
});

describe.each(engines)('cases on $name', (engine) => {
  const open = async (): Promise<{ db: Database; cases: CaseService; ratings: RatingService }> => {
    const db = await engine.open();
    const audit = new AuditLog(db.db);
    return {
      db,
      cases: new CaseService(db.db, audit, { current: () => catalogue, get: () => catalogue }),
      ratings: new RatingService(db.db, audit, { followUpWorkingDays: 5 }),
    };
  };

  it.skipIf(!!engine.skip)(
    'fans a submission out to one sub-case per department, in parallel',
    async () => {
      const { db, cases } = await open();
      const events: string[] = [];
      cases.on('updated', (u) => events.push(u.caseNumber));
      const { view, duplicate } = await cases.submit(submission('key-fanout-000001'), {
        type: 'terminal',
        id: 'PY-BOOTH-001',
      });
      expect(duplicate).toBe(false);
      expect(view.caseNumber).toMatch(/^YJ\d{15}$/);
      expect(view.subCases.map((s) => s.department.en).sort()).toEqual([
        'Dept HEALTH',
        'Dept HSA',
        'Dept PSB',
      ]);
      expect(view.subCases.every((s) => s.status === 'received')).toBe(true);
      expect(view.status).toBe('received');
      // The case is due when its slowest part is due.
      expect(view.dueAt).toBe(Math.max(...view.subCases.map((s) => s.dueAt ?? 0)));
      expect(events).toEqual([view.caseNumber]);
      await db.close();
    },
  );

  it.skipIf(!!engine.skip)(
    'never files a retried submission twice, and refuses a reused key',
    async () => {
      const { db, cases } = await open();
      const first = await cases.submit(submission('key-retry-00000001'), {
        type: 'terminal',
        id: 'T',
      });
      const again = await cases.submit(submission('key-retry-00000001'), {
        type: 'terminal',
        id: 'T',
      });
      expect(again.duplicate).toBe(true);
      expect(again.view.caseNumber).toBe(first.view.caseNumber);
      const parallel = await Promise.all(
        [1, 2, 3].map(() =>
          cases.submit(submission('key-parallel-0000001'), { type: 'terminal', id: 'T' }),
        ),
      );
      expect(new Set(parallel.map((p) => p.view.caseNumber)).size).toBe(1);
      await expect(
        cases.submit(submission('key-retry-00000001', ['A']), { type: 'terminal', id: 'T' }),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await db.close();
    },
  );

  it.skipIf(!!engine.skip)(
    'derives the overall status and keeps a timeline as departments work',
    async () => {
      const { db, cases } = await open();
      const { view } = await cases.submit(submission('key-status-0000001', ['A', 'B']), {
        type: 'terminal',
        id: 'T',
      });
      const n = view.caseNumber;
      const staff = { type: 'staff' as const, id: 'agent-1' };
      expect((await cases.transition(n, 'PSB', 'in_review', null, staff)).status).toBe(
        'in_progress',
      );
      expect(
        (await cases.transition(n, 'PSB', 'more_material', '请补充户口簿首页', staff)).status,
      ).toBe('action_needed');
      await expect(cases.transition(n, 'PSB', 'done', null, staff)).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await cases.transition(n, 'PSB', 'in_review', null, staff);
      await cases.transition(n, 'PSB', 'approved', null, staff);
      await cases.transition(n, 'PSB', 'done', null, staff);
      await cases.transition(n, 'HEALTH', 'in_review', null, staff);
      await cases.transition(n, 'HEALTH', 'approved', null, staff);
      const done = await cases.transition(n, 'HEALTH', 'done', null, staff);
      expect(done.status).toBe('done');
      const timeline = await cases.timeline(n);
      expect(timeline.filter((e) => e.department === 'PSB').map((e) => e.to)).toEqual([
        'received',
        'in_review',
        'more_material',
        'in_review',
        'approved',
        'done',
      ]);
      await expect(cases.transition(n, 'HRSS', 'in_review', null, staff)).rejects.toMatchObject({
        code: 'CASE_NOT_FOUND',
      });
      await db.close();
    },
  );

  it.skipIf(!!engine.skip)(
    'shows the status to a citizen only with the right last four ID characters',
    async () => {
      const { db, cases } = await open();
      const { view } = await cases.submit(submission('key-lookup-0000001'), {
        type: 'terminal',
        id: 'T',
      });
      expect((await cases.lookup(view.caseNumber, '002x')).caseNumber).toBe(view.caseNumber);
      // A wrong last four reads exactly like a case that does not exist.
      const wrong = await cases.lookup(view.caseNumber, '1234').catch((e: unknown) => e);
      const absent = await cases
        .lookup(formatCaseNumber(view.caseNumber.slice(2, 10), 999_999), '1234')
        .catch((e: unknown) => e);
      expect(wrong).toMatchObject({ code: 'CASE_NOT_FOUND' });
      expect((wrong as Error).message).toBe((absent as Error).message);
      const typo = `${view.caseNumber.slice(0, -1)}${(Number(view.caseNumber.slice(-1)) + 1) % 10}`;
      await expect(cases.lookup(typo, '002X')).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
      await db.close();
    },
  );

  it.skipIf(!!engine.skip)(
    'takes one rating per case and channel and opens a follow-up for 差评',
    async () => {
      const { db, cases, ratings } = await open();
      const { view } = await cases.submit(submission('key-rating-0000001'), {
        type: 'terminal',
        id: 'T',
      });
      const served = { staffId: 'agent-7', department: 'PSB' };
      const good = await ratings.rate(
        { caseNumber: view.caseNumber, channel: 'onsite', level: 'satisfied' },
        served,
        { type: 'terminal', id: 'T' },
      );
      expect(good.followUpId).toBeNull();
      await expect(
        ratings.rate({ caseNumber: view.caseNumber, channel: 'onsite', level: 'basic' }, served, {
          type: 'terminal',
          id: 'T',
        }),
      ).rejects.toMatchObject({ code: 'ALREADY_RATED' });
      const poor = await ratings.rate(
        {
          caseNumber: view.caseNumber,
          channel: 'online',
          level: 'very_unsatisfied',
          comment: '等待太久',
        },
        served,
        { type: 'citizen', id: null },
      );
      expect(poor.followUpId).not.toBeNull();
      const sup = await ratings.supervisorView();
      expect(sup.followUps).toHaveLength(1);
      expect(sup.followUps[0]?.caseNumber).toBe(view.caseNumber);
      const own = await ratings.ownSummary('agent-7');
      expect(own).toEqual({
        count: 2,
        counts: { very_satisfied: 0, satisfied: 1, basic: 0, unsatisfied: 0, very_unsatisfied: 1 },
      });
      expect(JSON.stringify(own)).not.toContain(view.caseNumber);
      await expect(
        ratings.rate(
          { caseNumber: 'YJ000000000000000', channel: 'onsite', level: 'satisfied' },
          served,
          { type: 'terminal', id: 'T' },
        ),
      ).rejects.toMatchObject({ code: 'CASE_NOT_FOUND' });
      await db.close();
    },
  );
});
