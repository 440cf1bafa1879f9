import iconv from 'iconv-lite';
import { fail, ok, type Result } from '../coded-error.ts';
import { ScannerError } from './scanner-error.ts';

export type ScanEncoding = 'utf-8' | 'gb18030';
export type ScanEncodingMode = ScanEncoding | 'auto';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes scanned bytes. `auto` tries strict UTF-8 first (what QR codes from current systems
 * carry) and falls back to GB18030 (older Chinese systems); GB18030 must round-trip exactly, so
 * random bytes are rejected rather than turned into mojibake.
 */
export function decodeScanText(
  bytes: Uint8Array,
  mode: ScanEncodingMode = 'auto',
): Result<{ text: string; encoding: ScanEncoding }, ScannerError> {
  if (mode !== 'gb18030') {
    try {
      return ok({ text: utf8.decode(bytes), encoding: 'utf-8' });
    } catch {
      if (mode === 'utf-8') return fail(encodingError('utf-8', bytes.length));
    }
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const text = iconv.decode(buffer, 'gb18030');
  if (!iconv.encode(text, 'gb18030').equals(buffer)) {
    return fail(encodingError(mode === 'auto' ? 'utf-8 or gb18030' : 'gb18030', bytes.length));
  }
  return ok({ text, encoding: 'gb18030' });
}

function encodingError(expected: string, length: number): ScannerError {
  return new ScannerError('ENCODING', `Scanned data is not valid ${expected}`, {
    expected,
    length,
  });
}
