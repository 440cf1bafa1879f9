import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log.ts';
import { CaseService } from '../cases/case-service.ts';
import { RatingService } from '../ratings/rating-service.ts';
import { catalogue, submission } from '../testing/cases.ts';
import { storageEngines } from '../testing/engines.ts';
import { kpiCsv } from './kpi-csv.ts';
import { KpiService } from './kpi-service.ts';

const engines = await storageEngines();
afterAll(async () => {
  for (const e of engines) await e.dispose();
});

const HOUR = 3_600_000;
const START = Date.parse('2026-12-07T09:00:00+08:00');
const actor = { type: 'staff' as const, id: 'reviewer' };

describe.each(engines)('一件事 KPIs on $name', (engine) => {
  it.skipIf(!!engine.skip)(
    'counts cases per bundle and channel, on-time per department, handling time, one-visit and ratings in SQL',
    async () => {
      const db = await engine.open();
      let now = START;
      const clock = () => now;
      const audit = new AuditLog(db.db, clock);
      const cases = new CaseService(
        db.db,
        audit,
        { current: () => catalogue, get: () => catalogue },
        clock,
      );
      const ratings = new RatingService(
        db.db,
        audit,
        { followUpWorkingDays: 15 },
        undefined,
        clock,
      );
      const kpis = new KpiService({
        db: db.db,
        names: { bundle: catalogue.bundleName, department: catalogue.departmentName },
        refreshSeconds: 30,
        now: clock,
      });
      const file = async (key: string, channel: 'terminal' | 'booth', items: string[]) =>
        (
          await cases.submit(
            { ...submission(`${engine.name}-${key}`, items), channel },
            { type: 'terminal', id: 'PY-BOOTH-001' },
          )
        ).view.caseNumber;
      const finish = async (caseNumber: string, department: string, supplement = false) => {
        await cases.transition(caseNumber, department, 'in_review', null, actor);
        if (supplement) {
          await cases.transition(caseNumber, department, 'more_material', '请补充材料', actor);
          await cases.transition(caseNumber, department, 'in_review', null, actor);
        }
        await cases.transition(caseNumber, department, 'approved', null, actor);
        await cases.transition(caseNumber, department, 'done', null, actor);
      };

      // Four cases: three at kiosks, one in a video booth.
      const one = await file('kpi-0000001', 'terminal', ['A']);
      const two = await file('kpi-0000002', 'terminal', ['A']);
      const three = await file('kpi-0000003', 'booth', ['A', 'B']);
      await file('kpi-0000004', 'terminal', ['B']);
      now += 2 * HOUR;
      await finish(one, 'HEALTH');
      now += 2 * HOUR; // 4 h
      await finish(two, 'HEALTH', true);
      now += 6 * HOUR; // 10 h
      await finish(three, 'HEALTH');
      await finish(three, 'PSB');
      await ratings.rate(
        { caseNumber: one, channel: 'onsite', level: 'very_satisfied' },
        { staffId: null, department: null },
        { type: 'terminal', id: 'PY-BOOTH-001' },
      );
      await ratings.rate(
        { caseNumber: two, channel: 'onsite', level: 'unsatisfied' },
        { staffId: null, department: null },
        { type: 'terminal', id: 'PY-BOOTH-001' },
      );
      // Thirty days on, HEALTH's sub-cases were finished in time (3 working days), PSB's open
      // one (case four) is past its 5 working days.
      now = START + 30 * 24 * HOUR;
      const r = await kpis.report({ since: START - HOUR, until: START + HOUR });

      expect(r.casesByBundle).toEqual([
        {
          bundleCode: 'YJSP001',
          bundleName: catalogue.bundleName('YJSP001'),
          channel: 'booth',
          cases: 1,
        },
        {
          bundleCode: 'YJSP001',
          bundleName: catalogue.bundleName('YJSP001'),
          channel: 'terminal',
          cases: 3,
        },
      ]);
      expect(r.onTimeByDepartment).toEqual([
        {
          department: 'HEALTH',
          departmentName: { zh: '部门HEALTH', en: 'Dept HEALTH' },
          finished: 3,
          onTime: 3,
          openOverdue: 0,
          rate: 1,
        },
        {
          department: 'PSB',
          departmentName: { zh: '部门PSB', en: 'Dept PSB' },
          finished: 1,
          onTime: 1,
          openOverdue: 1,
          rate: 0.5,
        },
      ]);
      // Handling: 2 h, 4 h, 10 h → average 16/3 h, p90 (3rd of 3) 10 h.
      expect(r.handling).toEqual({
        finished: 3,
        averageMs: Math.round((16 * HOUR) / 3),
        p90Ms: 10 * HOUR,
      });
      expect(r.oneVisit).toEqual({ finished: 3, withoutSupplement: 2, rate: 2 / 3 });
      expect(r.ratings.total).toBe(2);
      expect(r.ratings.counts).toMatchObject({ very_satisfied: 1, unsatisfied: 1, basic: 0 });
      expect(r.refreshSeconds).toBe(30);

      const csv = kpiCsv(r);
      expect(csv.startsWith('\uFEFF指标,对象,渠道,数值,说明\r\n')).toBe(true);
      expect(csv).toContain('办件量,新生儿出生一件事,视频亭,1,件');
      expect(csv).toContain('按时办结率,部门PSB,,50.0%');
      expect(csv).toContain('一次办成率,全部,,66.7%');
      expect(csv).toContain('好差评,不满意,,1,条');

      // An empty period has no rates rather than zeros.
      const empty = await kpis.report({ since: 0, until: 1 });
      expect(empty.handling).toEqual({ finished: 0, averageMs: null, p90Ms: null });
      expect(empty.oneVisit.rate).toBeNull();
    },
  );
});
