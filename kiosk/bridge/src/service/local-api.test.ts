import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { AppError } from '@onething/contract/errors';
import type { KioskSessionToken } from '@onething/contract/rest/kiosk';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import type { HidBackend } from '../transport/hid-transport.ts';
import { CardSession } from './card-session.ts';
import { Hardware } from './hardware.ts';
import { type AttestationLink, VisitIdentity } from './visit-identity.ts';
import { LocalApi } from './local-api.ts';
import { createBridgeLogger } from './logger.ts';
import { Outbox } from './outbox.ts';
import { PrintService } from './print-service.ts';
import { DeviceSimulation } from './simulation.ts';

const PEOPLE = path.resolve(
  import.meta.dirname,
  '../../../../booth-server/catalogue/demo-data/people.yaml',
);
const ORIGIN = 'http://127.0.0.1:8080';
const TOKEN = 'local-token-for-tests-0123456789';

interface Rig {
  api: LocalApi;
  hardware: Hardware;
  cards: CardSession;
  printing: PrintService;
  outbox: Outbox;
  logLines: string[];
  dir: string;
  close(): Promise<void>;
}

const rigs: Rig[] = [];
const sockets: Socket[] = [];
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bridge-local-'));
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  for (const r of rigs.splice(0)) await r.close();
  await rm(dir, { recursive: true, force: true });
});

/** Stand-ins for CUPS' lp and lpstat that keep the document they are given. */
async function fakeCups(): Promise<{ lpPath: string; lpstatPath: string; printed: string }> {
  const printed = path.join(dir, 'printed.pdf');
  const lpPath = path.join(dir, 'lp');
  const lpstatPath = path.join(dir, 'lpstat');
  await writeFile(lpPath, `#!/bin/sh\ncat > '${printed}'\necho "request id is a4-7 (1 file(s))"\n`);
  await writeFile(lpstatPath, '#!/bin/sh\necho a4\n');
  await chmod(lpPath, 0o755);
  await chmod(lpstatPath, 0o755);
  return { lpPath, lpstatPath, printed };
}

async function rig(
  env: Record<string, string> = {},
  extra: {
    hidBackend?: HidBackend;
    cups?: { lpPath: string; lpstatPath: string };
    sessionToken?: () => Promise<KioskSessionToken>;
  } = {},
): Promise<Rig> {
  const config = loadConfig({
    BRIDGE_SERVER_URL: 'http://127.0.0.1:9',
    BRIDGE_DATA_DIR: dir,
    BRIDGE_LOCAL_PORT: '0',
    BRIDGE_KIOSK_URL: `${ORIGIN}/kiosk/`,
    BRIDGE_DEMO_PEOPLE: PEOPLE,
    ...env,
  });
  const logLines: string[] = [];
  const logger = createBridgeLogger(
    'debug',
    new Writable({
      write(chunk, _enc, cb) {
        logLines.push(String(chunk));
        cb();
      },
    }),
  );
  const hardware = new Hardware(config, {
    logger,
    readerPollMs: 300,
    printerStatusPollMs: 200,
    ...(extra.hidBackend && { hidBackend: extra.hidBackend }),
    ...(extra.cups && { cups: extra.cups }),
  });
  const cards = new CardSession(hardware.reader);
  const printing = await PrintService.open({
    queueFile: path.join(dir, 'print-queue.json'),
    hardware,
    logger,
    pollIntervalMs: 50,
  });
  const outbox = await Outbox.open({ dataDir: dir, logger });
  const simulation = hardware.simulators
    ? new DeviceSimulation(hardware.simulators, hardware.printer, { peopleFile: config.demoPeople })
    : null;
  const api = await LocalApi.listen({
    host: config.local.host,
    port: config.local.port,
    origin: config.kioskOrigin,
    token: TOKEN,
    hardware,
    cards,
    printing,
    outbox,
    simulation,
    sessionToken:
      extra.sessionToken ??
      (async () => {
        throw new AppError('DEVICE_UNAVAILABLE', 'booth server unreachable: ECONNREFUSED');
      }),
    // No booth server here: attestations wait for a link that never comes.
    visit: new VisitIdentity(
      {
        connected: false,
        attestation: () => Promise.reject(new AppError('DEVICE_UNAVAILABLE')),
      } as AttestationLink,
      logger,
    ),
    serverConnected: () => false,
    maintenance: () => false,
    logger,
  });
  await hardware.start();
  const r: Rig = {
    api,
    hardware,
    cards,
    printing,
    outbox,
    logLines,
    dir,
    async close() {
      await api.close();
      await outbox.close();
      await printing.close();
      cards.close();
      await hardware.stop();
    },
  };
  rigs.push(r);
  return r;
}

interface Ui {
  socket: Socket;
  seen: { event: string; payload: any }[];
  request(event: string, payload?: unknown): Promise<any>;
  next(event: string, match?: (p: any) => boolean, timeoutMs?: number): Promise<any>;
}

function connect(r: Rig, opts: { token?: string | null; origin?: string } = {}): Promise<Ui> {
  const socket = io(`${r.api.url}/local`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: opts.token === null ? {} : { token: opts.token ?? TOKEN },
    ...(opts.origin && { extraHeaders: { origin: opts.origin } }),
  });
  sockets.push(socket);
  const seen: { event: string; payload: any }[] = [];
  const waiters: { event: string; match: (p: any) => boolean; resolve: (p: any) => void }[] = [];
  socket.onAny((event: string, payload: unknown) => {
    seen.push({ event, payload });
    for (const w of [...waiters]) {
      if (w.event === event && w.match(payload)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(payload);
      }
    }
  });
  const ui: Ui = {
    socket,
    seen,
    request: (event, payload) => socket.timeout(5000).emitWithAck(event, payload ?? {}),
    next: (event, match = () => true, timeoutMs = 5000) => {
      const already = seen.find((s) => s.event === event && match(s.payload));
      if (already) return Promise.resolve(already.payload);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${event} within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          event,
          match,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(ui));
    socket.once('connect_error', reject);
  });
}

describe('local API: access', () => {
  it('admits only the page with the token, and only from the kiosk origin', async () => {
    const r = await rig();
    await expect(connect(r, { token: 'wrong-token' })).rejects.toThrow('UNAUTHENTICATED');
    await expect(connect(r, { token: null })).rejects.toThrow('UNAUTHENTICATED');
    await expect(connect(r, { origin: 'http://evil.example' })).rejects.toThrow();
    const ui = await connect(r, { origin: ORIGIN });
    // A new page learns the device states and the server link state at once.
    const states = await ui.next('devices:state');
    expect(states.a4Printer).toEqual({
      status: 'absent',
      detail: 'no A4 queue configured',
      queue: null,
    });
    expect(await ui.next('server:status')).toEqual({ connected: false });
    expect(r.api.clients).toBe(1);
  });

  it('answers a bad payload with VALIDATION_FAILED naming the path, and unknown events', async () => {
    const r = await rig();
    const ui = await connect(r);
    const bad = await ui.request('print:receipt', { document: { title: '', lines: [] } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(bad.error.path).toEqual(['document', 'title']);
    const line = await ui.request('print:receipt', {
      document: { title: '回执', lines: [{ text: 'x', align: 'middle' }] },
    });
    expect(line.error.path).toEqual(['document', 'lines', 0, 'align']);
    const extra = await ui.request('devices:get', { surprise: 1 });
    expect(extra.error.code).toBe('VALIDATION_FAILED');
    expect(await ui.request('devices:explode', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_EVENT' },
    });
    expect(await ui.request('x'.repeat(500), {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_EVENT', message: `unknown event ${'x'.repeat(64)}…` },
    });
    // The connection survives all of it.
    expect(ui.socket.connected).toBe(true);
    expect((await ui.request('devices:get', {})).ok).toBe(true);
  });

  it('answers INTERNAL when its own answer breaks the contract, and logs the path, not the value', async () => {
    const r = await rig(
      {},
      {
        // a token without its expiry: a bug on this side, never sent to the page
        sessionToken: async () =>
          ({ token: 'secret-token-value', terminalId: 'T1' }) as unknown as KioskSessionToken,
      },
    );
    const ui = await connect(r);
    expect(await ui.request('session:token', {})).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'internal error' },
    });
    const line = r.logLines.find((l) => l.includes('response does not match the contract'));
    expect(line).toContain('session:token');
    expect(r.logLines.join('')).not.toContain('secret-token-value');
    expect(ui.socket.connected).toBe(true);
  });

  it('does not send a notification that breaks the contract, and keeps sending the next ones', async () => {
    const r = await rig();
    const ui = await connect(r);
    await ui.next('server:status');
    // a scan whose text is not text: a bug on this side, never shown to the page
    r.api.notify('scanner:scan', { text: 110105, symbology: 'QR' } as never);
    r.api.notify('scanner:scan', { text: 'https://example.gov.cn/q', symbology: 'QR' });
    expect(await ui.next('scanner:scan')).toEqual({
      text: 'https://example.gov.cn/q',
      symbology: 'QR',
    });
    expect(ui.seen.filter((s) => s.event === 'scanner:scan')).toHaveLength(1);
    const line = r.logLines.find((l) => l.includes('notification does not match the contract'));
    expect(line).toContain('scanner:scan');
    expect(line).not.toContain('110105');
  });

  it('passes the reason through when no session token can be had', async () => {
    const r = await rig();
    const ui = await connect(r);
    expect(await ui.request('session:token', {})).toMatchObject({
      ok: false,
      error: { code: 'DEVICE_UNAVAILABLE', message: expect.stringContaining('unreachable') },
    });
  });
});

describe('local API: the ID card', () => {
  it('reads a demo resident placed by personId: card and validity, never the photo or a log line', async () => {
    const r = await rig();
    const ui = await connect(r);
    expect(await ui.request('sim:placeCard', { personId: '339902198911090485' })).toEqual({
      ok: true,
      data: { placed: true },
    });
    const inserted = await ui.next('card:inserted');
    expect(inserted.validity).toBe('valid');
    expect(inserted.card).toMatchObject({
      cardType: 'resident',
      name: '何静',
      idNumber: '339902198911090485',
      gender: 'female',
      birthDate: '1989-11-09',
      nation: { code: '03', name: '回' },
      address: '广东省广州市番禺区市桥街道望江路50号3幢702室',
      issuer: '广州市公安局番禺分局',
    });
    const { validFrom, validTo } = inserted.card;
    expect(validFrom <= new Date().toISOString().slice(0, 10)).toBe(true);
    expect(Number(validTo.slice(0, 4)) - Number(validFrom.slice(0, 4))).toBe(20);
    expect(Object.keys(inserted)).toEqual(['card', 'validity']);
    expect(JSON.stringify(ui.seen)).not.toMatch(/photo/i);
    const state = await ui.next('devices:state', (s) => s.idCardReader.cardPresent === true);
    expect(state.idCardReader.status).toBe('ok');
    expect(r.cards.holding).toBe(true);
    const logs = r.logLines.join('\n');
    expect(logs).not.toContain('何静');
    expect(logs).not.toContain('339902198911090485');
    expect(logs).not.toContain('望江路');

    await ui.request('sim:removeCard', {});
    await ui.next('card:removed');
    expect(r.cards.holding).toBe(false);
  });

  it('finds a person by name too, and gives over-46s a long-term card', async () => {
    const r = await rig();
    const ui = await connect(r);
    await ui.request('sim:placeCard', { personId: '陈建国' });
    const { card } = await ui.next('card:inserted');
    expect(card).toMatchObject({ idNumber: '339903196501180311', gender: 'male', validTo: '长期' });
    expect(card.issuer).toBe('广州市公安局番禺分局');
  });

  it('simulates an expired card, a bad check character and an unreadable chip', async () => {
    const r = await rig();
    const ui = await connect(r);
    await ui.request('sim:placeCard', { personId: '339902199203050110', fault: 'expired' });
    const expired = await ui.next('card:inserted');
    expect(expired.validity).toBe('expired');
    expect(expired.card.validTo < new Date().toISOString().slice(0, 10)).toBe(true);
    expect(expired.card.name).toBe('周明远');

    await ui.request('sim:placeCard', { personId: '339902199203050110', fault: 'badChecksum' });
    expect(await ui.next('card:error')).toMatchObject({ code: 'badChecksum' });

    await ui.request('sim:placeCard', { personId: '339902199203050110', fault: 'unreadable' });
    expect(await ui.next('card:error', (p) => p.code === 'unreadable')).toMatchObject({
      message: expect.any(String),
    });
    expect(ui.seen.filter((s) => s.event === 'card:inserted')).toHaveLength(1);
  });

  it('places a card given in full, refuses an unknown person and a card that does not fit', async () => {
    const r = await rig();
    const ui = await connect(r);
    expect(await ui.request('sim:placeCard', { personId: '110101199001011234' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const tooLong = await ui.request('sim:placeCard', {
      card: { name: '欧阳'.repeat(10), idNumber: '11010519491231002X' },
    });
    expect(tooLong).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', path: ['card', 'name'] },
    });
    const noId = await ui.request('sim:placeCard', { card: { name: '张三' } });
    expect(noId.error.path).toEqual(['card', 'idNumber']);
    await ui.request('sim:placeCard', {
      card: { name: '李秀英', idNumber: '11010519491231002X', address: '北京市朝阳区建国路88号' },
    });
    const { card } = await ui.next('card:inserted');
    expect(card).toMatchObject({ name: '李秀英', birthDate: '1949-12-31', gender: 'female' });
  });

  it('forgets the card on session:wipe', async () => {
    const r = await rig();
    const ui = await connect(r);
    await ui.request('sim:placeCard', { personId: '339903199602150377' });
    await ui.next('card:inserted');
    expect(r.cards.holding).toBe(true);
    expect(await ui.request('session:wipe', {})).toEqual({ ok: true, data: { wiped: true } });
    expect(r.cards.holding).toBe(false);
  });
});

describe('local API: printing and scanning', () => {
  it('prints a receipt the simulated printer reads back with its text and QR code', async () => {
    const r = await rig();
    const ui = await connect(r);
    const res = await ui.request('print:receipt', {
      document: {
        title: '受理回执',
        lines: [
          { text: '办件编号：YX-2026-000123' },
          { text: '一件事：新生儿出生', bold: true },
          { text: '请妥善保管', align: 'center', size: 'double' },
        ],
        qr: 'https://zwfw.example.cn/s/YX-2026-000123',
        footer: '云溪市政务服务中心',
      },
    });
    expect(res.ok).toBe(true);
    const { jobId } = res.data;
    await ui.next('print:progress', (p) => p.jobId === jobId && p.state === 'done');
    const receipt = r.hardware.simulators?.printer.receipts.at(-1);
    // renderReceipt adds blank lines after the title and around the QR code
    expect(receipt?.lines.filter(Boolean)).toEqual([
      '受理回执',
      '办件编号：YX-2026-000123',
      '一件事：新生儿出生',
      '请妥善保管',
      '云溪市政务服务中心',
    ]);
    expect(receipt?.qrCodes).toEqual(['https://zwfw.example.cn/s/YX-2026-000123']);
    expect(receipt?.cut).toBe('full');
    const states = ui.seen
      .filter((s) => s.event === 'print:progress' && s.payload.jobId === jobId)
      .map((s) => s.payload.state);
    // The first report is wherever the job is once its id was acknowledged; it ends done.
    expect(states.at(-1)).toBe('done');
    expect(states).not.toContain('failed');
    expect(
      ui.seen
        .filter((s) => s.event === 'print:progress')
        .every((s) => s.payload.printer === 'receipt'),
    ).toBe(true);
  });

  it('reprints only this session’s own receipt, and none after the wipe', async () => {
    const r = await rig();
    const ui = await connect(r);
    // Nothing printed in this session yet: nothing to reprint (the page cannot name a document).
    expect(await ui.request('print:reprintReceipt', {})).toMatchObject({
      ok: false,
      error: { code: 'RECEIPT_NOT_FOUND' },
    });
    const document = {
      title: '受理回执',
      lines: [{ text: '办件编号：YX-2026-000123' }],
      qr: 'https://zwfw.example.cn/s/YX-2026-000123',
    };
    const first = await ui.request('print:receipt', { document });
    await ui.next('print:progress', (p) => p.jobId === first.data.jobId && p.state === 'done');
    const again = await ui.request('print:reprintReceipt', {});
    expect(again.ok).toBe(true);
    expect(again.data.jobId).not.toBe(first.data.jobId);
    await ui.next('print:progress', (p) => p.jobId === again.data.jobId && p.state === 'done');
    const printed = r.hardware.simulators?.printer.receipts ?? [];
    expect(printed).toHaveLength(2);
    expect(printed[1]?.lines).toEqual(printed[0]?.lines);
    expect(printed[1]?.qrCodes).toEqual([document.qr]);
    // The next citizen cannot print the previous one's receipt.
    expect((await ui.request('session:wipe', {})).ok).toBe(true);
    expect(await ui.request('print:reprintReceipt', {})).toMatchObject({
      ok: false,
      error: { code: 'RECEIPT_NOT_FOUND' },
    });
    expect(printed).toHaveLength(2);
  });

  it('waits when the paper runs out mid-job and finishes the same receipt once paper is back', async () => {
    const r = await rig();
    const ui = await connect(r);
    const printer = r.hardware.simulators?.printer;
    printer?.paperOutAfterLines(3);
    const lines = Array.from({ length: 60 }, (_, i) => ({
      text: `第${i + 1}行 明细 ${'·'.repeat(20)}`,
    }));
    const { data } = await ui.request('print:receipt', { document: { title: '长回执', lines } });
    const waiting = await ui.next(
      'print:progress',
      (p) => p.jobId === data.jobId && p.state === 'waiting',
    );
    expect(waiting.problem).toBe('paperOut');
    await ui.next('devices:state', (s) => s.receiptPrinter.paper === 'out');
    expect(printer?.receipts).toHaveLength(0);

    expect(await ui.request('sim:paper', { paper: 'ok' })).toEqual({
      ok: true,
      data: { paper: 'ok' },
    });
    await ui.next('print:progress', (p) => p.jobId === data.jobId && p.state === 'done', 10_000);
    expect(printer?.receipts).toHaveLength(1);
    expect(printer?.receipts[0]?.lines.filter(Boolean)).toEqual([
      '长回执',
      ...lines.map((l) => l.text),
    ]);
    await ui.next('devices:state', (s) => s.receiptPrinter.paper === 'ok');
  });

  it('reports near-end and an open cover as device states', async () => {
    const r = await rig();
    const ui = await connect(r);
    expect(await ui.request('sim:paper', { paper: 'near_end' })).toEqual({
      ok: true,
      data: { paper: 'near_end' },
    });
    await ui.next('devices:state', (s) => s.receiptPrinter.paper === 'near_end');
    await ui.request('sim:paper', { paper: 'near_end', coverOpen: true });
    const open = await ui.next('devices:state', (s) => s.receiptPrinter.coverOpen === true);
    expect(open.receiptPrinter).toMatchObject({ status: 'warning', detail: 'cover open' });
  });

  it('renders an A4 certificate to PDF and hands it to CUPS, with progress', async () => {
    const cups = await fakeCups();
    const r = await rig({ BRIDGE_A4_QUEUE: 'a4' }, { cups });
    const ui = await connect(r);
    await ui.next('devices:state', (s) => s.a4Printer.status === 'ok');
    const res = await ui.request('print:a4', {
      document: {
        kind: 'certificate',
        title: '无犯罪记录证明',
        paragraphs: ['经查询，未发现有犯罪记录。'],
        serial: 'WF-2026-0001',
        qr: 'https://zwfw.example.cn/v/WF-2026-0001',
        issuer: '云溪市公安局',
      },
    });
    expect(res.ok).toBe(true);
    await ui.next(
      'print:progress',
      (p) => p.jobId === res.data.jobId && p.state === 'done',
      20_000,
    );
    const states = ui.seen
      .filter((s) => s.event === 'print:progress' && s.payload.jobId === res.data.jobId)
      .map((s) => s.payload.state);
    expect(states).toEqual(['queued', 'printing', 'done']);
    expect((await readFile(cups.printed)).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses A4 printing when the terminal has no A4 queue', async () => {
    const r = await rig();
    const ui = await connect(r);
    const res = await ui.request('print:a4', {
      document: { kind: 'notice', title: '告知书', paragraphs: ['x'] },
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'DEVICE_UNAVAILABLE' } });
  });

  it('forwards a scanned code with its symbology', async () => {
    const r = await rig();
    const ui = await connect(r);
    await ui.request('sim:scan', { text: 'YX-2026-000123' });
    expect(await ui.next('scanner:scan')).toEqual({ text: 'YX-2026-000123', symbology: 'QR Code' });
  });
});

describe('local API: outbox', () => {
  it('queues an item once per idempotency key and reports it pending', async () => {
    const r = await rig();
    const ui = await connect(r);
    const item = {
      kind: 'rating.submit',
      idempotencyKey: 'rating-0000000000000001',
      payload: { caseNumber: 'YX-2026-000123', channel: 'onsite', level: 'satisfied' },
    };
    expect(await ui.request('outbox:enqueue', item)).toEqual({
      ok: true,
      data: { queued: true, pending: 1 },
    });
    expect((await ui.request('outbox:enqueue', item)).data).toEqual({ queued: false, pending: 1 });
    expect((await ui.request('outbox:status', {})).data).toEqual({ pending: 1, delivered: [] });
    const short = await ui.request('outbox:enqueue', { ...item, idempotencyKey: 'short' });
    expect(short.error).toMatchObject({ code: 'VALIDATION_FAILED', path: ['idempotencyKey'] });
  });
});

describe('local API on real hardware (hid mode)', () => {
  it('refuses every simulator control with FORBIDDEN and reports missing devices as absent', async () => {
    const backend: HidBackend = {
      devices: async () => [],
      open: async () => {
        throw new Error('no device');
      },
    };
    const r = await rig(
      { BRIDGE_HARDWARE: 'hid', BRIDGE_RECEIPT_DEVICE: path.join(dir, 'no-lp0') },
      { hidBackend: backend },
    );
    const ui = await connect(r);
    for (const [event, payload] of [
      ['sim:placeCard', { personId: '339902198911090485' }],
      ['sim:removeCard', {}],
      ['sim:scan', { text: 'x' }],
      ['sim:paper', { paper: 'out' }],
    ] as const) {
      expect(await ui.request(event, payload)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    const states = (await ui.request('devices:get', {})).data;
    expect(states.idCardReader.status).toBe('absent');
    const receipt = await ui.request('print:receipt', { document: { title: '回执', lines: [] } });
    expect(receipt).toMatchObject({ ok: false, error: { code: 'DEVICE_UNAVAILABLE' } });
  });
});
