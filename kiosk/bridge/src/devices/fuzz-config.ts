import fc from 'fast-check';

/**
 * Fuzz runs are reproducible by default (fixed seed) so CI cannot flake; set FUZZ_SEED to
 * explore other inputs and FUZZ_RUNS to run longer.
 */
export function fuzzParameters(): { seed: number; numRuns: number } {
  return {
    seed: Number(process.env.FUZZ_SEED ?? 20_250_601),
    numRuns: Number(process.env.FUZZ_RUNS ?? 300),
  };
}

/** Arbitrary bytes, biased towards the bytes these protocols treat specially. */
export function protocolBytes(maxLength: number): fc.Arbitrary<Uint8Array> {
  const special = fc.constantFrom(
    0x00,
    0x02,
    0x10,
    0x04,
    0x1b,
    0x1d,
    0x5d,
    0x69,
    0x88,
    0x90,
    0x96,
    0xaa,
    0xb1,
    0xff,
  );
  return fc
    .array(
      fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 255 }) },
        { weight: 1, arbitrary: special },
      ),
      {
        maxLength,
      },
    )
    .map((a) => Uint8Array.from(a));
}

/** A copy of `bytes` with one byte changed. */
export function mutateOne(bytes: Uint8Array, index: number, xor: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const i = index % copy.length;
  copy[i] = (copy[i] as number) ^ (xor === 0 ? 1 : xor);
  return copy;
}
