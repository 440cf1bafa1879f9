import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDemoDataset } from '../../../../booth-server/src/data-sharing/demo-dataset.ts';
import { registerTerminal } from '../../../../booth-server/src/testing/terminals.ts';
import { login, startTestServer } from '../../../../booth-server/src/testing/test-server.ts';
import { loadConfig } from '../config.ts';
import { capturedLogger } from '../testing/captured-logger.ts';
import { KioskBridge } from './kiosk-bridge.ts';
import { type AttestationLink, VisitIdentity } from './visit-identity.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const MOTHER = '33990219940612022X';
const OTHER = '33990319420810015X';

/** A real booth server, a simulated-hardware bridge enrolled to it, and the kiosk page's socket. */
async function stack(terminalId: string) {
  const t = await startTestServer();
  cleanups.push(() => t.close());
  const admin = await login(t.url, 'admin', 'demo-admin-2026');
  const code = await registerTerminal(t.url, admin, terminalId);
  const dir = await mkdtemp(path.join(tmpdir(), 'bridge-visit-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const { logger, lines } = capturedLogger();
  const bridge = await KioskBridge.start(
    loadConfig({
      BRIDGE_SERVER_URL: t.url,
      BRIDGE_DATA_DIR: dir,
      BRIDGE_LOCAL_PORT: '0',
      BRIDGE_HARDWARE: 'simulated',
      BRIDGE_TERMINAL_ID: terminalId,
      BRIDGE_ENROLMENT_CODE: code,
      BRIDGE_KIOSK_URL: `${t.url}/kiosk/`,
    }),
    { logger },
  );
  cleanups.push(() => bridge.close());
  for (let i = 0; !bridge.server.connected; i++) {
    if (i > 500) throw new Error('bridge never connected');
    await new Promise((r) => setTimeout(r, 10));
  }
  const page: Socket = io(`${bridge.local.url}/local`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { token: bridge.localToken },
  });
  cleanups.push(() => page.close());
  await new Promise<void>((resolve, reject) => {
    page.once('connect', resolve);
    page.once('connect_error', reject);
  });
  const ask = async (event: string, payload: unknown = {}) =>
    (await page.timeout(10_000).emitWithAck(event, payload)) as {
      ok: boolean;
      data?: any;
      error?: { code: string };
    };
  const next = (event: string) =>
    new Promise<any>((resolve) => page.once(event, (p: unknown) => resolve(p)));
  const minted = (await ask('session:token')).data as { token: string };
  const rest = async (p: string, body: unknown) =>
    fetch(`${t.url}/api/kiosk${p}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${minted.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const index = (await (
    await fetch(`${t.url}/api/kiosk/catalogue`, {
      headers: { authorization: `Bearer ${minted.token}` },
    })
  ).json()) as { instantItems: { code: string }[] };
  const certificate = { itemCode: index.instantItems[0]?.code, confirmed: true };
  return { t, bridge, ask, next, rest, lines, certificate };
}

describe('the bridge attests who is at the kiosk', () => {
  it('has the card attested before the page hears of it; a wipe makes the server forget', async () => {
    const s = await stack('VISIT-0001');
    const inserted = s.next('card:inserted');
    expect((await s.ask('sim:placeCard', { personId: MOTHER })).ok).toBe(true);
    expect((await inserted).card.name).toBe('林晓雯');
    // At the moment the page hears of the card, the server already holds it for the session.
    const cert = await s.rest('/instant', s.certificate);
    expect(cert.status, await cert.clone().text()).toBe(200);
    expect(JSON.stringify(await cert.json())).toContain('林晓雯');

    expect((await s.ask('session:wipe')).ok).toBe(true);
    const after = await s.rest('/instant', s.certificate);
    expect(after.status).toBe(403);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe(
      'IDENTITY_NOT_ATTESTED',
    );
    // The person is never in the bridge's log.
    expect(JSON.stringify(s.lines)).not.toContain(MOTHER);
    expect(JSON.stringify(s.lines)).not.toContain('林晓雯');
  });

  it('verifies only an electronic-ID code its own scanner read, never one from the page', async () => {
    const s = await stack('VISIT-0002');
    const none = await s.ask('identity:electronic');
    expect(none).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const scanned = s.next('scanner:scan');
    await s.ask('sim:scan', { text: `CTID:${MOTHER}` });
    await scanned;
    const ok = await s.ask('identity:electronic');
    expect(ok.data.card.name).toBe('林晓雯');
    const form = await s.rest('/instant', s.certificate);
    expect(form.status).toBe(200);
    // A code is used once.
    expect((await s.ask('identity:electronic')).ok).toBe(false);
  });

  it('stamps queued work with the visit’s own attestation, whatever the page put there', async () => {
    const s = await stack('VISIT-0003');
    const inserted = s.next('card:inserted');
    await s.ask('sim:placeCard', { personId: MOTHER });
    await inserted;
    const bundle = s.t.server.catalogues.current().bundle('YJSP001');
    const dataset = await loadDemoDataset();
    const filed = await s.rest('/cases', {
      idempotencyKey: randomUUID(),
      bundleCode: 'YJSP001',
      consents: [{ purpose: 'minorData', wording: '2026-12' }],
      itemCodes: bundle?.items,
      answers: dataset.scenarios.find((x) => x.bundle === 'YJSP001')?.typed,
    });
    expect(filed.status).toBe(201);
    const caseNumber = ((await filed.json()) as { case: { caseNumber: string } }).case.caseNumber;
    const rating = async (key: string) => ({
      kind: 'rating.submit',
      idempotencyKey: key,
      payload: { caseNumber, channel: 'onsite', level: 'satisfied' },
      // What a page might try: a visit of its own choosing. The bridge replaces it.
      attestation: {
        sessionId: 's'.repeat(20),
        visitId: 'v'.repeat(20),
        method: 'idCard',
        card: (await inserted).card,
      },
    });
    // The page named a visit of its own; the bridge put its own in, so the filing visit rates.
    const delivered = s.next('outbox:delivered');
    expect((await s.ask('outbox:enqueue', await rating('a'.repeat(20)))).ok).toBe(true);
    expect((await delivered).result).toMatchObject({ rated: true });
    // The next citizen's visit (after the wipe) cannot rate it through the outbox.
    await s.ask('session:wipe');
    await s.ask('sim:removeCard');
    const next = s.next('card:inserted');
    await s.ask('sim:placeCard', { personId: OTHER });
    await next;
    const failed = s.next('outbox:failed');
    expect((await s.ask('outbox:enqueue', await rating('k'.repeat(20)))).ok).toBe(true);
    expect((await failed).code).toBe('RATING_NOT_ALLOWED');
  });
});

describe('VisitIdentity without a server at hand', () => {
  /** A link that records what it was asked, connected or not. */
  function fakeLink() {
    const sent: { event: string; payload: any }[] = [];
    const link = {
      connected: true,
      attestation: async (event: string, payload: any) => {
        sent.push({ event, payload });
        return event === 'identity:attest' ? { actor: payload.card } : { cleared: true };
      },
    };
    return { link: link as unknown as AttestationLink, sent, raw: link };
  }
  const card = {
    cardType: 'resident' as const,
    name: '林晓雯',
    gender: 'female' as const,
    nation: null,
    birthDate: '1994-06-12',
    address: '云溪市',
    idNumber: MOTHER,
    issuer: '云溪市公安局',
    validFrom: '2020-01-01',
    validTo: '长期' as const,
  };

  it('attests a card read before the page asked for a token once it does, and moves it with the token', async () => {
    const { link, sent } = fakeLink();
    const visit = new VisitIdentity(link, capturedLogger().logger);
    await visit.cardRead(card);
    expect(sent).toEqual([]);
    await visit.sessionMinted('session-aaaaaaaaaaaaaaaa');
    expect(sent.map((x) => [x.event, x.payload.sessionId])).toEqual([
      ['identity:attest', 'session-aaaaaaaaaaaaaaaa'],
    ]);
    const visitId = sent[0]?.payload.visitId;
    // A refreshed token: the server forgets the old session's and learns the new one's.
    await visit.sessionMinted('session-bbbbbbbbbbbbbbbb');
    expect(sent.slice(1).map((x) => [x.event, x.payload.sessionId])).toEqual([
      ['identity:clear', 'session-aaaaaaaaaaaaaaaa'],
      ['identity:attest', 'session-bbbbbbbbbbbbbbbb'],
    ]);
    expect(sent[2]?.payload.visitId).toBe(visitId);
  });

  it('tells the server about a wipe made while the link was down, once it is back', async () => {
    const { link, sent, raw } = fakeLink();
    const visit = new VisitIdentity(link, capturedLogger().logger);
    await visit.sessionMinted('session-aaaaaaaaaaaaaaaa');
    await visit.cardRead(card);
    raw.connected = false;
    await visit.wipe();
    expect(sent.filter((x) => x.event === 'identity:clear')).toEqual([]);
    raw.connected = true;
    await visit.reconnected();
    expect(sent.at(-1)).toEqual({
      event: 'identity:clear',
      payload: { sessionId: 'session-aaaaaaaaaaaaaaaa' },
    });
  });
});
