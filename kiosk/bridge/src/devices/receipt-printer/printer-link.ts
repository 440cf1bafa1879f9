import { fail, ok, type Result } from '../coded-error.ts';
import { PrinterError } from './printer-error.ts';

/**
 * How ESC/POS bytes travel over a transport. A USB printer-class device file is a raw byte
 * stream both ways. Kiosk printers with a vendor HID interface carry the stream in fixed-size
 * reports; the layout used here — byte 0 = count of valid bytes, then the bytes, zero padding —
 * is the common vendor convention (unverified), kept in this one place.
 */
export interface PrinterLink {
  readonly name: string;
  /** The transport writes that carry `bytes`. */
  encode(bytes: Uint8Array): Uint8Array[];
  /** The printer's bytes inside one input chunk/report. */
  decode(input: Uint8Array): Result<Uint8Array, PrinterError>;
}

/** Raw stream (device file): writes of up to `chunkSize` bytes, input taken as is. */
export function streamLink(chunkSize = 4096): PrinterLink {
  return {
    name: 'stream',
    encode(bytes) {
      const out: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += chunkSize) out.push(bytes.subarray(i, i + chunkSize));
      return out;
    },
    decode(input) {
      return ok(input);
    },
  };
}

/** Length-prefixed HID reports of `reportSize` bytes (report id added by the HID transport). */
export function hidReportLink(reportSize = 64): PrinterLink {
  const capacity = reportSize - 1;
  return {
    name: 'hid-report',
    encode(bytes) {
      const out: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += capacity) {
        const chunk = bytes.subarray(i, i + capacity);
        const report = new Uint8Array(reportSize);
        report[0] = chunk.length;
        report.set(chunk, 1);
        out.push(report);
      }
      return out;
    },
    decode(input) {
      const n = input[0];
      if (n === undefined || n > capacity || n + 1 > input.length) {
        return fail(
          new PrinterError('BAD_REPORT', `Input report announces ${n ?? 'no'} bytes`, {
            length: input.length,
            n: n ?? null,
          }),
        );
      }
      return ok(input.subarray(1, 1 + n));
    },
  };
}
