import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log.ts';
import type { Database } from '../db/database.ts';
import { RatingService } from '../ratings/rating-service.ts';
import { formatCaseNumber } from './case-number.ts';
import { storageEngines } from '../testing/engines.ts';
import {
  type CaseCatalogue,
  CaseService,
  deriveCaseStatus,
  type ValidatedSubmission,
} from './case-service.ts';

const catalogue: CaseCatalogue = {
  version: 'test-1',
  bundleName: (code) =>
    code === 'YJSP001' ? { zh: '新生儿出生一件事', en: 'Birth of a child' } : undefined,
  item: (code) =>
    ({
      A: {
        name: { zh: '出生医学证明', en: 'Birth certificate' },
        department: 'HEALTH',
        promisedDays: 3,
      },
      B: { name: { zh: '出生登记', en: 'Birth registration' }, department: 'PSB', promisedDays: 5 },
      C: {
        name: { zh: '居民医保参保', en: 'Medical insurance' },
        department: 'HSA',
        promisedDays: 2,
      },
      D: {
        name: { zh: '社保卡申领', en: 'Social security card' },
        department: 'HRSS',
        promisedDays: 5,
      },
    })[code],
  departmentName: (code) => ({ zh: `部门${code}`, en: `Dept ${code}` }),
};

const mother: IdentityCardData = {
  cardType: 'resident',
  name: '林晓燕',
  gender: 'female',
  nation: { code: '01', name: '汉' },
  birthDate: '1992-03-14',
  address: '广东省广州市番禺区市桥街道东环路1号',
  idNumber: '44011319920314002X',
  issuer: '广州市公安局番禺分局',
  validFrom: '2020-01-01',
  validTo: '2040-01-01',
};

const submission = (key: string, items = ['A', 'B', 'C']): ValidatedSubmission => ({
  idempotencyKey: key,
  bundleCode: 'YJSP001',
  itemCodes: items,
  identity: mother,
  answers: { 'child.name': '林小雨' },
  materials: { 'parents.marriageCertificate': 'licence' },
  channel: 'terminal',
  terminalId: 'PY-BOOTH-001',
});

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

describe('status derivation', () => {
  const status = fc.constantFrom(
    'received',
    'in_review',
    'more_material',
    'approved',
    'rejected',
    'done' as const,
  );
  it('is done exactly when every part is finished, and never done while one needs material', () => {
    fc.assert(
      fc.property(fc.array(status, { minLength: 1, maxLength: 6 }), (subs) => {
        const s = deriveCaseStatus(subs);
        const finished = subs.every((x) => x === 'done' || x === 'rejected');
        expect(s === 'done' || s === 'closed').toBe(finished);
        if (subs.includes('more_material')) expect(s).toBe('action_needed');
      }),
    );
  });
});
