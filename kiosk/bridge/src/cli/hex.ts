/** Parses "aa aa 96", "AAAA96", "aa:aa:96" or "0xaa,0xaa"; throws a RangeError naming the spot. */
export function parseHex(input: string): Uint8Array {
  const cleaned = input.replace(/0x/gi, '').replace(/[\s,:-]/g, '');
  const bad = cleaned.search(/[^0-9a-fA-F]/);
  if (bad >= 0) throw new RangeError(`not a hex digit: '${cleaned[bad]}' at digit ${bad + 1}`);
  if (cleaned.length % 2 !== 0)
    throw new RangeError(`odd number of hex digits (${cleaned.length})`);
  if (cleaned.length === 0) throw new RangeError('no bytes given');
  return Uint8Array.from(Buffer.from(cleaned, 'hex'));
}
