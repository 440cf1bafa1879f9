import { maskIdNumber } from '@onething/contract/identity/id-number';
import type { CodedError, Result } from '../devices/coded-error.ts';
import { MiaxisHidWrapper } from '../devices/id-card/hid-wrapper.ts';
import {
  buildSamCommand,
  parseBaseInfo,
  parseSamCommand,
  parseSamReply,
  SamCommands,
  samFrameLength,
} from '../devices/id-card/sam-frame.ts';
import { SamFrameStream } from '../devices/id-card/sam-frame-stream.ts';
import { decodeTextBlock, type IdentityCard } from '../devices/id-card/text-block.ts';
import {
  combineStatus,
  decodeStatusByte,
  STATUS_REQUESTS,
  type StatusPart,
  type StatusRequest,
} from '../devices/receipt-printer/printer-status.ts';
import { DEFAULT_HID_POS_LAYOUT, HidPosReassembler } from '../devices/scanner/hid-pos.ts';

export const DECODE_KINDS = ['id-card', 'hid-wrapper', 'printer-status', 'scanner'] as const;
export type DecodeKind = (typeof DECODE_KINDS)[number];

export interface DecodeOutput {
  /** False when any part of the input failed to decode. */
  ok: boolean;
  result: unknown;
}

const errorJson = (e: CodedError<string>) => ({
  code: e.code,
  message: e.message,
  details: e.details,
});

/**
 * Personal data stays masked in the field tool: maintenance staff never see it. Shown are the
 * codes and dates a technician needs to judge whether a card reads correctly.
 */
function maskedCard(card: IdentityCard) {
  return {
    cardType: card.cardType,
    name: `${[...card.name][0] ?? ''}${'*'.repeat(Math.max(0, [...card.name].length - 1))}`,
    gender: card.gender,
    nation: card.nation,
    birthYear: card.birthDate.slice(0, 4),
    address: `${[...card.address].slice(0, 3).join('')}…`,
    idNumber: maskIdNumber(card.idNumber),
    issuer: card.issuer,
    validFrom: card.validFrom,
    validTo: card.validTo,
  };
}

/** One SAM frame, reply or command, with the base-info payload unpacked when present. */
function describeSamFrame(frame: Uint8Array): DecodeOutput {
  const reply = parseSamReply(frame);
  // Commands (CMD PARA …) fail as replies on SW1 SW2 or, with no data, on LEN.
  if (!reply.ok && (reply.error.code === 'STATUS_PREFIX' || reply.error.code === 'LENGTH')) {
    const command = parseSamCommand(frame);
    if (command.ok) {
      const { cmd, para, name, data } = command.value;
      return {
        ok: true,
        result: { type: 'command', cmd, para, name: name ?? null, dataLength: data.length },
      };
    }
  }
  if (!reply.ok) return { ok: false, result: { type: 'error', error: errorJson(reply.error) } };
  const { sw3, status, data } = reply.value;
  const out: Record<string, unknown> = {
    type: 'reply',
    sw3,
    status: status.key,
    meaning: status.en,
    dataLength: data.length,
  };
  // Base-info replies are recognisable by their 1295/2321-byte size.
  const total = samFrameLength(frame);
  if (status.sw3 === 0x90 && (total === 1295 || total === 2321)) {
    const info = parseBaseInfo(data, total === 2321);
    if (!info.ok) return { ok: false, result: { ...out, error: errorJson(info.error) } };
    out.photoLength = info.value.photo.length;
    const card = decodeTextBlock(info.value.text);
    if (!card.ok) return { ok: false, result: { ...out, cardError: errorJson(card.error) } };
    out.card = maskedCard(card.value);
  }
  return { ok: true, result: out };
}

function decodeFrames(
  results: Result<Uint8Array, CodedError<string>>[],
  partial: number,
): DecodeOutput {
  const items: unknown[] = [];
  let ok = results.length > 0;
  for (const r of results) {
    if (!r.ok) {
      ok = false;
      items.push({ type: 'error', error: errorJson(r.error) });
      continue;
    }
    const decoded = describeSamFrame(r.value);
    ok &&= decoded.ok;
    items.push(decoded.result);
  }
  if (partial > 0) {
    ok = false;
    items.push({
      type: 'error',
      error: {
        code: 'TRUNCATED',
        message: `${partial} bytes of an unfinished frame left over`,
        details: {},
      },
    });
  }
  if (items.length === 0) {
    items.push({
      type: 'error',
      error: { code: 'NO_FRAME', message: 'No frame found in the input', details: {} },
    });
  }
  return { ok, result: items };
}

export function decode(
  kind: DecodeKind,
  bytes: Uint8Array,
  options: { request?: number } = {},
): DecodeOutput {
  switch (kind) {
    case 'id-card': {
      const stream = new SamFrameStream();
      const results = stream.push(bytes);
      return decodeFrames(results, stream.buffered);
    }
    case 'hid-wrapper': {
      const wrapper = new MiaxisHidWrapper();
      const results = wrapper.push(bytes);
      return decodeFrames(results, wrapper.buffered);
    }
    case 'printer-status':
      return decodePrinterStatus(bytes, options.request);
    case 'scanner':
      return decodeScanner(bytes);
  }
}

/**
 * With --request n, every byte is a reply to DLE EOT n. Without it, bytes are taken as the
 * replies to requests 1, 2, 3, 4 in that order and combined.
 */
function decodePrinterStatus(bytes: Uint8Array, request: number | undefined): DecodeOutput {
  const parts: StatusPart[] = [];
  const items: unknown[] = [];
  let ok = true;
  if (request === undefined && bytes.length > STATUS_REQUESTS.length) {
    return {
      ok: false,
      result: {
        error: {
          code: 'LENGTH',
          message: `Without --request give at most 4 bytes (replies to DLE EOT 1..4), got ${bytes.length}`,
          details: {},
        },
      },
    };
  }
  bytes.forEach((byte, i) => {
    const n = (request ?? STATUS_REQUESTS[i]) as StatusRequest;
    const part = decodeStatusByte(n, byte);
    if (part.ok) {
      parts.push(part.value);
      items.push({ byte, ...part.value });
    } else {
      ok = false;
      items.push({ byte, request: n, error: errorJson(part.error) });
    }
  });
  const result: Record<string, unknown> = { replies: items };
  if (ok && request === undefined && parts.length === STATUS_REQUESTS.length) {
    result.status = combineStatus(parts);
  }
  return { ok, result };
}

function decodeScanner(bytes: Uint8Array): DecodeOutput {
  const size = 1 + DEFAULT_HID_POS_LAYOUT.payloadSize;
  const reassembler = new HidPosReassembler();
  const items: unknown[] = [];
  let ok = true;
  for (let i = 0; i < bytes.length; i += size) {
    for (const r of reassembler.push(bytes.subarray(i, i + size))) {
      if (r.ok) {
        items.push({
          type: 'scan',
          symbology: r.value.symbology,
          encoding: r.value.encoding,
          length: r.value.bytes.length,
          text: r.value.text,
        });
      } else {
        ok = false;
        items.push({ type: 'error', error: errorJson(r.error) });
      }
    }
  }
  const pending = reassembler.flush();
  if (pending) {
    ok = false;
    items.push({ type: 'error', error: errorJson(pending) });
  }
  if (items.length === 0) {
    ok = false;
    items.push({
      type: 'error',
      error: { code: 'NO_SCAN', message: 'No scanned data in the input', details: {} },
    });
  }
  return { ok, result: items };
}

/** For --help: the frames a technician can paste to check the tool. */
export const DECODE_EXAMPLES = {
  findCard: Buffer.from(buildSamCommand(SamCommands.findCard)).toString('hex'),
};
