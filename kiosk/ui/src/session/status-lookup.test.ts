import { describe, expect, it } from 'vitest';
import { caseView } from '../testing/fixtures.ts';
import { harness } from '../testing/session-harness.ts';

describe('StatusLookup', () => {
  it('checks the lookup boxes before asking the server', async () => {
    const h = harness(
      {},
      {
        'POST /api/kiosk/cases/lookup': () => ({ status: 200, body: caseView() }),
      },
    );
    h.session.start('status');
    h.session.welcomeDone();
    h.session.status.statusInput({ caseNumber: 'abc', idLast4: '12' });
    await h.session.status.lookupStatus();
    expect(h.session.state.status.invalid).toEqual(['caseNumber', 'idLast4']);
    expect(h.requests.some((r) => r.route.includes('lookup'))).toBe(false);
    h.session.status.statusInput({ caseNumber: 'YJS-20250101-0001', idLast4: '123x' });
    await h.session.status.lookupStatus();
    expect(h.session.state.screen).toBe('statusView');
    expect(h.requests.find((r) => r.route.includes('lookup'))?.body).toEqual({
      caseNumber: 'YJS-20250101-0001',
      idLast4: '123X',
    });
  });

  it('says a wrong last 4 or an unknown case number next to the boxes, not as a failed call', async () => {
    let answer: { status: number; body: unknown } = {
      status: 404,
      body: { error: { code: 'CASE_NOT_FOUND', message: 'no match' } },
    };
    const h = harness({}, { 'POST /api/kiosk/cases/lookup': () => answer });
    h.session.start('status');
    h.session.welcomeDone();
    h.session.status.statusInput({ caseNumber: 'YJS-20250101-0001', idLast4: '1234' });
    await h.session.status.lookupStatus();
    expect(h.session.state.screen).toBe('statusLookup');
    expect(h.session.state.status.refused).toBe('notFound');
    expect(h.session.state.problem).toBeNull();
    expect(h.session.state.busy).toBeNull();
    // what was typed stays, so only the wrong part needs retyping
    expect(h.session.state.status.caseNumber).toBe('YJS-20250101-0001');

    h.session.status.statusInput({ idLast4: '123X' });
    expect(h.session.state.status.refused).toBeNull();
    answer = { status: 404, body: { error: { code: 'CASE_NOT_FOUND', message: 'none' } } };
    await h.session.status.lookupStatus();
    expect(h.session.state.status.refused).toBe('notFound');

    // anything else is a failed call, offered again
    answer = { status: 500, body: { error: { code: 'INTERNAL', message: 'boom' } } };
    h.session.status.statusInput({ caseNumber: 'YJS-20250101-0002' });
    await h.session.status.lookupStatus();
    expect(h.session.state.status.refused).toBeNull();
    expect(h.session.state.problem).toMatchObject({ code: 'INTERNAL', retryable: true });
  });
});
