import { z } from 'zod';
import { plainText } from '../text.ts';

/** What a resident ID card reader reports about the holder (never the photo). */
export const IdentityCardSchema = z.object({
  cardType: z.enum(['resident', 'hkMacaoTaiwanResidencePermit', 'foreignPermanentResident']),
  name: plainText(z.string().min(1).max(32)),
  gender: z.enum(['unknown', 'male', 'female', 'unspecified']),
  nation: z.object({ code: z.string(), name: z.string() }).nullable(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  address: plainText(z.string().max(80)),
  idNumber: z.string().regex(/^\d{17}[\dX]$/),
  issuer: plainText(z.string().max(32)),
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  validTo: z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.literal('长期')]),
});
export type IdentityCardData = z.infer<typeof IdentityCardSchema>;

/** How the citizen was identified at the terminal. */
export const IdentitySource = z.enum(['idCard', 'electronicId', 'typed']);
export type IdentitySource = z.infer<typeof IdentitySource>;
