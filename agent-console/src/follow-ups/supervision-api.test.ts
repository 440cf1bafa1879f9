import { DirectoryRoutes } from '@onething/contract/rest/directory';
import { KpiRoutes } from '@onething/contract/rest/kpi';
import { RatingRoutes } from '@onething/contract/rest/rating-routes';
import { RestClient } from '@onething/contract/wire/rest-client';
import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../errors.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function client(answer: () => Response) {
  const sent: { url: string; body: unknown }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    sent.push({ url: String(input), body: init?.body });
    return answer();
  };
  return { rest: new RestClient({ fetch, errors: ConsoleError }), sent };
}

async function failure(p: Promise<unknown>): Promise<ConsoleError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof ConsoleError)) throw new Error(`expected a ConsoleError, got ${String(e)}`);
  return e;
}

/** The supervisors' routes both ways: a bad request never leaves, a bad answer is typed. */
describe('follow-up, KPI and directory calls', () => {
  it('refuses to send a call-back without a note, before any request', async () => {
    const { rest, sent } = client(() => json(200, {}));
    const e = await failure(
      rest.call(RatingRoutes.callBack, { params: { id: 'F1' }, body: { at: 1, note: '' } }),
    );
    expect(e.kind).toBe('invalidRequest');
    expect(sent).toEqual([]);
  });

  it('turns a malformed follow-up list, KPI report or directory into badResponse', async () => {
    const { rest } = client(() => json(200, { followUps: [{ id: 1 }] }));
    expect((await failure(rest.call(RatingRoutes.followUps, { query: {} }))).kind).toBe(
      'badResponse',
    );
    const kpis = client(() => json(200, { casesByBundle: 'many' }));
    expect((await failure(kpis.rest.call(KpiRoutes.report, { query: {} }))).kind).toBe(
      'badResponse',
    );
    const dir = client(() => json(200, { staff: [{ id: 'a', name: 'x', presence: 'asleep' }] }));
    expect((await failure(dir.rest.call(DirectoryRoutes.search, { query: {} }))).kind).toBe(
      'badResponse',
    );
  });

  it('reads a refusal as the catalogue code', async () => {
    const { rest } = client(() =>
      json(404, { error: { code: 'NOT_FOUND', message: 'follow-up awaiting a call-back' } }),
    );
    const e = await failure(
      rest.call(RatingRoutes.resolveFollowUp, {
        params: { id: 'F1' },
        body: { resolution: '已整改' },
      }),
    );
    expect(e).toMatchObject({ kind: 'refused', code: 'NOT_FOUND', status: 404 });
  });
});
