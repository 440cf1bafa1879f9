import { describe, expect, it, vi } from 'vitest';
import { card, form } from '../testing/fixtures.ts';
import { harness } from '../testing/session-harness.ts';

describe('SessionCalls', () => {
  it('drops an answer that arrives after the session was wiped', async () => {
    let release: (() => void) | null = null;
    const h = harness(
      {},
      {
        'POST /api/kiosk/forms': () =>
          new Promise((resolve) => {
            release = () => resolve({ status: 200, body: form() } as never);
          }) as Promise<never>,
      },
    );
    const { session, socket } = h;
    session.start('apply');
    session.welcomeDone();
    socket.push('card:inserted', { card: card(), validity: 'valid' });
    await vi.waitFor(() => expect(session.state.catalogue).not.toBeNull());
    session.bundles.chooseBundle('birth');
    await vi.waitFor(() => expect(session.state.notice).not.toBeNull());
    session.bundles.noticeRead();
    session.bundles.confirmItems();
    await vi.waitFor(() => expect(release).not.toBeNull());
    session.wipe();
    release!();
    await new Promise((r) => setTimeout(r, 20));
    expect(session.state.form).toBeNull();
    expect(session.state.busy).toBeNull();
    expect(session.state.screen).toBe('attract');
  });
});
