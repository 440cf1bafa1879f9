import iconv from 'iconv-lite';
import type { SimulatedDevicePort } from '../../transport/simulator-transport.ts';
import { DEFAULT_HID_POS_LAYOUT, encodeHidPosReports, type HidPosLayout } from './hid-pos.ts';
import type { ScanEncoding } from './scan-text.ts';

export interface SimulatedScan {
  /** AIM symbology id; default `]Q1` (QR Code). */
  aim?: string;
  encoding?: ScanEncoding;
}

/** A HID POS scanner behind a simulated port, sending the exact reports a real one would. */
export class HidPosScannerSimulator {
  readonly #port: SimulatedDevicePort;
  readonly #layout: HidPosLayout;

  constructor(port: SimulatedDevicePort, layout: HidPosLayout = DEFAULT_HID_POS_LAYOUT) {
    this.#port = port;
    this.#layout = layout;
  }

  /** The reports for one code, without sending them. */
  reportsFor(text: string, scan: SimulatedScan = {}): Uint8Array[] {
    const bytes =
      scan.encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8');
    return encodeHidPosReports(scan.aim ?? ']Q1', bytes, this.#layout);
  }

  scan(text: string, scan: SimulatedScan = {}): void {
    this.sendReports(this.reportsFor(text, scan));
  }

  /** Sends a code without its last report, as when the scanner stalls mid-code. */
  scanTruncated(text: string, scan: SimulatedScan = {}): void {
    this.sendReports(this.reportsFor(text, scan).slice(0, -1));
  }

  /** Sends the first report of `a`, then all of `b`, then the rest of `a`. */
  scanInterleaved(a: { text: string } & SimulatedScan, b: { text: string } & SimulatedScan): void {
    const ra = this.reportsFor(a.text, a);
    const rb = this.reportsFor(b.text, b);
    this.sendReports([...ra.slice(0, 1), ...rb, ...ra.slice(1)]);
  }

  sendReports(reports: Uint8Array[]): void {
    for (const report of reports) this.#port.send(report);
  }

  unplug(): void {
    this.#port.unplug();
  }

  replug(): void {
    this.#port.replug();
  }
}
