import { randomBytes } from 'node:crypto';
import type { AttestRequest } from '@onething/contract/sockets/attestation';
import type { OutboxItem } from '@onething/contract/sockets/bridge-local';
import { AppError } from '@onething/contract/errors';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import type { Logger } from 'pino';
import type { ServerLink } from './server-link.ts';

/** What VisitIdentity needs of the server link. */
export type AttestationLink = Pick<ServerLink, 'connected' | 'attestation'>;

/** An electronic-ID code is used only if the scanner read it this recently. */
export const ELECTRONIC_ID_SCAN_MAX_AGE_MS = 120_000;

/**
 * Who the bridge says stands at the kiosk, for one visit (identification → wipe). The bridge
 * is the only party the booth server believes about that: it attests each card it read (and
 * each electronic-ID code its own scanner read) for the kiosk session it minted, over its
 * credential-authenticated link. The page gets the card to show, never the means to name one.
 */
export class VisitIdentity {
  readonly #link: AttestationLink;
  readonly #log: Logger;
  /** The kiosk session the page holds now (the newest token this bridge minted). */
  #sessionId: string | null = null;
  /** The current visit: who was identified, kept to attest again after a new token or link. */
  #visit: Visit | null = null;
  /** Whether the server has the current visit for the current session. */
  #delivered = false;
  #lastScan: { text: string; at: number } | null = null;
  /** Sessions whose attestation the server must still forget (wiped while the link was down). */
  readonly #pendingClears = new Set<string>();
  readonly #now: () => number;

  constructor(link: AttestationLink, logger: Logger, now: () => number = Date.now) {
    this.#link = link;
    this.#log = logger;
    this.#now = now;
  }

  /**
   * A new kiosk token was minted for the page: the visit (if any, even one identified before
   * the page first asked for a token) is attested for that session.
   */
  async sessionMinted(sessionId: string): Promise<void> {
    const previous = this.#sessionId;
    this.#sessionId = sessionId;
    if (!this.#visit) return;
    this.#delivered = false;
    if (previous && previous !== sessionId) await this.#clearOnServer(previous);
    await this.#send();
  }

  /** A valid card was read: a new visit unless it is the same person's card again. */
  async cardRead(card: IdentityCardData): Promise<void> {
    const prior = this.#visit;
    const same = prior?.claim.method === 'idCard' && prior.claim.card.idNumber === card.idNumber;
    this.#visit = {
      visitId: same && prior ? prior.visitId : newVisitId(),
      claim: { method: 'idCard', card },
    };
    this.#delivered = false;
    // The new attestation replaces whatever the server held for this session.
    if (this.#sessionId) this.#pendingClears.delete(this.#sessionId);
    await this.#send();
  }

  /** What the scanner read last (an electronic-ID code is taken only from here). */
  scanned(text: string): void {
    this.#lastScan = { text, at: this.#now() };
  }

  /**
   * Verifies the electronic-ID code the scanner read last, through the server's verifier
   * adapter, and makes its holder this visit's person. Needs the server: there is no offline
   * check of an electronic ID.
   */
  async electronicId(): Promise<IdentityCardData> {
    const scan = this.#lastScan;
    if (!scan || this.#now() - scan.at > ELECTRONIC_ID_SCAN_MAX_AGE_MS) {
      throw AppError.validation('no electronic ID code was scanned just now', ['code']);
    }
    if (!this.#sessionId) throw AppError.conflict('the kiosk page holds no session yet');
    this.#lastScan = null;
    const visit: Visit = {
      visitId: newVisitId(),
      claim: { method: 'electronicId', code: scan.text },
    };
    const { actor } = await this.#link.attestation(
      'identity:attest',
      requestOf(this.#sessionId, visit),
    );
    this.#visit = visit;
    this.#delivered = true;
    return actor;
  }

  /** The link is back: wipes made while it was down reach the server, then any new card. */
  async reconnected(): Promise<void> {
    for (const sessionId of [...this.#pendingClears]) await this.#clearOnServer(sessionId);
    if (this.#visit && !this.#delivered) await this.#send();
  }

  /** The citizen's session was wiped: forget them here and at the server. */
  async wipe(): Promise<void> {
    const had = this.#visit !== null;
    this.#visit = null;
    this.#delivered = false;
    this.#lastScan = null;
    if (had && this.#sessionId) await this.#clearOnServer(this.#sessionId);
  }

  /**
   * The item as the outbox keeps it: the visit's attestation set by the bridge, whatever the
   * page put there (it cannot name anyone).
   */
  stamp(item: OutboxItem): OutboxItem {
    const { attestation: _fromPage, ...rest } = item;
    // Queued offline before any token: the session is unknown, the visit is what counts.
    const visit = this.#visit;
    return visit
      ? { ...rest, attestation: requestOf(this.#sessionId ?? OFFLINE_SESSION, visit) }
      : rest;
  }

  async #send(): Promise<void> {
    const visit = this.#visit;
    const sessionId = this.#sessionId;
    if (!visit || !sessionId || !this.#link.connected) return;
    try {
      await this.#link.attestation('identity:attest', requestOf(sessionId, visit));
      if (this.#visit === visit && this.#sessionId === sessionId) this.#delivered = true;
    } catch (e) {
      // Said without the person: the code is enough to find out why.
      this.#log.warn({ code: (e as { code?: string }).code ?? 'INTERNAL' }, 'attestation refused');
    }
  }

  async #clearOnServer(sessionId: string): Promise<void> {
    this.#pendingClears.add(sessionId);
    if (!this.#link.connected) return;
    try {
      await this.#link.attestation('identity:clear', { sessionId });
      this.#pendingClears.delete(sessionId);
    } catch (e) {
      this.#log.warn({ code: (e as { code?: string }).code ?? 'INTERNAL' }, 'clearing refused');
    }
  }
}

interface Visit {
  visitId: string;
  claim: { method: 'idCard'; card: IdentityCardData } | { method: 'electronicId'; code: string };
}

/** Names no session: work queued before the page held any token still carries its visit. */
const OFFLINE_SESSION = 'offline-before-any-session';

function requestOf(sessionId: string, visit: Visit): AttestRequest {
  return { sessionId, visitId: visit.visitId, ...visit.claim };
}

function newVisitId(): string {
  return randomBytes(16).toString('base64url');
}
