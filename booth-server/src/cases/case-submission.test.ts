import { describe, expect, it } from 'vitest';
import { FieldCipher } from '../crypto/field-cipher.ts';
import { mother, submission } from '../testing/cases.ts';
import { last4Index, payloadOf } from './case-submission.ts';

describe('submission keys', () => {
  it('a retry repeats the payload whatever its idempotency key and field order', () => {
    const a = submission('key-a');
    const reordered = Object.fromEntries(Object.entries(submission('key-b')).reverse());
    expect(payloadOf(reordered as typeof a)).toBe(payloadOf(a));
    expect(payloadOf(submission('key-a', ['A']))).not.toBe(payloadOf(a));
  });

  it('indexes the last four ID characters per case, whatever their case', () => {
    const cipher = FieldCipher.ephemeral();
    const last4 = mother.idNumber.slice(-4);
    expect(last4Index(cipher, 'YJ1', last4.toLowerCase())).toBe(last4Index(cipher, 'YJ1', last4));
    expect(last4Index(cipher, 'YJ2', last4)).not.toBe(last4Index(cipher, 'YJ1', last4));
  });
});
