import { z } from 'zod';

/** A mainland mobile number: 11 digits from 13x to 19x (what an SMS can reach). */
export const MobileNumber = z.string().regex(/^1[3-9]\d{9}$/, 'an 11-digit mobile number');

/** 138****5678: enough for the citizen or the agent to recognise it, not to dial it. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****';
}
