import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { storageEngines } from '../testing/engines.ts';
import { AttemptCounter, doublingDelay, perWindow } from './attempt-counter.ts';

const engines = await storageEngines();
afterAll(async () => {
  for (const e of engines) await e.dispose();
});

describe.each(engines)('attempt counters on $name', (engine) => {
  it.skipIf(!!engine.skip)(
    'forty racing attempts on one key: exactly the free ones get through',
    async () => {
      const db: Database = await engine.open();
      try {
        // Two counters over one database stand for two booth-server processes.
        const a = new AttemptCounter(db.db);
        const b = new AttemptCounter(db.db);
        const rule = doublingDelay(5, 60_000, 1000, 60_000);
        const key = `race:${engine.name}:${Date.now()}`;
        const results = await Promise.all(
          Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).take([{ key, rule }])),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(5);
      } finally {
        await db.close();
      }
    },
  );

  it.skipIf(!!engine.skip)(
    'a per-window key holds every try until its window ends, then starts over',
    async () => {
      const db: Database = await engine.open();
      let now = 1_000_000;
      try {
        const c = new AttemptCounter(db.db, () => now);
        const rule = perWindow(3, 3_600_000);
        const key = `case:${engine.name}:${Date.now()}`;
        for (let i = 0; i < 3; i++) expect((await c.take([{ key, rule }])).ok).toBe(true);
        const held = await c.take([{ key, rule }]);
        expect(held).toMatchObject({ ok: false, retryAfterMs: 3_600_000, blockedUntil: 4_600_000 });
        now += 3_600_000;
        expect((await c.take([{ key, rule }])).ok).toBe(true);
        // A right answer is given back, so it never brings the hold nearer.
        await c.refund(key, rule);
        await c.refund(key, rule);
        for (let i = 0; i < 3; i++) expect((await c.take([{ key, rule }])).ok).toBe(true);
        expect((await c.take([{ key, rule }])).ok).toBe(false);
        // A sweep keeps a key that still holds back, and forgets it once its hold is over.
        expect(await c.sweep(now + 1)).toBe(0);
        now += 3_600_000;
        expect(await c.sweep(now)).toBe(1);
      } finally {
        await db.close();
      }
    },
  );
});
