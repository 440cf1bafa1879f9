import { exponentialBackoff } from '@onething/contract/wire/retry';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../audit/audit-log.ts';
import { CaseService } from '../../cases/case-service.ts';
import { catalogue, submission } from '../../testing/cases.ts';
import { storageEngines } from '../../testing/engines.ts';
import { RatingService } from '../rating-service.ts';
import { RatingReporter } from './rating-reporter.ts';
import { SimulatedRatingPlatform } from './simulated-rating-platform.ts';

const engines = await storageEngines();
afterAll(async () => {
  for (const e of engines) await e.dispose();
});

describe.each(engines)('reports to the national 好差评 platform on $name', (engine) => {
  it.skipIf(!!engine.skip)(
    'retries a failed report after the policy’s delay, never loses it, and never sends it twice',
    async () => {
      const db = await engine.open();
      let now = Date.parse('2026-12-07T10:00:00+08:00');
      const clock = () => now;
      const audit = new AuditLog(db.db, clock);
      const cases = new CaseService(db.db, audit, {
        current: () => catalogue,
        get: () => catalogue,
      });
      const ratings = new RatingService(
        db.db,
        audit,
        { followUpWorkingDays: 15 },
        undefined,
        clock,
      );
      const { view } = await cases.submit(submission(`key-report-${engine.name}-01`), {
        type: 'terminal',
        id: 'PY-BOOTH-001',
      });
      await ratings.rate(
        { caseNumber: view.caseNumber, channel: 'onsite', level: 'unsatisfied', comment: '态度差' },
        { staffId: 'agent-7', department: 'PSB' },
        { type: 'terminal', id: 'PY-BOOTH-001' },
      );
      const platform = new SimulatedRatingPlatform();
      const delays: number[] = [];
      const policy = exponentialBackoff({ initialMs: 1_000, maxMs: 60_000 });
      const reporter = new RatingReporter({
        db: db.db,
        platform,
        nextRetryDelayMs: (c) => {
          const d = policy(c);
          if (d !== null) delays.push(d);
          return d;
        },
        intervalMs: 60_000,
        now: clock,
      });
      const mine = () => platform.received.filter((r) => r.caseNumber === view.caseNumber);

      platform.failNext(2);
      await reporter.deliver();
      expect(mine()).toEqual([]);
      // Not due yet: the policy's delay holds it back.
      await reporter.deliver();
      expect(platform.attempts).toBe(1);
      now += 1_000;
      await reporter.deliver();
      now += 2_000;
      // Taken, but the answer is lost: the retry carries the same key and is not counted twice.
      platform.loseNextReplies(1);
      await reporter.deliver();
      now += 4_000;
      await reporter.deliver();
      expect(delays).toEqual([1_000, 2_000, 4_000]);
      expect(mine()).toHaveLength(1);
      expect(mine()[0]).toMatchObject({
        kind: 'rating',
        level: 'unsatisfied',
        channel: 'onsite',
        department: 'PSB',
      });
      // What the platform gets: no comment, no staff id.
      expect(JSON.stringify(mine()[0])).not.toContain('态度差');
      expect(JSON.stringify(mine()[0])).not.toContain('agent-7');
      const row = await db.db
        .selectFrom('rating_reports')
        .select(['sent_at', 'attempts'])
        .where('id', '=', mine()[0]!.idempotencyKey)
        .executeTakeFirstOrThrow();
      expect(row.sent_at).not.toBeNull();
      expect(row.attempts).toBe(4);
      now += 60_000;
      await reporter.deliver();
      expect(mine()).toHaveLength(1);
      await reporter.close();
    },
  );
});
