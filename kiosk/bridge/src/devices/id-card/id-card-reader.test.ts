import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSimulatorLink } from '../../transport/simulator-transport.ts';
import { IdCardReader, IdCardReaderEvent, IdCardReaderState } from './id-card-reader.ts';
import type { IdCardReaderError } from './id-card-reader-error.ts';
import { IdCardReaderSimulator, type SimulatedPerson } from './id-card-simulator.ts';
import { SamFrameStream } from './sam-frame-stream.ts';
import type { IdentityCard } from './text-block.ts';

const li: SimulatedPerson = {
  name: '李秀英',
  idNumber: '11010519491231002X',
  nation: { code: '03', name: '回' },
  address: '北京市朝阳区建国路88号',
  validTo: '长期',
};
const wang: SimulatedPerson = { name: '王建国', idNumber: '310101198506150016' };

function setup(options: { serial?: boolean; now?: string; pollIntervalMs?: number } = {}) {
  const link = createSimulatorLink({ reportSize: options.serial ? null : 64 });
  const sim = new IdCardReaderSimulator(link.device, {
    framing: options.serial ? 'serial' : 'miaxis-hid',
  });
  const logLines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _enc, cb) {
        logLines.push(String(chunk));
        cb();
      },
    }),
  );
  const reader = new IdCardReader(link.host, {
    pollIntervalMs: options.pollIntervalMs ?? 300,
    clock: () => new Date(options.now ?? '2025-06-01T08:00:00Z'),
    logger,
    ...(options.serial ? { framing: new SamFrameStream() } : {}),
  });
  const inserted: { card: IdentityCard; photo: Uint8Array }[] = [];
  const errors: IdCardReaderError[] = [];
  const log: string[] = [];
  reader.on(IdCardReaderEvent.CardInserted, (card, photo) => {
    inserted.push({ card, photo });
    log.push(`inserted:${card.name}`);
  });
  reader.on(IdCardReaderEvent.CardRemoved, () => log.push('removed'));
  reader.on(IdCardReaderEvent.Error, (e) => {
    errors.push(e);
    log.push(`error:${e.code}`);
  });
  return { link, sim, reader, inserted, errors, log, logLines };
}

const run = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('IdCardReader against the simulated Miaxis reader', () => {
  beforeEach(() => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    vi.setSystemTime(new Date('2025-06-01T08:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('checks the SAM, finds, selects and reads a card, emitting the decoded card and photo', async () => {
    const t = setup();
    t.sim.insertCard(li);
    await t.reader.start();
    await run(1000);
    expect(t.sim.received.slice(0, 4).map((c) => c.name)).toEqual([
      'samStatus',
      'findCard',
      'selectCard',
      'readBaseInfo',
    ]);
    expect(t.inserted).toHaveLength(1);
    expect(t.inserted[0]?.card).toEqual({
      cardType: 'resident',
      name: '李秀英',
      gender: 'female',
      nation: { code: '03', name: '回' },
      birthDate: '1949-12-31',
      address: '北京市朝阳区建国路88号',
      idNumber: '11010519491231002X',
      issuer: '北京市公安局东城分局',
      validFrom: '2020-01-01',
      validTo: '长期',
    });
    expect(t.inserted[0]?.photo).toBeInstanceOf(Uint8Array);
    expect(t.inserted[0]?.photo.length).toBe(1024);
    expect(t.reader.state).toBe(IdCardReaderState.CardPresent);
    await t.reader.stop();
  });

  it('never polls faster than the configured interval', async () => {
    const t = setup({ pollIntervalMs: 300 });
    await t.reader.start();
    await run(3000);
    const finds = t.sim.received.filter((c) => c.name === 'findCard').map((c) => c.at);
    expect(finds.length).toBeGreaterThanOrEqual(8);
    for (let i = 1; i < finds.length; i++) {
      expect((finds[i] as number) - (finds[i - 1] as number)).toBeGreaterThanOrEqual(300);
    }
    expect(() => new IdCardReader(t.link.host, { pollIntervalMs: 299 })).toThrow(RangeError);
    await t.reader.stop();
  });

  it('reads a card once while it stays, then reports removal and the next card', async () => {
    const t = setup();
    await t.reader.start();
    t.sim.insertCard(li);
    await run(3000);
    expect(t.log).toEqual(['inserted:李秀英']);
    t.sim.removeCard();
    await run(700);
    expect(t.log).toEqual(['inserted:李秀英', 'removed']);
    expect(t.reader.state).toBe(IdCardReaderState.Searching);
    t.sim.insertCard(wang);
    await run(700);
    expect(t.log).toEqual(['inserted:李秀英', 'removed', 'inserted:王建国']);
    await t.reader.stop();
  });

  it('notices a card swapped between two polls', async () => {
    const t = setup();
    await t.reader.start();
    t.sim.insertCard(li);
    await run(700);
    t.sim.removeCard();
    t.sim.insertCard(wang);
    await run(700);
    expect(t.log).toEqual(['inserted:李秀英', 'removed', 'inserted:王建国']);
    await t.reader.stop();
  });

  it('reports a SAM checksum error on the read and succeeds on the next poll', async () => {
    const t = setup();
    t.sim.failNext('readBaseInfo', 'samChecksum');
    t.sim.insertCard(li);
    await t.reader.start();
    await run(1500);
    expect(t.errors.map((e) => [e.code, e.details.reason])).toEqual([['BAD_REPLY', 'CHECKSUM']]);
    expect(t.inserted).toHaveLength(1);
    await t.reader.stop();
  });

  it('reports a report SUM16 error as a framing error and recovers', async () => {
    const t = setup();
    t.sim.failNext('readBaseInfo', 'reportChecksum');
    t.sim.insertCard(li);
    await t.reader.start();
    await run(1500);
    expect(t.errors.map((e) => [e.code, e.details.reason])).toEqual([['FRAMING', 'CHECKSUM']]);
    expect(t.inserted).toHaveLength(1);
    await t.reader.stop();
  });

  it('times out on a truncated reply and recovers', async () => {
    const t = setup();
    t.sim.failNext('readBaseInfo', 'truncated');
    t.sim.insertCard(li);
    await t.reader.start();
    await run(5000);
    expect(t.errors.map((e) => e.code)).toEqual(['TIMEOUT']);
    expect(t.inserted).toHaveLength(1);
    await t.reader.stop();
  });

  it('rejects interleaved reports and recovers', async () => {
    const t = setup();
    t.sim.failNext('readBaseInfo', 'interleaved');
    t.sim.insertCard(li);
    await t.reader.start();
    await run(2000);
    expect(t.errors.map((e) => [e.code, e.details.reason])).toEqual([['BAD_REPLY', 'PAYLOAD']]);
    expect(t.inserted).toHaveLength(1);
    await t.reader.stop();
  });

  it('reads through a garbage report without any error', async () => {
    const t = setup();
    t.sim.failNext('readBaseInfo', 'garbage');
    t.sim.insertCard(li);
    await t.reader.start();
    await run(1000);
    expect(t.errors).toEqual([]);
    expect(t.inserted).toHaveLength(1);
    await t.reader.stop();
  });

  it('reports an SW3 failure by name (41 read failed) and retries', async () => {
    const t = setup();
    t.sim.failNext('readBaseInfo', { status: 0x41 });
    t.sim.insertCard(li);
    await t.reader.start();
    await run(1500);
    expect(t.errors.map((e) => [e.code, e.details.status])).toEqual([['SAM_STATUS', 'readFailed']]);
    expect(t.inserted).toHaveLength(1);
    await t.reader.stop();
  });

  it('gives up on a card after three failed reads and waits for it to leave', async () => {
    const t = setup();
    for (let i = 0; i < 3; i++) t.sim.failNext('readBaseInfo', 'silent');
    t.sim.insertCard(li);
    await t.reader.start();
    await run(15_000);
    expect(t.log).toEqual(['error:TIMEOUT']);
    expect(t.sim.received.filter((c) => c.name === 'readBaseInfo')).toHaveLength(3);
    expect(t.reader.state).toBe(IdCardReaderState.CardPresent);
    t.sim.removeCard();
    await run(700);
    expect(t.log).toEqual(['error:TIMEOUT', 'removed']);
    await t.reader.stop();
  });

  it('emits one error for a SAM self-test failure, stops polling, and resumes once fixed', async () => {
    const t = setup();
    t.sim.setSelfTestFailed(true);
    t.sim.insertCard(li);
    await t.reader.start();
    await run(25_000);
    expect(t.errors.map((e) => e.code)).toEqual(['SAM_SELF_TEST_FAILED']);
    expect(t.reader.state).toBe(IdCardReaderState.SamFailed);
    expect(t.sim.received.some((c) => c.name === 'findCard')).toBe(false);
    t.sim.setSelfTestFailed(false);
    await run(11_000);
    expect(t.inserted).toHaveLength(1);
    await t.reader.stop();
  });

  it('handles unplug and replug: card removed, device error, re-initialises and reads again', async () => {
    const t = setup();
    t.sim.insertCard(li);
    await t.reader.start();
    await run(1000);
    t.sim.unplug();
    await run(1000);
    expect(t.reader.state).toBe(IdCardReaderState.WaitingForDevice);
    expect(t.log).toEqual(['inserted:李秀英', 'removed', 'error:DEVICE_UNAVAILABLE']);
    t.sim.removeCard();
    t.sim.insertCard(wang);
    const before = t.sim.received.length;
    t.sim.replug();
    await run(1000);
    expect(t.sim.received[before]?.name).toBe('samStatus');
    expect(t.log.at(-1)).toBe('inserted:王建国');
    await t.reader.stop();
  });

  it('rejects an expired card against the injected clock, then reports its removal', async () => {
    const t = setup({ now: '2041-01-02T00:00:00Z' });
    t.sim.insertCard(wang); // valid to 2040-01-01
    await t.reader.start();
    await run(1000);
    expect(t.log).toEqual(['error:CARD_EXPIRED']);
    expect(t.errors[0]?.details).toEqual({ validTo: '2040-01-01' });
    t.sim.removeCard();
    await run(700);
    expect(t.log).toEqual(['error:CARD_EXPIRED', 'removed']);
    await t.reader.stop();
  });

  it('tells listeners which out-of-date card it refuses, before the error', async () => {
    const t = setup({ now: '2041-01-02T00:00:00Z' });
    const outOfDate: string[] = [];
    t.reader.on(IdCardReaderEvent.CardOutOfDate, (card, validity) => {
      outOfDate.push(`${card.name}:${validity}`);
      t.log.push('outOfDate');
    });
    t.sim.insertCard(wang); // valid to 2040-01-01
    await t.reader.start();
    await run(1000);
    expect(outOfDate).toEqual(['王建国:expired']);
    expect(t.log).toEqual(['outOfDate', 'error:CARD_EXPIRED']);
    expect(t.inserted).toEqual([]);
    t.sim.removeCard();
    t.sim.insertCard({ ...wang, validFrom: '2042-01-01', validTo: '2062-01-01' });
    await run(1500);
    expect(outOfDate).toEqual(['王建国:expired', '王建国:notYetValid']);
    await t.reader.stop();
  });

  it('rejects a card whose ID number fails its check without leaking it', async () => {
    const t = setup();
    t.sim.insertCard({
      name: '赵六',
      idNumber: '110105194912310021',
      gender: 'female',
      birthDate: '1949-12-31',
    });
    await t.reader.start();
    await run(1000);
    expect(t.errors.map((e) => e.code)).toEqual(['ID_NUMBER_INVALID']);
    expect(JSON.stringify(t.errors)).not.toContain('110105194912310021');
    expect(t.inserted).toEqual([]);
    await t.reader.stop();
  });

  it('never logs the photo, the name or the full ID number', async () => {
    const t = setup();
    t.sim.insertCard(li);
    await t.reader.start();
    await run(1000);
    const logs = t.logLines.join('\n');
    expect(logs).toContain('id card read');
    expect(logs).toContain('110***********002X');
    expect(logs).not.toContain('11010519491231002X');
    expect(logs).not.toContain('李秀英');
    const photo = Buffer.from(t.inserted[0]?.photo ?? []);
    expect(logs).not.toContain(photo.subarray(0, 12).toString('hex'));
    expect(logs).not.toContain(photo.subarray(0, 12).toString('base64'));
    await t.reader.stop();
  });

  it('works the same over a raw serial SAM link', async () => {
    const t = setup({ serial: true });
    t.sim.insertCard(wang);
    await t.reader.start();
    await run(1000);
    expect(t.inserted[0]?.card.name).toBe('王建国');
    await t.reader.stop();
  });

  it('keeps waiting when the reader is absent at start, and starts once it appears', async () => {
    const t = setup();
    t.sim.unplug();
    await t.reader.start();
    expect(t.log).toEqual(['error:DEVICE_UNAVAILABLE']);
    expect(t.reader.state).toBe(IdCardReaderState.WaitingForDevice);
    t.sim.insertCard(li);
    t.sim.replug();
    await run(1000);
    expect(t.inserted).toHaveLength(1);
    await t.reader.stop();
    expect(t.reader.state).toBe(IdCardReaderState.Stopped);
    expect(t.link.host.isOpen).toBe(false);
  });
});
