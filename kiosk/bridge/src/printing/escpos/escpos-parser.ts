import iconv from 'iconv-lite';
import { plainBytes } from '../../devices/coded-error.ts';
import type { Align, QrErrorLevel } from './escpos-builder.ts';

export interface TextLine {
  text: string;
  align: Align;
  bold: boolean;
  width: number;
  height: number;
}

export type ReceiptItem =
  | ({ kind: 'text' } & TextLine)
  | {
      kind: 'qr';
      /** The stored data decoded as UTF-8. */
      data: string;
      bytes: Uint8Array;
      model: number;
      moduleSize: number;
      errorLevel: QrErrorLevel;
    }
  | { kind: 'feed'; lines: number };

export type ParseEvent =
  | { type: 'item'; item: ReceiptItem }
  | { type: 'cut'; mode: 'full' | 'partial' }
  | { type: 'init' }
  /** Bytes the parser does not understand (kept so tests can assert there are none). */
  | { type: 'unknown'; bytes: Uint8Array };

const ALIGNS: Align[] = ['left', 'center', 'right'];
const LEVELS: Record<number, QrErrorLevel> = { 48: 'L', 49: 'M', 50: 'Q', 51: 'H' };

/**
 * Streaming ESC/POS interpreter for the commands the bridge sends: turns a byte stream into
 * printed items the way a printer would lay them out. Commands may be split across pushes.
 * Real-time commands (DLE EOT) are the receiver's business and never reach this parser.
 */
export class EscPosParser {
  #buf: Uint8Array = new Uint8Array(0);
  #line: number[] = [];
  #align: Align = 'left';
  #bold = false;
  #width = 1;
  #height = 1;
  #qr = { model: 2, moduleSize: 3, errorLevel: 'L' as QrErrorLevel, data: new Uint8Array(0) };

  push(bytes: Uint8Array): ParseEvent[] {
    let buf = plainBytes(bytes);
    if (this.#buf.length) {
      buf = new Uint8Array(this.#buf.length + bytes.length);
      buf.set(this.#buf);
      buf.set(bytes, this.#buf.length);
    }
    const events: ParseEvent[] = [];
    let i = 0;
    while (i < buf.length) {
      const used = this.#step(buf, i, events);
      if (used === 0) break; // incomplete command: wait for more bytes
      i += used;
    }
    this.#buf = buf.slice(i);
    return events;
  }

  /** Bytes consumed at i, or 0 when the command there is incomplete. */
  #step(buf: Uint8Array, i: number, events: ParseEvent[]): number {
    const b = buf[i] as number;
    const need = (n: number) => buf.length - i >= n;
    const at = (k: number) => buf[i + k] as number;
    if (b === 0x0a) {
      events.push({ type: 'item', item: this.#takeLine() });
      return 1;
    }
    if (b === 0x0d) return 1;
    if (b === 0x1b) {
      if (!need(2)) return 0;
      switch (at(1)) {
        case 0x40:
          this.#reset();
          events.push({ type: 'init' });
          return 2;
        case 0x61:
          if (!need(3)) return 0;
          this.#align = ALIGNS[at(2) % 48] ?? 'left';
          return 3;
        case 0x45:
          if (!need(3)) return 0;
          this.#bold = (at(2) & 1) === 1;
          return 3;
        case 0x64:
          if (!need(3)) return 0;
          this.#flushLine(events);
          events.push({ type: 'item', item: { kind: 'feed', lines: at(2) } });
          return 3;
        default:
          return this.#unknown(buf, i, 2, events);
      }
    }
    if (b === 0x1d) {
      if (!need(2)) return 0;
      switch (at(1)) {
        case 0x21:
          if (!need(3)) return 0;
          this.#width = ((at(2) >> 4) & 0x07) + 1;
          this.#height = (at(2) & 0x07) + 1;
          return 3;
        case 0x56: {
          if (!need(3)) return 0;
          const m = at(2);
          this.#flushLine(events);
          if (m === 0 || m === 0x30) events.push({ type: 'cut', mode: 'full' });
          else if (m === 1 || m === 0x31) events.push({ type: 'cut', mode: 'partial' });
          else return this.#unknown(buf, i, 3, events);
          return 3;
        }
        case 0x28: {
          if (!need(5)) return 0;
          const length = 5 + (at(3) | (at(4) << 8));
          if (!need(length)) return 0;
          if (at(2) !== 0x6b) return this.#unknown(buf, i, length, events);
          this.#qrFunction(buf.subarray(i + 5, i + length), events, buf.subarray(i, i + length));
          return length;
        }
        default:
          return this.#unknown(buf, i, 2, events);
      }
    }
    if (b === 0x1c) {
      if (!need(2)) return 0;
      // FS & / FS . switch Chinese mode; text is always read as GB18030 here.
      if (at(1) === 0x26 || at(1) === 0x2e) return 2;
      return this.#unknown(buf, i, 2, events);
    }
    if (b < 0x20 || b === 0x7f) return this.#unknown(buf, i, 1, events);
    this.#line.push(b);
    return 1;
  }

  #qrFunction(params: Uint8Array, events: ParseEvent[], whole: Uint8Array): void {
    const cn = params[0];
    const fn = params[1];
    if (cn !== 0x31) {
      events.push({ type: 'unknown', bytes: whole.slice() });
      return;
    }
    switch (fn) {
      case 0x41:
        this.#qr.model = (params[2] ?? 0x32) - 0x30;
        return;
      case 0x43:
        this.#qr.moduleSize = params[2] ?? 3;
        return;
      case 0x45:
        this.#qr.errorLevel = LEVELS[params[2] ?? 0x30] ?? 'L';
        return;
      case 0x50:
        // m = 0x30, then the data
        this.#qr.data = params.slice(3);
        return;
      case 0x51: {
        this.#flushLine(events);
        const bytes = this.#qr.data;
        events.push({
          type: 'item',
          item: {
            kind: 'qr',
            data: Buffer.from(bytes).toString('utf8'),
            bytes,
            model: this.#qr.model,
            moduleSize: this.#qr.moduleSize,
            errorLevel: this.#qr.errorLevel,
          },
        });
        return;
      }
      default:
        events.push({ type: 'unknown', bytes: whole.slice() });
    }
  }

  #unknown(buf: Uint8Array, i: number, length: number, events: ParseEvent[]): number {
    events.push({ type: 'unknown', bytes: buf.slice(i, i + length) });
    return length;
  }

  #flushLine(events: ParseEvent[]): void {
    if (this.#line.length > 0) events.push({ type: 'item', item: this.#takeLine() });
  }

  #takeLine(): ReceiptItem {
    const text = iconv.decode(Buffer.from(this.#line), 'gb18030');
    this.#line = [];
    return {
      kind: 'text',
      text,
      align: this.#align,
      bold: this.#bold,
      width: this.#width,
      height: this.#height,
    };
  }

  #reset(): void {
    this.#line = [];
    this.#align = 'left';
    this.#bold = false;
    this.#width = 1;
    this.#height = 1;
  }
}
