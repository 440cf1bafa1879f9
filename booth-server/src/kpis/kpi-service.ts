import type { RatingLevel } from '@onething/contract/rest/kiosk';
import type { KpiReport } from '@onething/contract/rest/kpi';
import { type Kysely, sql } from 'kysely';
import type { CatalogueNames } from '../catalogue/catalogue-names.ts';
import type { DB } from '../db/schema.ts';

const DAY = 86_400_000;

/** Sub-case states that end a department's work: 办结 or 不予受理/驳回. */
const FINISHED = ['done', 'rejected'];
const LEVELS: RatingLevel[] = [
  'very_satisfied',
  'satisfied',
  'basic',
  'unsatisfied',
  'very_unsatisfied',
];

/**
 * 一件事 KPIs, each one query in the SQL that SQLite and PostgreSQL share (CASE, window
 * functions, integer division); numbers come back as strings from PostgreSQL, hence Number().
 */
export class KpiService {
  readonly #db: Kysely<DB>;
  readonly #names: CatalogueNames;
  readonly #refreshSeconds: number;
  readonly #now: () => number;

  constructor(deps: {
    db: Kysely<DB>;
    names: CatalogueNames;
    refreshSeconds: number;
    now?: () => number;
  }) {
    this.#db = deps.db;
    this.#names = deps.names;
    this.#refreshSeconds = deps.refreshSeconds;
    this.#now = deps.now ?? Date.now;
  }

  async report(opts: { since?: number; until?: number } = {}): Promise<KpiReport> {
    const now = this.#now();
    const until = opts.until ?? now;
    const since = opts.since ?? until - 30 * DAY;
    const [casesByBundle, onTime, handling, oneVisit, ratings] = await Promise.all([
      this.#casesByBundle(since, until),
      this.#onTimeByDepartment(since, until, now),
      this.#handling(since, until),
      this.#oneVisit(since, until),
      this.#ratings(since, until),
    ]);
    return {
      since,
      until,
      generatedAt: now,
      refreshSeconds: this.#refreshSeconds,
      casesByBundle,
      onTimeByDepartment: onTime,
      handling,
      oneVisit,
      ratings,
    };
  }

  async #casesByBundle(since: number, until: number) {
    const rows = await this.#db
      .selectFrom('cases')
      .select(['bundle_code', 'channel', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('submitted_at', '>=', since)
      .where('submitted_at', '<', until)
      .groupBy(['bundle_code', 'channel'])
      .orderBy('bundle_code')
      .orderBy('channel')
      .execute();
    return rows.map((r) => ({
      bundleCode: r.bundle_code,
      bundleName: this.#names.bundle(r.bundle_code) ?? { zh: r.bundle_code, en: r.bundle_code },
      channel: r.channel,
      cases: Number(r.n),
    }));
  }

  async #onTimeByDepartment(since: number, until: number, now: number) {
    const { rows } = await sql<{
      department: string;
      finished: string | number;
      on_time: string | number;
      open_overdue: string | number;
    }>`
      select s.department,
        sum(case when s.status in (${sql.join(FINISHED)}) then 1 else 0 end) as finished,
        sum(case when s.status in (${sql.join(FINISHED)})
                  and (s.due_at is null or s.updated_at <= s.due_at) then 1 else 0 end) as on_time,
        sum(case when s.status not in (${sql.join(FINISHED)})
                  and s.due_at is not null and s.due_at < ${now} then 1 else 0 end) as open_overdue
      from sub_cases s join cases c on c.case_number = s.case_number
      where c.submitted_at >= ${since} and c.submitted_at < ${until}
      group by s.department
      order by s.department`.execute(this.#db);
    return rows.map((r) => {
      const finished = Number(r.finished);
      const onTime = Number(r.on_time);
      const openOverdue = Number(r.open_overdue);
      const judged = finished + openOverdue;
      return {
        department: r.department,
        departmentName: this.#names.department(r.department) ?? {
          zh: r.department,
          en: r.department,
        },
        finished,
        onTime,
        openOverdue,
        rate: judged ? onTime / judged : null,
      };
    });
  }

  /** Average and 90th percentile (nearest rank: the ⌈0.9·n⌉-th smallest) of handling time. */
  async #handling(since: number, until: number) {
    const { rows } = await sql<{
      n: string | number | null;
      avg_ms: string | number | null;
      p90_ms: string | number | null;
    }>`
      with finished as (
        select c.case_number, max(s.updated_at) - c.submitted_at as ms
        from cases c join sub_cases s on s.case_number = c.case_number
        where c.status in ('done', 'closed')
          and c.submitted_at >= ${since} and c.submitted_at < ${until}
        group by c.case_number, c.submitted_at
      ), ranked as (
        select ms, row_number() over (order by ms) as rn, count(*) over () as n from finished
      )
      select max(n) as n, avg(ms) as avg_ms,
        max(case when rn = (9 * n + 9) / 10 then ms end) as p90_ms
      from ranked`.execute(this.#db);
    const r = rows[0];
    const finished = Number(r?.n ?? 0);
    return {
      finished,
      averageMs: finished && r?.avg_ms != null ? Math.round(Number(r.avg_ms)) : null,
      p90Ms: finished && r?.p90_ms != null ? Number(r.p90_ms) : null,
    };
  }

  async #oneVisit(since: number, until: number) {
    const { rows } = await sql<{ finished: string | number; clean: string | number | null }>`
      select count(*) as finished,
        sum(case when not exists (
          select 1 from case_events e
          where e.case_number = c.case_number and e.to_status = 'more_material'
        ) then 1 else 0 end) as clean
      from cases c
      where c.status in ('done', 'closed')
        and c.submitted_at >= ${since} and c.submitted_at < ${until}`.execute(this.#db);
    const finished = Number(rows[0]?.finished ?? 0);
    const withoutSupplement = Number(rows[0]?.clean ?? 0);
    return { finished, withoutSupplement, rate: finished ? withoutSupplement / finished : null };
  }

  async #ratings(since: number, until: number) {
    const rows = await this.#db
      .selectFrom('ratings as r')
      .innerJoin('cases as c', 'c.case_number', 'r.case_number')
      .select(['r.level', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('c.submitted_at', '>=', since)
      .where('c.submitted_at', '<', until)
      .groupBy('r.level')
      .execute();
    const counts: Record<RatingLevel, number> = {
      very_satisfied: 0,
      satisfied: 0,
      basic: 0,
      unsatisfied: 0,
      very_unsatisfied: 0,
    };
    let total = 0;
    for (const r of rows) {
      const level = LEVELS.find((l) => l === r.level);
      if (!level) continue;
      counts[level] = Number(r.n);
      total += Number(r.n);
    }
    return { total, counts };
  }
}
