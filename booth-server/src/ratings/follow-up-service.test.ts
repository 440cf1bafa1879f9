import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../audit/audit-log.ts';
import { CaseService } from '../cases/case-service.ts';
import { WorkingCalendar } from '../cases/working-calendar.ts';
import { addWorkingDays } from '../cases/working-days.ts';
import { FieldCipher } from '../crypto/field-cipher.ts';
import { catalogue, submission } from '../testing/cases.ts';
import { storageEngines } from '../testing/engines.ts';
import { FollowUpService } from './follow-up-service.ts';
import { FollowUpWatcher } from './follow-up-watcher.ts';
import { RatingService } from './rating-service.ts';

const engines = await storageEngines();
afterAll(async () => {
  for (const e of engines) await e.dispose();
});

const DAY = 86_400_000;
// Monday 2026-12-07 10:00 CST
const MONDAY = Date.parse('2026-12-07T10:00:00+08:00');
const supervisor = { id: 'sup-1', ip: '127.0.0.1' };

describe.each(engines)('差评 follow-up on $name', (engine) => {
  const open = async () => {
    const db = await engine.open();
    let now = MONDAY;
    const clock = () => now;
    const audit = new AuditLog(db.db, clock);
    const cipher = FieldCipher.ephemeral();
    const cases = new CaseService(db.db, audit, { current: () => catalogue, get: () => catalogue });
    const ratings = new RatingService(
      db.db,
      audit,
      { followUpWorkingDays: 15, callBackWorkingDays: 1 },
      cipher,
      clock,
    );
    const followUps = new FollowUpService({ db: db.db, audit, cipher, now: clock });
    for (const [id, name] of [
      ['agent-7', '王小明'],
      ['sup-1', '李主管'],
    ] as const) {
      await db.db
        .insertInto('staff_accounts')
        .values({
          id,
          username: id,
          display_name: name,
          password_hash: 'x',
          roles: '[]',
          department: 'PSB',
          regions: '[]',
          languages: '[]',
          disabled: 0,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })
        // PostgreSQL's test database is shared by the tests of this file.
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    const file = async (key: string) =>
      (await cases.submit(submission(key), { type: 'terminal', id: 'PY-BOOTH-001' })).view
        .caseNumber;
    const of = async (caseNumber: string, status: 'open' | 'closed' = 'open') =>
      (await followUps.list(status)).filter((f) => f.caseNumber === caseNumber);
    return {
      of,
      db,
      audit,
      ratings,
      followUps,
      file,
      setNow: (t: number) => {
        now = t;
      },
    };
  };

  it.skipIf(!!engine.skip)(
    'counts the call-back deadline on the State Council calendar: a 差评 on the eve of 国庆 is due after it',
    async () => {
      const { db, file, setNow, of, audit } = await open();
      const eve = Date.parse('2026-09-30T10:00:00+08:00');
      setNow(eve);
      const calendar = WorkingCalendar.load();
      const ratings = new RatingService(
        db.db,
        audit,
        {
          followUpWorkingDays: 15,
          callBackWorkingDays: 1,
          addWorkingDays: (from, days) => calendar.addWorkingDays(from, days).dueAt,
        },
        FieldCipher.ephemeral(),
        () => eve,
      );
      const caseNumber = await file('key-follow-up-holiday');
      await ratings.rate(
        { caseNumber, channel: 'onsite', level: 'unsatisfied' },
        { staffId: 'agent-7', department: 'PSB' },
        { type: 'terminal', id: 'PY-BOOTH-001' },
      );
      const [f] = await of(caseNumber);
      // 10月1日–7日 are holidays: the first working day after the eve is 10月8日 (until 24:00).
      expect(f?.callBackDueAt).toBe(Date.parse('2026-10-09T00:00:00+08:00'));
      expect(f?.callBackDueAt).toBeGreaterThan(addWorkingDays(eve, 1));
    },
  );

  it.skipIf(!!engine.skip)(
    'opens a follow-up with both deadlines, shows the comment to supervisors, and closes on the fix',
    async () => {
      const { db, ratings, followUps, file, setNow, of } = await open();
      const caseNumber = await file('key-follow-up-0001');
      await ratings.rate(
        { caseNumber, channel: 'onsite', level: 'very_unsatisfied', comment: '等了两个小时' },
        { staffId: 'agent-7', department: 'PSB' },
        { type: 'terminal', id: 'PY-BOOTH-001' },
      );
      // Sealed at rest: the comment is not stored as written.
      const stored = await db.db
        .selectFrom('ratings')
        .select('comment')
        .where('case_number', '=', caseNumber)
        .executeTakeFirstOrThrow();
      expect(stored.comment).not.toContain('两个小时');

      const [f] = await of(caseNumber);
      expect(f).toMatchObject({
        caseNumber,
        bundleCode: 'YJSP001',
        stage: 'callBack',
        agent: { id: 'agent-7', name: '王小明' },
        rating: { level: 'very_unsatisfied', comment: '等了两个小时' },
        callBackDueAt: addWorkingDays(MONDAY, 1),
        fixDueAt: addWorkingDays(MONDAY, 15),
        overdue: null,
      });
      // The fix needs the call-back first.
      await expect(followUps.recordFix(f!.id, '已调整窗口', supervisor)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      setNow(MONDAY + 3_600_000);
      const called = await followUps.recordCallBack(
        f!.id,
        { at: MONDAY + 1_800_000, note: '已致电群众，致歉并说明原因' },
        supervisor,
      );
      expect(called.stage).toBe('fix');
      expect(called.calledBack).toEqual({
        at: MONDAY + 1_800_000,
        note: '已致电群众，致歉并说明原因',
        by: '李主管',
      });
      // Once.
      await expect(
        followUps.recordCallBack(f!.id, { at: MONDAY, note: '再打一次' }, supervisor),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const fixed = await followUps.recordFix(f!.id, '增开一个窗口，高峰期引导分流', supervisor);
      expect(fixed).toMatchObject({ stage: 'closed', overdue: null, fixed: { by: '李主管' } });
      expect(await of(caseNumber)).toEqual([]);
      expect((await of(caseNumber, 'closed')).map((x) => x.id)).toEqual([f!.id]);
      const actions = await db.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_id', '=', f!.id)
        .execute();
      expect(actions.map((a) => a.action).sort()).toEqual([
        'rating.follow_up.call_back',
        'rating.follow_up.resolve',
      ]);
    },
  );

  it.skipIf(!!engine.skip)(
    'lets the citizen rate once more after the fix, and only once',
    async () => {
      const { ratings, followUps, file, of } = await open();
      const caseNumber = await file('key-follow-up-0002');
      const served = { staffId: null, department: null };
      const citizen = { type: 'citizen' as const, id: null };
      await ratings.rate({ caseNumber, channel: 'online', level: 'unsatisfied' }, served, citizen);
      expect(await ratings.canRate(caseNumber)).toBe(false);
      const [f] = await of(caseNumber);
      await followUps.recordCallBack(f!.id, { at: MONDAY, note: '已回访' }, supervisor);
      expect(await ratings.canRate(caseNumber)).toBe(false);
      await followUps.recordFix(f!.id, '已补办', supervisor);
      expect(await ratings.canRate(caseNumber)).toBe(true);
      await ratings.rate(
        { caseNumber, channel: 'online', level: 'satisfied', comment: '解决了' },
        served,
        citizen,
      );
      expect(await ratings.canRate(caseNumber)).toBe(false);
      await expect(
        ratings.rate({ caseNumber, channel: 'online', level: 'basic' }, served, citizen),
      ).rejects.toMatchObject({ code: 'ALREADY_RATED' });
      expect((await followUps.get(f!.id)).reRating).toMatchObject({
        level: 'satisfied',
        comment: '解决了',
      });
    },
  );

  it.skipIf(!!engine.skip)('tells each overdue step once, through the watcher', async () => {
    const { ratings, followUps, file, setNow, of } = await open();
    const caseNumber = await file('key-follow-up-0003');
    await ratings.rate(
      { caseNumber, channel: 'onsite', level: 'unsatisfied' },
      { staffId: 'agent-7', department: 'PSB' },
      { type: 'terminal', id: 'PY-BOOTH-001' },
    );
    const watcher = new FollowUpWatcher(followUps, 60_000);
    const told: string[] = [];
    watcher.on('overdue', (o) => {
      if (o.caseNumber === caseNumber) told.push(`${o.caseNumber}:${o.stage}`);
    });
    await watcher.check();
    expect(told).toEqual([]);
    // Tuesday is the one working day; Wednesday the call-back is late.
    setNow(MONDAY + 2 * DAY);
    await watcher.check();
    await watcher.check();
    expect(told).toEqual([`${caseNumber}:callBack`]);
    expect((await of(caseNumber))[0]?.overdue).toBe('callBack');
    setNow(MONDAY + 40 * DAY);
    await watcher.check();
    expect(told).toEqual([`${caseNumber}:callBack`, `${caseNumber}:fix`]);
    await watcher.close();
  });
});
