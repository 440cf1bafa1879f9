import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import type { BridgeLocalNotifications } from '@onething/contract/sockets/bridge-local';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';
import pino, { type Logger } from 'pino';
import type { z } from 'zod';
import {
  type IdCardReader,
  IdCardReaderEvent,
  IdCardReaderState,
} from '../devices/id-card/id-card-reader.ts';
import type { IdCardReaderError } from '../devices/id-card/id-card-reader-error.ts';
import type { IdentityCard } from '../devices/id-card/text-block.ts';

export type CardInserted = z.output<(typeof BridgeLocalNotifications)['card:inserted']>;
export type CardProblem = z.output<(typeof BridgeLocalNotifications)['card:error']>;

export enum CardSessionEvent {
  Inserted = 'inserted',
  Removed = 'removed',
  Error = 'error',
}

export type CardSessionEvents = {
  [CardSessionEvent.Inserted]: [CardInserted];
  [CardSessionEvent.Removed]: [];
  [CardSessionEvent.Error]: [CardProblem];
};

/** Neutral texts; the UI shows its own localized message for each code. */
const MESSAGES: Record<CardProblem['code'], string> = {
  unreadable: 'The card could not be read. Please take it away and place it on the reader again.',
  badChecksum: 'The data on the card did not pass its check.',
  samFault: 'The card reader needs service: its security module failed its self-test.',
  readerFault: 'The card reader stopped working.',
};

/**
 * The citizen's card as the kiosk UI sees it: inserted (with validity), removed, or a calm
 * problem code. Holds the card and its photo in memory only while the card is in the field and
 * the session is not wiped; the photo never leaves this object.
 */
export class CardSession extends SafeEventEmitter<CardSessionEvents> {
  readonly #reader: IdCardReader;
  #card: IdentityCardData | null = null;
  #photo: Uint8Array | null = null;
  /** Increments each time a card is read (accepted or not), to match the deferred check. */
  #presence = 0;
  #resolved = true;
  #lostWithCard = false;
  readonly #onState = (state: IdCardReaderState) => this.#stateChanged(state);
  readonly #onInserted = (card: IdentityCard, photo: Uint8Array) => {
    this.#resolved = true;
    this.#hold(card, photo);
    this.safeEmit(CardSessionEvent.Inserted, { card: toContract(card), validity: 'valid' });
  };
  readonly #onOutOfDate = (card: IdentityCard, validity: 'expired' | 'notYetValid') => {
    this.#resolved = true;
    this.safeEmit(CardSessionEvent.Inserted, { card: toContract(card), validity });
  };
  readonly #onRemoved = () => {
    this.#lostWithCard = this.#reader.state === IdCardReaderState.WaitingForDevice;
    this.wipe();
    this.safeEmit(CardSessionEvent.Removed);
  };
  readonly #onError = (error: IdCardReaderError) => this.#readerError(error);

  constructor(reader: IdCardReader, log: Logger = pino({ level: 'silent' })) {
    super(log);
    this.#reader = reader;
    reader.on(IdCardReaderEvent.StateChanged, this.#onState);
    reader.on(IdCardReaderEvent.CardInserted, this.#onInserted);
    reader.on(IdCardReaderEvent.CardOutOfDate, this.#onOutOfDate);
    reader.on(IdCardReaderEvent.CardRemoved, this.#onRemoved);
    reader.on(IdCardReaderEvent.Error, this.#onError);
  }

  /** Whether a card's data is held right now (for tests and diagnostics; never exported). */
  get holding(): boolean {
    return this.#card !== null || this.#photo !== null;
  }

  /** Forgets the card and overwrites the photo bytes. */
  wipe(): void {
    this.#photo?.fill(0);
    this.#photo = null;
    this.#card = null;
  }

  close(): void {
    this.wipe();
    this.#reader.off(IdCardReaderEvent.StateChanged, this.#onState);
    this.#reader.off(IdCardReaderEvent.CardInserted, this.#onInserted);
    this.#reader.off(IdCardReaderEvent.CardOutOfDate, this.#onOutOfDate);
    this.#reader.off(IdCardReaderEvent.CardRemoved, this.#onRemoved);
    this.#reader.off(IdCardReaderEvent.Error, this.#onError);
  }

  #hold(card: IdentityCard, photo: Uint8Array): void {
    this.wipe();
    this.#card = toContract(card);
    this.#photo = photo;
  }

  #stateChanged(state: IdCardReaderState): void {
    if (state !== IdCardReaderState.CardPresent) return;
    // The reader settles on "card present" after a read, good or not. The outcome (card or
    // decode error) follows within the same turn of the event loop; when none came, every read
    // attempt failed and the card is unreadable.
    const presence = ++this.#presence;
    this.#resolved = false;
    setImmediate(() => {
      if (presence !== this.#presence || this.#resolved) return;
      if (this.#reader.state !== IdCardReaderState.CardPresent) return;
      this.#resolved = true;
      this.#problem('unreadable');
    });
  }

  #readerError(error: IdCardReaderError): void {
    switch (error.code) {
      case 'ID_NUMBER_INVALID':
        this.#resolved = true;
        this.#problem('badChecksum');
        return;
      case 'CARD_DATA_INVALID':
        this.#resolved = true;
        this.#problem('unreadable');
        return;
      case 'SAM_SELF_TEST_FAILED':
        this.#problem('samFault');
        return;
      case 'DEVICE_UNAVAILABLE':
        if (this.#lostWithCard) {
          this.#lostWithCard = false;
          this.#problem('readerFault');
        }
        return;
      default:
        // Polling hiccups (timeouts, framing) are device health, reported in devices:state.
        return;
    }
  }

  #problem(code: CardProblem['code']): void {
    this.safeEmit(CardSessionEvent.Error, { code, message: MESSAGES[code] });
  }
}

function toContract(card: IdentityCard): IdentityCardData {
  return {
    cardType: card.cardType,
    name: card.name,
    gender: card.gender,
    nation: card.nation ? { code: card.nation.code, name: card.nation.name } : null,
    birthDate: card.birthDate,
    address: card.address,
    idNumber: card.idNumber,
    issuer: card.issuer,
    validFrom: card.validFrom,
    validTo: card.validTo,
  };
}
