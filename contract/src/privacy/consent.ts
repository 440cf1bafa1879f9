import { z } from 'zod';

/**
 * What a citizen may consent to besides the application itself, each recorded on its own
 * (PIPL: separate consent for sensitive personal information, and a guardian's for a minor's).
 */
export const ConsentPurpose = z.enum(['minorData']);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

/**
 * The version of the words the citizen agreed to, per purpose. Changing the words on a screen
 * means a new version here, so every stored consent still says which words it answered.
 */
export const CONSENT_WORDING: Record<ConsentPurpose, string> = {
  minorData: '2026-12',
};

export const GivenConsent = z.object({
  purpose: ConsentPurpose,
  wording: z.string().min(1).max(20),
});
export type GivenConsent = z.infer<typeof GivenConsent>;
