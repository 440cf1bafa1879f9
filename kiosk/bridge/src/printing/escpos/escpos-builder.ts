import iconv from 'iconv-lite';

export type Align = 'left' | 'center' | 'right';
export type QrErrorLevel = 'L' | 'M' | 'Q' | 'H';

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const LF = 0x0a;

const ALIGN: Record<Align, number> = { left: 0, center: 1, right: 2 };
const QR_LEVEL: Record<QrErrorLevel, number> = { L: 0x30, M: 0x31, Q: 0x32, H: 0x33 };

/**
 * GS ! n: Epson's ESC/POS reference puts the width multiplier in bits 4-7 and the height
 * multiplier in bits 0-3 (0x10 = double width, 0x01 = double height, 0x11 both).
 */
export function characterSizeByte(width: number, height: number): number {
  for (const [name, v] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 8) throw new RangeError(`${name} must be 1..8`);
  }
  return ((width - 1) << 4) | (height - 1);
}

/** Model 2 QR holds at most 2953 bytes (version 40, level L). */
export const QR_MAX_BYTES = 2953;

/**
 * Builds an ESC/POS byte stream. Text is encoded as GB18030 (GB2312 lacks characters found in
 * names); control characters in text are replaced so data can never inject printer commands.
 */
export class EscPosBuilder {
  readonly #parts: Uint8Array[] = [];

  /** ESC @ */
  init(): this {
    return this.#push(ESC, 0x40);
  }

  /** FS & / FS . — Chinese (GB18030) character mode on or off. */
  chineseMode(on: boolean): this {
    return on ? this.#push(FS, 0x26) : this.#push(FS, 0x2e);
  }

  /** ESC a n */
  align(align: Align): this {
    return this.#push(ESC, 0x61, ALIGN[align]);
  }

  /** ESC E n */
  bold(on: boolean): this {
    return this.#push(ESC, 0x45, on ? 1 : 0);
  }

  /** GS ! n; multipliers 1..8. */
  size(width: number, height: number): this {
    return this.#push(GS, 0x21, characterSizeByte(width, height));
  }

  /** Text without a line feed. */
  text(text: string): this {
    this.#parts.push(encodeText(text));
    return this;
  }

  /** Text followed by LF. */
  line(text = ''): this {
    return this.text(text).#push(LF);
  }

  /** ESC d n: print and feed n lines. */
  feed(lines = 1): this {
    if (!Number.isInteger(lines) || lines < 0 || lines > 255) throw new RangeError('feed 0..255');
    return this.#push(ESC, 0x64, lines);
  }

  /** GS V 0 (full) / GS V 1 (partial). */
  cut(partial = false): this {
    return this.#push(GS, 0x56, partial ? 1 : 0);
  }

  /**
   * Native QR code, model 2. The store command's pL pH count bytes (data + 3), so multi-byte
   * text is measured after encoding.
   */
  qr(
    data: string | Uint8Array,
    options: { moduleSize?: number; errorLevel?: QrErrorLevel } = {},
  ): this {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (bytes.length === 0 || bytes.length > QR_MAX_BYTES) {
      throw new RangeError(`QR data must be 1..${QR_MAX_BYTES} bytes, got ${bytes.length}`);
    }
    const moduleSize = options.moduleSize ?? 6;
    if (!Number.isInteger(moduleSize) || moduleSize < 1 || moduleSize > 16) {
      throw new RangeError('QR module size must be 1..16');
    }
    const k = bytes.length + 3;
    this.#push(GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00);
    this.#push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, moduleSize);
    this.#push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, QR_LEVEL[options.errorLevel ?? 'M']);
    this.#push(GS, 0x28, 0x6b, k & 0xff, k >> 8, 0x31, 0x50, 0x30);
    this.#parts.push(Uint8Array.from(bytes));
    return this.#push(GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30);
  }

  raw(bytes: Uint8Array): this {
    this.#parts.push(Uint8Array.from(bytes));
    return this;
  }

  build(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.#parts));
  }

  #push(...bytes: number[]): this {
    this.#parts.push(Uint8Array.from(bytes));
    return this;
  }
}

export function encodeText(text: string): Uint8Array {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const safe = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return new Uint8Array(iconv.encode(safe, 'gb18030'));
}
