import { describe, expect, it, vi } from 'vitest';
import { card } from '../testing/fixtures.ts';
import { harness, toReview } from '../testing/session-harness.ts';

describe('KioskSession: back to the start', () => {
  it('going back to the attract screen is a full wipe, bridge included', async () => {
    const h = harness();
    h.socket.push('card:inserted', { card: card(), validity: 'valid' });
    expect(h.session.state.screen).toBe('welcome');
    h.session.back();
    expect(h.session.state.screen).toBe('attract');
    expect(h.session.state.identity).toBeNull();
    await vi.waitFor(() => expect(h.socket.sent('session:wipe')).toHaveLength(1));
  });
});

describe('KioskSession: a revoked terminal', () => {
  it('forgets the citizen mid-flow and stays out of service until the server accepts it again', async () => {
    const h = harness();
    await toReview(h);
    h.session.terminalRevoked();
    expect(h.session.state.screen).toBe('outOfService');
    expect(h.session.state.identity).toBeNull();
    expect(h.camera.stopped).toBeGreaterThan(0);
    expect(h.help.ended).toBe(1);
    await vi.waitFor(() => expect(h.socket.sent('session:wipe')).toHaveLength(1));
    // the server accepts the terminal again (the kiosk socket reconnected) …
    h.session.terminalRestored();
    expect(h.session.state.screen).toBe('attract');
    // … and a reconnection without a revocation does not end a citizen's session
    await toReview(h);
    const screen = h.session.state.screen;
    h.session.terminalRestored();
    expect(h.session.state.screen).toBe(screen);
    expect(h.session.state.identity).not.toBeNull();
  });
});

describe('KioskSession: maintenance and reload from the fleet', () => {
  it('maintenance on mid-flow stops the camera and any call, forgets the citizen and names where to go', async () => {
    const h = harness();
    await toReview(h);
    h.socket.push('ui:maintenance', { on: true, message: '番禺区政务服务中心 2号机' });
    expect(h.session.state.screen).toBe('outOfService');
    expect(h.session.state.maintenance).toEqual({ alternative: '番禺区政务服务中心 2号机' });
    expect(h.session.state.identity).toBeNull();
    expect(h.camera.stopped).toBeGreaterThan(0);
    expect(h.help.ended).toBe(1);
    await vi.waitFor(() => expect(h.socket.sent('session:wipe')).toHaveLength(1));

    // a card put in while out of service starts nothing
    h.socket.push('card:inserted', { card: card(), validity: 'valid' });
    expect(h.session.state.screen).toBe('outOfService');
    expect(h.session.state.identity).toBeNull();

    h.socket.push('ui:maintenance', { on: false });
    expect(h.session.state.screen).toBe('attract');
    expect(h.session.state.maintenance).toBeNull();
  });

  it('a repeated "off" does not end the session of the citizen now at the terminal', async () => {
    const h = harness();
    await toReview(h);
    h.socket.push('ui:maintenance', { on: false });
    expect(h.session.state.screen).toBe('review');
    expect(h.session.state.identity).not.toBeNull();
    expect(h.socket.sent('session:wipe')).toHaveLength(0);
  });

  it('a malformed maintenance notice is dropped, not half applied', async () => {
    const h = harness();
    h.socket.push('ui:maintenance', { on: 'yes' });
    expect(h.session.state.screen).toBe('attract');
    expect(h.session.state.maintenance).toBeNull();
  });

  it('ui:reload wipes the session before the page reloads', async () => {
    const h = harness();
    await toReview(h);
    h.socket.push('ui:reload', {});
    expect(h.reloads).toEqual({ count: 1, screenAtReload: 'attract' });
    expect(h.session.state.identity).toBeNull();
    await vi.waitFor(() => expect(h.socket.sent('session:wipe')).toHaveLength(1));
  });
});

describe('KioskSession: ending the session', () => {
  it('ends the call before it forgets the citizen', async () => {
    const h = harness();
    await toReview(h);
    h.session.wipe();
    expect(h.help.ended).toBe(1);
    expect(h.session.state.identity).toBeNull();
  });
});
