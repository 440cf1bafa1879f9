import { describe, expect, it, vi } from 'vitest';
import { harness, toCall, toForm } from '../testing/video-help-harness.ts';

describe('DraftSync: the agent’s view of the draft', () => {
  it('keeps the agent’s view of the draft current while connected, and only then', async () => {
    const h = harness();
    toForm(h);
    await h.help.request();
    h.dispatch({ type: 'answer', key: 'applicant.phone', value: '13800138000' });
    expect(h.server.sent('draft:update')).toHaveLength(0);
    await toCall(h);
    await vi.waitFor(() => expect(h.server.sent('draft:update')).toHaveLength(1));
    expect(h.server.sent('draft:update')[0]).toMatchObject({
      ticketId: 't1',
      draft: {
        bundleCode: 'birth',
        itemCodes: ['A', 'B', 'C'],
        step: 'form',
        // The card used to sign in is not shared until the citizen consents to a card read.
        identity: null,
      },
    });
    h.dispatch({ type: 'answer', key: 'applicant.phone', value: '13900139000' });
    await vi.waitFor(() => expect(h.server.sent('draft:update')).toHaveLength(2));
    const second = h.server.sent('draft:update')[1] as { draft: { answers: object } };
    expect(JSON.stringify(second.draft.answers)).toContain('13900139000');
    // nothing the agent sees changed: nothing sent
    h.dispatch({ type: 'simPanel', open: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(h.server.sent('draft:update')).toHaveLength(2);
  });
});
