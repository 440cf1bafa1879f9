import { performance } from 'node:perf_hooks';
import { MiaxisHidWrapper } from '@onething/kiosk-bridge/devices/id-card/hid-wrapper';
import { completePerson } from '@onething/kiosk-bridge/devices/id-card/id-card-simulator';
import {
  buildBaseInfoData,
  buildSamReply,
  parseBaseInfo,
  parseSamReply,
} from '@onething/kiosk-bridge/devices/id-card/sam-frame';
import { SamFrameStream } from '@onething/kiosk-bridge/devices/id-card/sam-frame-stream';
import { SamStatus } from '@onething/kiosk-bridge/devices/id-card/sam-status';
import {
  decodeTextBlock,
  encodeTextBlock,
} from '@onething/kiosk-bridge/devices/id-card/text-block';
import {
  encodeHidPosReports,
  HidPosReassembler,
} from '@onething/kiosk-bridge/devices/scanner/hid-pos';

/** Runs `step` (which handles `unit` frames per call) for about `ms` and returns frames/s. */
function measure(step: () => void, unit: number, ms = 400): number {
  for (let i = 0; i < 50; i++) step(); // warm-up
  let frames = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 20; i++) step();
    frames += 20 * unit;
    elapsed = performance.now() - start;
  }
  return (frames / elapsed) * 1000;
}

function report(name: string, perSecond: number, what = 'frames/s'): void {
  console.log(
    `decode  ${name.padEnd(48)} ${Math.round(perSecond).toLocaleString('en-US').padStart(12)} ${what}`,
  );
}

function fail(message: string): never {
  throw new Error(`decode bench: ${message}`);
}

/** Frame-decode throughput of the ID card path (Miaxis reports → SAM frame → card) and scanner. */
export async function run(): Promise<void> {
  const wrapper = new MiaxisHidWrapper();

  const findReply = wrapper.encode(buildSamReply(SamStatus.CardFound, new Uint8Array(4)));
  report(
    'SAM+Miaxis: find-card reply (1 report)',
    measure(() => {
      for (const r of findReply) {
        for (const f of wrapper.push(r)) {
          if (!f.ok || !parseSamReply(f.value).ok) fail('find-card reply did not decode');
        }
      }
    }, 1),
  );

  const text = encodeTextBlock(completePerson({ name: '李秀英', idNumber: '11010519491231002X' }));
  const baseInfoReports = wrapper.encode(
    buildSamReply(SamStatus.Ok, buildBaseInfoData(text, new Uint8Array(1024).fill(0x5a))),
  );
  report(
    `SAM+Miaxis: base-info reply (${baseInfoReports.length} reports) + card`,
    measure(() => {
      for (const r of baseInfoReports) {
        for (const f of wrapper.push(r)) {
          const reply = f.ok ? parseSamReply(f.value) : null;
          const info = reply?.ok ? parseBaseInfo(reply.value.data) : null;
          if (!info?.ok || !decodeTextBlock(info.value.text).ok)
            fail('base-info reply did not decode');
        }
      }
    }, 1),
  );

  const garbage = new Uint8Array(64).fill(0xa5);
  report(
    'SAM+Miaxis: garbage report + reply (resync)',
    measure(() => {
      wrapper.push(garbage);
      for (const r of findReply) wrapper.push(r);
    }, 1),
  );

  const serial = new SamFrameStream();
  const serialFrame = buildSamReply(SamStatus.CardFound, new Uint8Array(4));
  const serialChunk = new Uint8Array(serialFrame.length * 100);
  for (let i = 0; i < 100; i++) serialChunk.set(serialFrame, i * serialFrame.length);
  report(
    'SAM serial stream: 100 frames per chunk',
    measure(() => {
      if (serial.push(serialChunk).length !== 100) fail('serial stream lost frames');
    }, 100),
  );

  const scanner = new HidPosReassembler();
  const shortCode = encodeHidPosReports(
    ']Q1',
    Buffer.from('https://zwfw.example.cn/c/2024-000123'),
  );
  report(
    'scanner: 1-report code (UTF-8)',
    measure(() => {
      for (const r of shortCode) if (!scanner.push(r)[0]?.ok) fail('short code did not decode');
    }, 1),
    'codes/s',
  );

  const longCode = encodeHidPosReports(']Q1', Buffer.from(`一件事一次办${'0'.repeat(200)}`));
  report(
    `scanner: ${longCode.length}-report code (UTF-8, CJK)`,
    measure(() => {
      let decoded = 0;
      for (const r of longCode) decoded += scanner.push(r).filter((x) => x.ok).length;
      if (decoded !== 1) fail('long code did not reassemble');
    }, 1),
    'codes/s',
  );
}
