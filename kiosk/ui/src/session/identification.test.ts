import { describe, expect, it, vi } from 'vitest';
import { card } from '../testing/fixtures.ts';
import { harness, toReview } from '../testing/session-harness.ts';

describe('Identification', () => {
  it('with the "wipe" policy, removing the card mid-flow wipes everything and tells the bridge', async () => {
    const h = harness({ cardRemoval: 'wipe' });
    await toReview(h);
    h.socket.push('card:removed', {});
    expect(h.session.state.screen).toBe('attract');
    expect(h.session.state.identity).toBeNull();
    expect(h.session.state.answers).toEqual({});
    await vi.waitFor(() => expect(h.socket.sent('session:wipe')).toHaveLength(1));
  });

  it('with the default "warn" policy, removing the card keeps the work and warns', async () => {
    const h = harness();
    await toReview(h);
    h.socket.push('card:removed', {});
    expect(h.session.state.screen).toBe('review');
    expect(h.session.state.cardRemovedWarning).toBe(true);
    expect(h.socket.sent('session:wipe')).toHaveLength(0);
  });

  it('identifies with an electronic-ID QR code through the bridge and refuses codes that are not ours', async () => {
    const h = harness();
    // The bridge verifies the code its own scanner read; the page never sends a code or a card.
    const base = h.socket.answer;
    let verdict: unknown = { ok: false, error: { code: 'FORBIDDEN', message: 'expired code' } };
    h.socket.answer = (event, payload) =>
      event === 'identity:electronic' ? verdict : base(event, payload);
    h.session.start('apply');
    h.session.welcomeDone();
    h.socket.push('scanner:scan', { text: '6901234567892', symbology: 'EAN13' });
    expect(h.session.state.identifyProblem).toBe('qrNotOurs');
    h.socket.push('scanner:scan', { text: `CTID:${'x'.repeat(20)}BAD`, symbology: 'QR' });
    await vi.waitFor(() => expect(h.session.state.identifyProblem).toBe('eidRejected'));
    verdict = { ok: true, data: { card: card() } };
    h.socket.push('scanner:scan', { text: `CTID:${'x'.repeat(20)}GOOD`, symbology: 'QR' });
    await vi.waitFor(() => expect(h.session.state.screen).toBe('chooseBundle'));
    expect(h.session.state.identity?.source).toBe('electronicId');
    expect(h.socket.sent('identity:electronic')).toEqual([{}, {}]);
    expect(h.requests.some((r) => r.route.includes('identity'))).toBe(false);
  });
});
