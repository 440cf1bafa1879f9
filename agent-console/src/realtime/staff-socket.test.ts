import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConsoleError } from '../errors.ts';

/**
 * A real socket.io server on loopback plays the booth server's /staff namespace, answering as
 * each test wants (a broken server included); the console's client is the real socket.io client,
 * only pointed at this server instead of the page's own origin.
 */
const http = createServer();
const server = new Server(http);
let origin = '';
let answer: (event: string, payload: unknown) => unknown = () => ({ ok: true, data: {} });
const received: { event: string; payload: unknown }[] = [];
let peer: ServerSocket | null = null;
// Handshakes the server refuses because its database is away (then it answers again).
let databaseAway = 0;
server.of('/staff').use((_socket, next) => {
  if (databaseAway <= 0) return next();
  databaseAway -= 1;
  next(new Error('DATABASE_UNAVAILABLE'));
});
server.of('/staff').on('connection', (socket) => {
  peer = socket;
  socket.onAny((event: string, payload: unknown, ack?: (v: unknown) => void) => {
    received.push({ event, payload });
    ack?.(answer(event, payload));
  });
});

vi.mock('socket.io-client', async (original) => {
  const actual = await original<typeof import('socket.io-client')>();
  return {
    ...actual,
    io: (path: string, opts: Parameters<typeof actual.io>[1]) =>
      actual.io(`${origin}${path}`, opts),
  };
});

const { closeStaffSocket, onStaff, staffRequest, staffSocket } = await import('./staff-socket.ts');

beforeAll(async () => {
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  closeStaffSocket();
  peer = null;
  received.length = 0;
  answer = () => ({ ok: true, data: {} });
  vi.restoreAllMocks();
});

async function connectedPeer(): Promise<ServerSocket> {
  const s = staffSocket();
  if (!s.connected) await new Promise((resolve) => s.once('connect', () => resolve(null)));
  await expect.poll(() => peer).not.toBeNull();
  return peer as unknown as ServerSocket;
}

describe('the staff socket', () => {
  it('delivers well-formed notifications and drops malformed ones', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const got: string[] = [];
    const off = onStaff('offer:ended', (p) => got.push(p.reason));
    const server = await connectedPeer();
    server.emit('offer:ended', { offerId: 'o2', reason: 'because' });
    server.emit('offer:ended', 'withdrawn');
    server.emit('offer:ended', { offerId: 'o1', reason: 'withdrawn' });
    await expect.poll(() => got).toEqual(['withdrawn']);
    // which event was malformed is logged, never the payload
    expect(warn).toHaveBeenCalledWith(
      expect.any(String),
      expect.objectContaining({ event: 'offer:ended' }),
    );
    off();
    // a listener still subscribed sees the next one arrive; the unsubscribed one does not
    const after: string[] = [];
    onStaff('offer:ended', (p) => after.push(p.reason));
    server.emit('offer:ended', { offerId: 'o3', reason: 'rejected' });
    await expect.poll(() => after).toEqual(['rejected']);
    expect(got).toEqual(['withdrawn']);
  });

  it('delivers overdue follow-up alerts and KPI changes, and drops malformed ones', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const overdue: string[] = [];
    const kpi: number[] = [];
    const offs = [
      onStaff('followUp:overdue', (p) => overdue.push(`${p.caseNumber}:${p.stage}`)),
      onStaff('kpi:changed', (p) => kpi.push(p.at)),
    ];
    const server = await connectedPeer();
    server.emit('followUp:overdue', { id: 'f1', caseNumber: 'YJ1', stage: 'late', dueAt: 1 });
    server.emit('kpi:changed', { at: 'now' });
    server.emit('followUp:overdue', { id: 'f1', caseNumber: 'YJ1', stage: 'callBack', dueAt: 1 });
    server.emit('kpi:changed', { at: 5 });
    await expect.poll(() => [overdue, kpi]).toEqual([['YJ1:callBack'], [5]]);
    for (const off of offs) off();
  });

  it('drops a malformed sub-case change and delivers a well-formed one', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const got: number[] = [];
    const off = onStaff('workbench:subCaseChanged', (c) => got.push(c.version));
    const server = await connectedPeer();
    const change = { caseNumber: 'YJ000000000000001', department: 'PSB', status: 'in_review' };
    server.emit('workbench:subCaseChanged', { ...change, version: 'two' });
    server.emit('workbench:subCaseChanged', { ...change, status: 'lost', version: 2 });
    server.emit('workbench:subCaseChanged', { ...change, version: 2 });
    await expect.poll(() => got).toEqual([2]);
    off();
  });

  it('rejects an answer outside the contract with a ConsoleError (badResponse)', async () => {
    answer = () => ({ ok: true, data: { terminals: 'all of them' } });
    const e = await staffRequest('fleet:list', {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConsoleError);
    expect(e).toMatchObject({ kind: 'badResponse', code: 'INTERNAL' });
    answer = () => 'yes';
    const notAck = await staffRequest('fleet:list', {}).catch((x: unknown) => x);
    expect(notAck).toMatchObject({ kind: 'badResponse' });
  });

  it('a refused request carries the catalogue code', async () => {
    answer = () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'maintenance only' } });
    const e = await staffRequest('fleet:list', {}).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConsoleError);
    expect(e).toMatchObject({ kind: 'refused', code: 'FORBIDDEN', status: null });
  });

  it('checks the payload before sending it', async () => {
    await connectedPeer();
    // a request the contract does not allow is a bug here: it never reaches the server
    const e = await staffRequest('fleet:detail', { terminalId: '' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: 'invalidRequest', code: 'VALIDATION_FAILED' });
    // the next, valid request is the first the server sees
    answer = () => ({ ok: true, data: { terminals: [] } });
    await staffRequest('fleet:list', {});
    expect(received.map((r) => r.event)).toEqual(['fleet:list']);
  });

  it('sends a request made before the connection once it connects', async () => {
    answer = () => ({ ok: true, data: { terminals: [] } });
    // the first request opens the socket and waits for it
    await expect(staffRequest('fleet:list', {})).resolves.toEqual({ terminals: [] });
  });

  it('fails as unreachable when no server answers the connection', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const away = origin;
    origin = 'http://127.0.0.1:1';
    try {
      const late = staffRequest('fleet:list', {}).catch((x: unknown) => x);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(await late).toMatchObject({ kind: 'unreachable' });
    } finally {
      origin = away;
      vi.useRealTimers();
    }
  });

  it('waits while the server cannot read sessions, then connects by itself', async () => {
    databaseAway = 2;
    const s = staffSocket();
    const refusals: string[] = [];
    s.on('connect_error', (e) => refusals.push(e.message));
    // Two refusals, then the retry policy's 1 s and 2 s, then the handshake goes through.
    await expect.poll(() => s.connected, { timeout: 10_000 }).toBe(true);
    expect(refusals).toEqual(['DATABASE_UNAVAILABLE', 'DATABASE_UNAVAILABLE']);
  });
});
