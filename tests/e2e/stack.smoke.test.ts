import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Stack, startStack } from './support/stack.ts';

describe('the whole stack on one machine', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => s?.close());

  it('enrols the simulated booth, which then reports to the fleet', async () => {
    expect(s.kioskUrl).toMatch(/\/kiosk\/#bridge=http:\/\/127\.0\.0\.1:\d+&token=/);
    const mine = async () =>
      (await s.server.server.fleet.list()).find((t) => t.id === s.terminalId);
    for (let i = 0; i < 50 && !(await mine())?.online; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await mine()).toMatchObject({ online: true, paper: 'ok', kind: 'booth' });
  });
});
