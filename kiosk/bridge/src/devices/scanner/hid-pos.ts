import { fail, ok, plainBytes, type Result } from '../coded-error.ts';
import { decodeScanText, type ScanEncoding, type ScanEncodingMode } from './scan-text.ts';
import { ScannerError } from './scanner-error.ts';

/**
 * One vendor's HID POS input report (usage page 0x8C), as node-hid delivers it:
 *   [report id 0x02] [n = data length] [`]` s m = AIM symbology id] [n data bytes] … [more-follows]
 * "Byte 0" of the vendor documentation is the first byte after the report id. The flag position
 * is vendor-specific (unverified), so the whole layout lives here.
 */
/** HID POS usage page; node-hid matches scanners by it (udev cannot). */
export const HID_POS_USAGE_PAGE = 0x8c;

export interface HidPosLayout {
  reportId: number;
  /** Bytes after the report id. */
  payloadSize: number;
  /** Offset of the non-zero "more follows" flag within the payload. */
  moreFollowsOffset: number;
}

export const DEFAULT_HID_POS_LAYOUT: HidPosLayout = {
  reportId: 0x02,
  payloadSize: 63,
  moreFollowsOffset: 62,
};

/** Length byte + AIM id. */
const DATA_OFFSET = 4;

export function dataCapacity(layout: HidPosLayout): number {
  return layout.moreFollowsOffset - DATA_OFFSET;
}

/** AIM symbology identifiers by code character (ISO/IEC 15424). */
const SYMBOLOGIES: Readonly<Record<string, string>> = {
  A: 'Code 39',
  C: 'Code 128',
  d: 'Data Matrix',
  E: 'EAN/UPC',
  e: 'GS1 DataBar',
  F: 'Codabar',
  G: 'Code 93',
  I: 'Interleaved 2 of 5',
  L: 'PDF417',
  Q: 'QR Code',
  z: 'Aztec',
  X: 'Other',
};

export interface Symbology {
  /** The three-character AIM id, e.g. `]Q1`. */
  aim: string;
  name: string;
}

export interface ScanResult {
  symbology: Symbology;
  /** The reassembled data, exactly as scanned. */
  bytes: Uint8Array;
  text: string;
  encoding: ScanEncoding;
}

export function symbologyOf(aim: string): Symbology {
  return { aim, name: SYMBOLOGIES[aim[1] ?? ''] ?? 'Unknown' };
}

const AIM_PATTERN = /^\][A-Za-z][0-9A-Za-z]$/;

/** The exact reports a scanner sends for one code (used by the simulator and tests). */
export function encodeHidPosReports(
  aim: string,
  data: Uint8Array,
  layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT,
): Uint8Array[] {
  if (!AIM_PATTERN.test(aim)) throw new RangeError(`Not an AIM symbology id: ${aim}`);
  const capacity = dataCapacity(layout);
  const reports: Uint8Array[] = [];
  let offset = 0;
  do {
    const chunk = data.subarray(offset, offset + capacity);
    offset += chunk.length;
    const report = new Uint8Array(1 + layout.payloadSize);
    report[0] = layout.reportId;
    report[1] = chunk.length;
    report.set(Buffer.from(aim, 'latin1'), 2);
    report.set(chunk, 1 + DATA_OFFSET);
    report[1 + layout.moreFollowsOffset] = offset < data.length ? 1 : 0;
    reports.push(report);
  } while (offset < data.length);
  return reports;
}

export interface HidPosReassemblerOptions {
  layout?: HidPosLayout;
  encoding?: ScanEncodingMode;
  /** Longest code accepted; longer ones are dropped with TOO_LONG. Default 8 KiB. */
  maxBytes?: number;
}

/** Reassembles HID POS reports into scanned codes. */
export class HidPosReassembler {
  readonly #layout: HidPosLayout;
  readonly #encoding: ScanEncodingMode;
  readonly #maxBytes: number;
  #partial: { aim: string; chunks: Uint8Array[]; length: number } | null = null;
  /**
   * After an interruption, the rest of the cut-off code may still arrive; its reports look like
   * a new code's, so they are dropped up to its last report (or until flush()).
   */
  #orphanAim: string | null = null;

  constructor(options: HidPosReassemblerOptions = {}) {
    this.#layout = options.layout ?? DEFAULT_HID_POS_LAYOUT;
    this.#encoding = options.encoding ?? 'auto';
    this.#maxBytes = options.maxBytes ?? 8192;
  }

  /** True while a code, or the tail of an interrupted one, is waiting for its next report. */
  get pending(): boolean {
    return this.#partial !== null || this.#orphanAim !== null;
  }

  push(report: Uint8Array): Result<ScanResult, ScannerError>[] {
    const layout = this.#layout;
    if (report.length === 0 || report[0] !== layout.reportId) {
      return [
        fail(
          new ScannerError('REPORT_ID', `Report id ${report[0] ?? 'none'} is not scanned data`, {
            reportId: report[0] ?? null,
          }),
        ),
      ];
    }
    const payload = plainBytes(report).subarray(1);
    // An all-zero report is an idle report some scanners send after a code.
    if (payload.every((b) => b === 0)) return [];
    if (payload.length <= layout.moreFollowsOffset) {
      return [this.#drop(shortReport(payload.length, layout.moreFollowsOffset + 1))];
    }
    const n = payload[0] as number;
    if (n > dataCapacity(layout)) {
      return [
        this.#drop(
          new ScannerError('LENGTH', `Length byte ${n} exceeds ${dataCapacity(layout)}`, { n }),
        ),
      ];
    }
    const aim = Buffer.from(payload.subarray(1, DATA_OFFSET)).toString('latin1');
    if (!AIM_PATTERN.test(aim)) {
      return [this.#drop(new ScannerError('AIM', 'Bytes 1-3 are not an AIM symbology id', {}))];
    }
    const more = payload[layout.moreFollowsOffset] !== 0;
    if (aim === this.#orphanAim && this.#partial?.aim !== aim) {
      if (!more) this.#orphanAim = null;
      return [];
    }
    const out: Result<ScanResult, ScannerError>[] = [];
    if (this.#partial && this.#partial.aim !== aim) out.push(this.#drop(interrupted()));
    const partial = this.#partial ?? { aim, chunks: [], length: 0 };
    this.#partial = partial;
    partial.chunks.push(payload.slice(DATA_OFFSET, DATA_OFFSET + n));
    partial.length += n;
    if (partial.length > this.#maxBytes) {
      this.#partial = null;
      this.#orphanAim = more ? aim : null;
      out.push(
        fail(
          new ScannerError('TOO_LONG', `Code longer than ${this.#maxBytes} bytes`, {
            maxBytes: this.#maxBytes,
          }),
        ),
      );
      return out;
    }
    if (more) return out;
    this.#partial = null;
    const bytes = Buffer.concat(partial.chunks);
    const decoded = decodeScanText(bytes, this.#encoding);
    out.push(
      decoded.ok
        ? ok({ symbology: symbologyOf(aim), bytes: new Uint8Array(bytes), ...decoded.value })
        : decoded,
    );
    return out;
  }

  /** Gives up on a code whose next report never came (the caller's inter-report timeout). */
  flush(): ScannerError | null {
    this.#orphanAim = null;
    if (!this.#partial) return null;
    const received = this.#partial.length;
    this.#partial = null;
    return new ScannerError('INCOMPLETE', 'A code announced more reports that never came', {
      received,
    });
  }

  /** Abandons the code in progress; its remaining reports will be dropped as an orphan. */
  #drop(error: ScannerError): { ok: false; error: ScannerError } {
    if (this.#partial) this.#orphanAim = this.#partial.aim;
    this.#partial = null;
    return fail(error);
  }
}

function shortReport(length: number, needed: number): ScannerError {
  return new ScannerError('SHORT_REPORT', `Report payload of ${length} bytes, need ${needed}`, {
    length,
    needed,
  });
}

function interrupted(): ScannerError {
  return new ScannerError('INTERRUPTED', 'A code was cut off by the start of another code', {});
}
