import { EscPosParser, type ReceiptItem } from '../../printing/escpos/escpos-parser.ts';
import type { SimulatedDevicePort } from '../../transport/simulator-transport.ts';
import { hidReportLink, type PrinterLink, streamLink } from './printer-link.ts';
import { encodeStatusByte, type PrinterFault, StatusRequest } from './printer-status.ts';

/** One receipt as it came out of the simulated printer. */
export interface PrintedReceipt {
  items: ReceiptItem[];
  /** The text lines, in order (convenience view of items). */
  lines: string[];
  /** QR payloads, in order. */
  qrCodes: string[];
  /** How the receipt was cut; null for what is still on the roll. */
  cut: 'full' | 'partial' | null;
}

export interface ReceiptPrinterSimulatorOptions {
  link?: 'stream' | 'hid-report';
  reportSize?: number;
}

/**
 * A byte-exact ESC/POS receipt printer behind a simulated port. It answers DLE EOT in real time
 * (even offline, even in the middle of other data), interprets the rest of the stream into
 * printed receipts, and holds data in its buffer while it cannot print (paper out, cover open,
 * fault), resuming when the condition clears — as real printers do.
 */
export class ReceiptPrinterSimulator {
  readonly #port: SimulatedDevicePort;
  readonly #link: PrinterLink;
  readonly #reportSize: number;
  readonly #parser = new EscPosParser();
  /** Received, not yet printed. */
  #held: number[] = [];
  /** A DLE or DLE EOT split across writes. */
  #carry: number[] = [];
  #items: ReceiptItem[] = [];
  readonly receipts: PrintedReceipt[] = [];
  /** Bytes the interpreter did not understand. */
  readonly unknown: Uint8Array[] = [];
  #paperOut = false;
  #paperNearEnd = false;
  #coverOpen = false;
  #faults = new Set<PrinterFault>();
  #linesUntilPaperOut: number | null = null;
  #linesUntilNearEnd: number | null = null;
  #garbageReplies = 0;
  #silentReplies = 0;
  /** Every DLE EOT n request received, in order. */
  readonly statusRequests: number[] = [];

  constructor(port: SimulatedDevicePort, options: ReceiptPrinterSimulatorOptions = {}) {
    this.#port = port;
    this.#reportSize = options.reportSize ?? 64;
    this.#link = options.link === 'hid-report' ? hidReportLink(this.#reportSize) : streamLink();
    port.on('write', (bytes) => this.#onWrite(bytes));
  }

  /** Items printed since the last cut. */
  get current(): PrintedReceipt {
    return toReceipt(this.#items, null);
  }

  get bufferedBytes(): number {
    return this.#held.length;
  }

  get offline(): boolean {
    return this.#paperOut || this.#coverOpen || this.#faults.size > 0;
  }

  /** Paper runs out after `lines` more printed text lines (mid-job if you like). */
  paperOutAfterLines(lines: number): void {
    this.#linesUntilPaperOut = lines;
  }

  /** The near-end sensor trips after `lines` more printed text lines. */
  paperNearEndAfterLines(lines: number): void {
    this.#linesUntilNearEnd = lines;
  }

  /** The near-end sensor as it reads now (a roll running low), without printing first. */
  setPaperNearEnd(nearEnd: boolean): void {
    this.#paperNearEnd = nearEnd;
    this.#linesUntilNearEnd = null;
  }

  setPaperOut(out: boolean): void {
    this.#paperOut = out;
    this.#resume();
  }

  /** A new roll: clears paper-out and near-end, and prints what was held. */
  loadPaper(): void {
    this.#paperOut = false;
    this.#paperNearEnd = false;
    this.#linesUntilPaperOut = null;
    this.#resume();
  }

  setCoverOpen(open: boolean): void {
    this.#coverOpen = open;
    this.#resume();
  }

  setFault(fault: PrinterFault, on = true): void {
    if (on) this.#faults.add(fault);
    else this.#faults.delete(fault);
    this.#resume();
  }

  /** The next `count` status replies are noise with wrong fixed bits. */
  garbleStatusReplies(count: number): void {
    this.#garbageReplies = count;
  }

  /** The next `count` status requests get no reply. */
  ignoreStatusRequests(count: number): void {
    this.#silentReplies = count;
  }

  unplug(): void {
    this.#port.unplug();
  }

  replug(): void {
    this.#port.replug();
  }

  #onWrite(write: Uint8Array): void {
    const decoded = this.#link.decode(write);
    if (!decoded.ok) return;
    const bytes = [...this.#carry, ...decoded.value];
    this.#carry = [];
    for (let i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0x10) {
        if (i + 1 >= bytes.length || (bytes[i + 1] === 0x04 && i + 2 >= bytes.length)) {
          this.#carry = bytes.slice(i);
          break;
        }
        const n = bytes[i + 2] as number;
        if (bytes[i + 1] === 0x04 && n >= 1 && n <= 4) {
          this.#answerStatus(n);
          i += 2;
          continue;
        }
      }
      this.#held.push(bytes[i] as number);
    }
    this.#resume();
  }

  #answerStatus(n: StatusRequest): void {
    this.statusRequests.push(n);
    if (this.#silentReplies > 0) {
      this.#silentReplies--;
      return;
    }
    let byte: number;
    if (this.#garbageReplies > 0) {
      this.#garbageReplies--;
      byte = 0xff;
    } else {
      byte = encodeStatusByte(this.#statusPart(n));
    }
    const bytes = Uint8Array.of(byte);
    for (const chunk of this.#link.encode(bytes)) this.#port.send(chunk);
  }

  #statusPart(n: StatusRequest) {
    switch (n) {
      case StatusRequest.Printer:
        return { request: n, offline: this.offline } as const;
      case StatusRequest.OfflineCause:
        return {
          request: n,
          coverOpen: this.#coverOpen,
          feedButton: false,
          paperEndStop: this.#paperOut,
          error: this.#faults.size > 0,
        } as const;
      case StatusRequest.ErrorCause:
        return {
          request: n,
          mechanical: this.#faults.has('mechanical'),
          autocutter: this.#faults.has('autocutter'),
          unrecoverable: this.#faults.has('unrecoverable'),
          autoRecoverable: this.#faults.has('autoRecoverable'),
        } as const;
      default:
        return {
          request: StatusRequest.RollPaper,
          nearEnd: this.#paperNearEnd || this.#paperOut,
          paperEnd: this.#paperOut,
        } as const;
    }
  }

  /** Prints held bytes while the printer can print. */
  #resume(): void {
    let i = 0;
    while (i < this.#held.length && !this.offline) {
      const events = this.#parser.push(Uint8Array.of(this.#held[i] as number));
      i++;
      for (const event of events) {
        if (event.type === 'item') {
          this.#items.push(event.item);
          if (event.item.kind === 'text') this.#countLine();
        } else if (event.type === 'cut') {
          this.receipts.push(toReceipt(this.#items, event.mode));
          this.#items = [];
        } else if (event.type === 'unknown') {
          this.unknown.push(event.bytes);
        }
      }
    }
    this.#held = this.#held.slice(i);
  }

  #countLine(): void {
    if (this.#linesUntilNearEnd !== null && --this.#linesUntilNearEnd <= 0) {
      this.#paperNearEnd = true;
      this.#linesUntilNearEnd = null;
    }
    if (this.#linesUntilPaperOut !== null && --this.#linesUntilPaperOut <= 0) {
      this.#paperOut = true;
      this.#linesUntilPaperOut = null;
    }
  }
}

function toReceipt(items: ReceiptItem[], cut: PrintedReceipt['cut']): PrintedReceipt {
  const copy = [...items];
  return {
    items: copy,
    lines: copy.flatMap((item) => (item.kind === 'text' ? [item.text] : [])),
    qrCodes: copy.flatMap((item) => (item.kind === 'qr' ? [item.data] : [])),
    cut,
  };
}
