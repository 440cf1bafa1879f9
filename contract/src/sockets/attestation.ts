import { z } from 'zod';
import { defineRequests } from '../wire/contract.ts';
import { IdentityCardSchema } from '../identity/identity-card.ts';

/**
 * Who stands at a kiosk enters the booth server only here: the device bridge, over its own
 * credential-authenticated /bridge link, attests a card it read (or an electronic-ID code its
 * scanner read, checked by the server's verifier adapter) for a kiosk session it minted. The
 * kiosk page can refer to that identity (its token names the session), never supply it.
 */
export const KioskSessionId = z.string().min(16).max(64);

export const AttestationMethod = z.enum(['idCard', 'electronicId']);
export type AttestationMethod = z.infer<typeof AttestationMethod>;

/**
 * One citizen's visit, as the bridge counts it: from the identification to the wipe. The bridge
 * chooses the id, so work it queued offline (outbox) still belongs to the visit that made it.
 */
export const VisitId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const AttestRequest = z.discriminatedUnion('method', [
  z.strictObject({
    sessionId: KioskSessionId,
    visitId: VisitId,
    method: z.literal('idCard'),
    card: IdentityCardSchema,
  }),
  z.strictObject({
    sessionId: KioskSessionId,
    visitId: VisitId,
    method: z.literal('electronicId'),
    code: z.string().min(1).max(500),
  }),
]);
export type AttestRequest = z.input<typeof AttestRequest>;

export const AttestationRequests = defineRequests({
  'identity:attest': {
    request: AttestRequest,
    /** The attested actor (for an electronic ID, what the verifier returned). */
    response: z.object({ actor: IdentityCardSchema }),
  },
  /** The citizen's session was wiped: forget who they were. */
  'identity:clear': {
    request: z.strictObject({ sessionId: KioskSessionId }),
    response: z.object({ cleared: z.literal(true) }),
  },
});
