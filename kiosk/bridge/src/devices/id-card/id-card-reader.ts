import { SafeEventEmitter } from '@onething/contract/node/safe-event-emitter';
import { maskIdNumber } from '@onething/contract/identity/id-number';
import pino, { type Logger } from 'pino';
import type { ReportTransport } from '../../transport/report-transport.ts';
import { listenTo, TransportEvent } from '../../transport/report-transport.ts';
import { MiaxisHidWrapper } from './hid-wrapper.ts';
import { IdCardReaderError } from './id-card-reader-error.ts';
import {
  buildSamCommand,
  parseBaseInfo,
  parseSamReply,
  type SamCommandName,
  SamCommands,
  type SamReply,
} from './sam-frame.ts';
import type { SamFraming } from './sam-framing.ts';
import { SamStatus } from './sam-status.ts';
import { cardValidity, decodeTextBlock, type IdentityCard } from './text-block.ts';

export enum IdCardReaderEvent {
  /** A valid, unexpired card was read: (card, photo). The photo is WLT bytes, in memory only. */
  CardInserted = 'cardInserted',
  /**
   * A card was read but is expired or not yet valid: (card, validity). Emitted just before the
   * CARD_EXPIRED / CARD_NOT_YET_VALID error, so the kiosk can tell the holder why it is refused.
   */
  CardOutOfDate = 'cardOutOfDate',
  /** The card that was read (accepted or rejected) left the field, or the reader went away. */
  CardRemoved = 'cardRemoved',
  Error = 'error',
  StateChanged = 'stateChanged',
}

export enum IdCardReaderState {
  Stopped = 'stopped',
  WaitingForDevice = 'waitingForDevice',
  Initialising = 'initialising',
  /** SAM self-test failed; rechecked every samRetryMs. */
  SamFailed = 'samFailed',
  Searching = 'searching',
  /** A card was read and must leave the field before the next one. */
  CardPresent = 'cardPresent',
}

export type IdCardReaderEvents = {
  [IdCardReaderEvent.CardInserted]: [card: IdentityCard, photo: Uint8Array];
  [IdCardReaderEvent.CardOutOfDate]: [card: IdentityCard, validity: 'expired' | 'notYetValid'];
  [IdCardReaderEvent.CardRemoved]: [];
  [IdCardReaderEvent.Error]: [IdCardReaderError];
  [IdCardReaderEvent.StateChanged]: [IdCardReaderState];
};

/** Reads of one card attempted before it is treated as unreadable. */
export const MAX_READ_ATTEMPTS = 3;

/** GA 467 readers must not be polled faster than this. */
export const MIN_POLL_INTERVAL_MS = 300;

export interface IdCardReaderOptions {
  /** How SAM frames travel; defaults to the Miaxis HID wrapper. */
  framing?: SamFraming;
  /** Time between polls; at least 300 ms. Default 500. */
  pollIntervalMs?: number;
  /** Reply timeout for short commands. Default 1000 ms. */
  commandTimeoutMs?: number;
  /** Reply timeout for the 1295-byte base-info read. Default 3000 ms. */
  readTimeoutMs?: number;
  /** How often to recheck a SAM that failed its self-test. Default 10 s. */
  samRetryMs?: number;
  /** Injectable clock for the expiry check. */
  clock?: () => Date;
  /** The terminal's time zone for the expiry check. Default Asia/Shanghai. */
  timeZone?: string;
  logger?: Logger;
}

interface Pending {
  command: SamCommandName;
  resolve: (reply: SamReply) => void;
  reject: (error: IdCardReaderError) => void;
  timer: NodeJS.Timeout;
  /** A framing problem seen while waiting; reported if no good reply follows. */
  framingError: IdCardReaderError | null;
}

/**
 * Resident ID card reader driver: a polling state machine over any ReportTransport.
 *   initialise (SAM status) → search (find card) → select → read base info → card present
 *   (poll until it leaves) → search …
 * The photo is handed to listeners and never stored, logged or written by this class.
 */
export class IdCardReader extends SafeEventEmitter<IdCardReaderEvents> {
  readonly #transport: ReportTransport;
  readonly #framing: SamFraming;
  readonly #pollIntervalMs: number;
  readonly #commandTimeoutMs: number;
  readonly #readTimeoutMs: number;
  readonly #samRetryMs: number;
  readonly #clock: () => Date;
  readonly #timeZone: string;
  readonly #logger: Logger;
  #state = IdCardReaderState.Stopped;
  #generation = 0;
  #pending: Pending | null = null;
  #wake: (() => void) | null = null;
  #sleepTimer: NodeJS.Timeout | null = null;
  /** Consecutive failed base-info reads of the card in the field. */
  #failedReads = 0;
  /** Repeats of the same failure are not re-emitted until something succeeds. */
  #lastErrorKey: string | null = null;
  #unlisten: (() => void) | null = null;
  readonly #onOpen = () => this.#restart();
  readonly #onClose = () => this.#deviceLost();
  readonly #onData = (bytes: Uint8Array) => this.#onInput(bytes);
  readonly #onTransportError = (error: Error) =>
    this.#logger.warn({ err: error.message }, 'id card reader transport error');

  constructor(transport: ReportTransport, options: IdCardReaderOptions = {}) {
    const logger = options.logger ?? pino({ level: 'silent' });
    super(logger);
    const pollIntervalMs = options.pollIntervalMs ?? 500;
    if (!(pollIntervalMs >= MIN_POLL_INTERVAL_MS)) {
      throw new RangeError(`pollIntervalMs must be at least ${MIN_POLL_INTERVAL_MS} ms`);
    }
    this.#transport = transport;
    this.#framing = options.framing ?? new MiaxisHidWrapper();
    this.#pollIntervalMs = pollIntervalMs;
    this.#commandTimeoutMs = options.commandTimeoutMs ?? 1000;
    this.#readTimeoutMs = options.readTimeoutMs ?? 3000;
    this.#samRetryMs = options.samRetryMs ?? 10_000;
    this.#clock = options.clock ?? (() => new Date());
    this.#timeZone = options.timeZone ?? 'Asia/Shanghai';
    this.#logger = logger;
  }

  get state(): IdCardReaderState {
    return this.#state;
  }

  /** Opens the transport and starts polling; keeps waiting for the device if it is absent. */
  async start(): Promise<void> {
    if (this.#state !== IdCardReaderState.Stopped) return;
    this.#setState(IdCardReaderState.WaitingForDevice);
    this.#unlisten = listenTo(this.#transport, {
      [TransportEvent.Open]: this.#onOpen,
      [TransportEvent.Close]: this.#onClose,
      [TransportEvent.Data]: this.#onData,
      [TransportEvent.Error]: this.#onTransportError,
    });
    try {
      await this.#transport.open();
    } catch (error) {
      this.#emitError(IdCardReaderError.deviceUnavailable(error));
    }
  }

  /** Stops polling and closes the transport. */
  async stop(): Promise<void> {
    if (this.#state === IdCardReaderState.Stopped) return;
    this.#generation++;
    this.#cancelSleep();
    this.#failPending(IdCardReaderError.deviceUnavailable('reader stopped'));
    this.#unlisten?.();
    this.#unlisten = null;
    this.#setState(IdCardReaderState.Stopped);
    await this.#transport.close();
  }

  #restart(): void {
    if (this.#state === IdCardReaderState.Stopped) return;
    const generation = ++this.#generation;
    this.#cancelSleep();
    void this.#run(generation);
  }

  #deviceLost(): void {
    if (this.#state === IdCardReaderState.Stopped) return;
    this.#generation++;
    this.#cancelSleep();
    this.#failPending(IdCardReaderError.deviceUnavailable('device closed'));
    const hadCard = this.#state === IdCardReaderState.CardPresent;
    this.#setState(IdCardReaderState.WaitingForDevice);
    if (hadCard) this.safeEmit(IdCardReaderEvent.CardRemoved);
    this.#emitError(IdCardReaderError.deviceUnavailable('device unplugged'));
  }

  async #run(generation: number): Promise<void> {
    const alive = () => generation === this.#generation;
    this.#setState(IdCardReaderState.Initialising);
    while (alive()) {
      try {
        const reply = await this.#exec('samStatus');
        if (!alive()) return;
        if (reply.sw3 === SamStatus.Ok) break;
        this.#setState(IdCardReaderState.SamFailed);
        this.#report(IdCardReaderError.samStatus('samStatus', reply.status));
        await this.#sleep(this.#samRetryMs);
        continue;
      } catch (error) {
        if (!alive()) return;
        this.#report(error);
      }
      await this.#sleep(this.#pollIntervalMs);
    }
    if (!alive()) return;
    this.#lastErrorKey = null;
    this.#failedReads = 0;
    this.#setState(IdCardReaderState.Searching);
    while (alive()) {
      try {
        await this.#tick(alive);
        if (alive()) this.#lastErrorKey = null;
      } catch (error) {
        if (!alive()) return;
        this.#report(error);
      }
      await this.#sleep(this.#pollIntervalMs);
    }
  }

  async #tick(alive: () => boolean): Promise<void> {
    // A card the SAM has read is halted (find fails) even if its reply was lost on the way, so a
    // failed read is retried with select + read rather than waiting for a find that never comes.
    if (this.#state === IdCardReaderState.Searching && this.#failedReads > 0) {
      await this.#readCard(alive);
      return;
    }
    const find = await this.#exec('findCard');
    if (!alive()) return;
    if (this.#state === IdCardReaderState.Searching) {
      if (find.sw3 === SamStatus.FindCardFailed) return;
      if (find.sw3 !== SamStatus.CardFound)
        throw IdCardReaderError.samStatus('findCard', find.status);
      await this.#readCard(alive);
      return;
    }
    // Card present: a successful find means a different card replaced it.
    if (find.sw3 === SamStatus.CardFound) {
      this.#cardGone();
      await this.#readCard(alive);
      return;
    }
    if (find.sw3 !== SamStatus.FindCardFailed)
      throw IdCardReaderError.samStatus('findCard', find.status);
    const select = await this.#exec('selectCard');
    if (!alive()) return;
    if (select.sw3 === SamStatus.SelectCardFailed) this.#cardGone();
    else if (select.sw3 !== SamStatus.Ok)
      throw IdCardReaderError.samStatus('selectCard', select.status);
  }

  async #readCard(alive: () => boolean): Promise<void> {
    const select = await this.#exec('selectCard');
    if (!alive()) return;
    // Pulled away between find and select (or before a retry): nothing to report.
    if (select.sw3 === SamStatus.SelectCardFailed) {
      this.#failedReads = 0;
      return;
    }
    if (select.sw3 !== SamStatus.Ok) throw IdCardReaderError.samStatus('selectCard', select.status);
    let photo: Uint8Array;
    let text: Uint8Array;
    try {
      const read = await this.#exec('readBaseInfo', this.#readTimeoutMs);
      if (!alive()) return;
      if (read.sw3 !== SamStatus.Ok) throw IdCardReaderError.samStatus('readBaseInfo', read.status);
      const info = parseBaseInfo(read.data);
      if (!info.ok) {
        throw new IdCardReaderError('BAD_REPLY', info.error.message, { reason: info.error.code });
      }
      ({ text, photo } = info.value);
    } catch (error) {
      if (alive() && ++this.#failedReads >= MAX_READ_ATTEMPTS) {
        // An unreadable card: stop trying and wait for it to be taken away.
        this.#failedReads = 0;
        this.#setState(IdCardReaderState.CardPresent);
      }
      throw error;
    }
    this.#failedReads = 0;
    // Read succeeded: from here the card must leave the field, whether we accept it or not.
    this.#setState(IdCardReaderState.CardPresent);
    const decoded = decodeTextBlock(text);
    if (!decoded.ok) {
      const { error } = decoded;
      if (error.code === 'ID_NUMBER') {
        throw new IdCardReaderError('ID_NUMBER_INVALID', error.message, error.details);
      }
      throw new IdCardReaderError('CARD_DATA_INVALID', error.message, {
        reason: error.code,
        ...error.details,
      });
    }
    const card = decoded.value;
    const validity = cardValidity(card, this.#clock(), this.#timeZone);
    if (validity !== 'valid') this.safeEmit(IdCardReaderEvent.CardOutOfDate, card, validity);
    if (validity === 'expired') {
      throw new IdCardReaderError('CARD_EXPIRED', 'The ID card has expired', {
        validTo: card.validTo,
      });
    }
    if (validity === 'notYetValid') {
      throw new IdCardReaderError('CARD_NOT_YET_VALID', 'The ID card is not valid yet', {
        validFrom: card.validFrom,
      });
    }
    this.#logger.info({ idNumber: maskIdNumber(card.idNumber) }, 'id card read');
    this.safeEmit(IdCardReaderEvent.CardInserted, card, photo);
  }

  #cardGone(): void {
    this.#setState(IdCardReaderState.Searching);
    this.safeEmit(IdCardReaderEvent.CardRemoved);
  }

  async #exec(command: SamCommandName, timeoutMs = this.#commandTimeoutMs): Promise<SamReply> {
    if (!this.#transport.isOpen) throw IdCardReaderError.deviceUnavailable('device not open');
    this.#failPending(IdCardReaderError.deviceUnavailable('superseded'));
    this.#framing.reset();
    const reply = new Promise<SamReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        const pending = this.#pending;
        this.#pending = null;
        this.#framing.reset();
        reject(pending?.framingError ?? IdCardReaderError.timeout(command, timeoutMs));
      }, timeoutMs);
      this.#pending = { command, resolve, reject, timer, framingError: null };
    });
    try {
      for (const report of this.#framing.encode(buildSamCommand(SamCommands[command]))) {
        await this.#transport.write(report);
      }
    } catch (error) {
      this.#failPending(IdCardReaderError.deviceUnavailable(error));
    }
    return reply;
  }

  #onInput(bytes: Uint8Array): void {
    for (const result of this.#framing.push(bytes)) {
      const pending = this.#pending;
      if (!pending) {
        this.#logger.debug('id card reader: unsolicited input dropped');
        continue;
      }
      if (!result.ok) {
        const error = new IdCardReaderError('FRAMING', result.error.message, {
          command: pending.command,
          reason: result.error.code,
        });
        // A checksum failure means this reply is lost; garbage or truncation may precede it.
        if (result.error.code === 'CHECKSUM') this.#failPending(error);
        else pending.framingError ??= error;
        continue;
      }
      const reply = parseSamReply(result.value);
      this.#pending = null;
      clearTimeout(pending.timer);
      if (reply.ok) {
        pending.resolve(reply.value);
      } else {
        pending.reject(
          new IdCardReaderError('BAD_REPLY', reply.error.message, {
            command: pending.command,
            reason: reply.error.code,
          }),
        );
      }
    }
  }

  #failPending(error: IdCardReaderError): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = null;
    clearTimeout(pending.timer);
    pending.reject(error);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
      this.#sleepTimer = setTimeout(() => {
        this.#sleepTimer = null;
        this.#wake = null;
        resolve();
      }, ms);
    });
  }

  #cancelSleep(): void {
    if (this.#sleepTimer) clearTimeout(this.#sleepTimer);
    this.#sleepTimer = null;
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }

  #report(error: unknown): void {
    const typed =
      error instanceof IdCardReaderError ? error : IdCardReaderError.deviceUnavailable(error);
    const key = `${typed.code}:${String(typed.details.sw3 ?? typed.details.reason ?? '')}`;
    if (key === this.#lastErrorKey) return;
    this.#lastErrorKey = key;
    this.#emitError(typed);
  }

  #emitError(error: IdCardReaderError): void {
    this.#logger.warn({ code: error.code, details: error.details }, error.message);
    this.safeEmit(IdCardReaderEvent.Error, error);
  }

  #setState(state: IdCardReaderState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.safeEmit(IdCardReaderEvent.StateChanged, state);
  }
}
