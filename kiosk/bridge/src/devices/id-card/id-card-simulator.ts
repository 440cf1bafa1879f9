import { idNumberFacts } from '@onething/contract/identity/id-number';
import type { SimulatedDevicePort } from '../../transport/simulator-transport.ts';
import { MiaxisHidWrapper, splitIntoReports, wrapSamFrame } from './hid-wrapper.ts';
import {
  buildBaseInfoData,
  buildSamReply,
  FINGERPRINT_LENGTH,
  PHOTO_LENGTH,
  parseSamCommand,
  type SamCommandName,
} from './sam-frame.ts';
import { SamFrameStream } from './sam-frame-stream.ts';
import type { SamFraming } from './sam-framing.ts';
import { SamStatus } from './sam-status.ts';
import { encodeTextBlock, type IdentityCard } from './text-block.ts';

/** A person to put on a simulated card; omitted fields get plausible values. */
export type SimulatedPerson = Partial<IdentityCard> & Pick<IdentityCard, 'name' | 'idNumber'>;

/** Raw card contents, for cards whose text block is deliberately broken. */
export interface RawCard {
  textBlock: Uint8Array;
  photo?: Uint8Array;
}

/**
 * What the next reply to a command should suffer:
 * - samChecksum / reportChecksum: flip the SAM CHK byte / the wrapper SUM16
 * - truncated: send only the first part of the reply
 * - interleaved: interleave the reply's reports with another reply's
 * - garbage: a report of noise before the (good) reply
 * - silent: no reply at all
 * - { status }: a reply with this SW3 and no data
 */
export type ReplyFault =
  | 'samChecksum'
  | 'reportChecksum'
  | 'truncated'
  | 'interleaved'
  | 'garbage'
  | 'silent'
  | { status: number };

export type SimulatedCardState = 'absent' | 'present' | 'read';

export interface IdCardSimulatorOptions {
  framing?: 'miaxis-hid' | 'serial';
}

/**
 * A byte-exact ID card reader behind a simulated port: it decodes the host's wrapped SAM
 * commands and answers as a SAM V module would. A card that has been read stays "halted" (find
 * fails) until it leaves the field; select keeps succeeding while it is in the field, which is
 * how the driver notices removal.
 */
export class IdCardReaderSimulator {
  readonly #port: SimulatedDevicePort;
  readonly #framing: SamFraming;
  readonly #faults: { command: SamCommandName | 'any'; fault: ReplyFault }[] = [];
  #card: { text: Uint8Array; photo: Uint8Array } | null = null;
  #cardState: SimulatedCardState = 'absent';
  #selected = false;
  #selfTestFailed = false;
  /** Every command received, in order, with the (possibly fake) clock time. */
  readonly received: { name: SamCommandName | 'unknown'; at: number }[] = [];

  constructor(port: SimulatedDevicePort, options: IdCardSimulatorOptions = {}) {
    this.#port = port;
    this.#framing = options.framing === 'serial' ? new SamFrameStream() : new MiaxisHidWrapper();
    port.on('write', (bytes) => this.#onWrite(bytes));
  }

  get cardState(): SimulatedCardState {
    return this.#cardState;
  }

  insertCard(card: SimulatedPerson | RawCard): void {
    if ('textBlock' in card) {
      this.#card = { text: card.textBlock, photo: card.photo ?? dummyPhoto('raw') };
    } else {
      const full = completePerson(card);
      this.#card = { text: encodeTextBlock(full), photo: dummyPhoto(full.idNumber) };
    }
    this.#cardState = 'present';
    this.#selected = false;
  }

  removeCard(): void {
    this.#card = null;
    this.#cardState = 'absent';
    this.#selected = false;
  }

  setSelfTestFailed(failed: boolean): void {
    this.#selfTestFailed = failed;
  }

  /** Queues a fault for the next reply to `command` (or to any command). */
  failNext(command: SamCommandName | 'any', fault: ReplyFault): void {
    this.#faults.push({ command, fault });
  }

  unplug(): void {
    this.#port.unplug();
  }

  replug(): void {
    this.#framing.reset();
    this.#port.replug();
  }

  #onWrite(bytes: Uint8Array): void {
    for (const result of this.#framing.push(bytes)) {
      if (!result.ok) continue; // a real SAM ignores what it cannot frame
      const command = parseSamCommand(result.value);
      if (!command.ok) {
        this.#send(
          buildSamReply(
            command.error.code === 'CHECKSUM' ? SamStatus.ChecksumError : SamStatus.LengthError,
          ),
          undefined,
        );
        continue;
      }
      const name = command.value.name ?? 'unknown';
      this.received.push({ name, at: Date.now() });
      const faultIndex = this.#faults.findIndex((f) => f.command === 'any' || f.command === name);
      const fault = faultIndex >= 0 ? this.#faults.splice(faultIndex, 1)[0]?.fault : undefined;
      if (fault !== undefined && typeof fault === 'object') {
        this.#send(buildSamReply(fault.status), undefined);
        continue;
      }
      this.#send(this.#answer(name), fault);
    }
  }

  #answer(name: SamCommandName | 'unknown'): Uint8Array {
    switch (name) {
      case 'resetSam':
        return buildSamReply(SamStatus.Ok);
      case 'samStatus':
        return buildSamReply(this.#selfTestFailed ? SamStatus.SelfTestFailed : SamStatus.Ok);
      case 'readSamId':
        return buildSamReply(
          SamStatus.Ok,
          Uint8Array.from({ length: 16 }, (_, i) => i + 1),
        );
      case 'findCard':
        if (this.#selfTestFailed) return buildSamReply(SamStatus.SelfTestFailed);
        this.#selected = false;
        return this.#cardState === 'present'
          ? buildSamReply(SamStatus.CardFound, new Uint8Array(4))
          : buildSamReply(SamStatus.FindCardFailed);
      case 'selectCard':
        if (this.#cardState === 'absent') return buildSamReply(SamStatus.SelectCardFailed);
        this.#selected = true;
        return buildSamReply(SamStatus.Ok, new Uint8Array(8));
      case 'readBaseInfo':
      case 'readWithFingerprint': {
        if (!this.#card || !this.#selected) return buildSamReply(SamStatus.ReadFailed);
        const fingerprint =
          name === 'readWithFingerprint' ? new Uint8Array(FINGERPRINT_LENGTH) : null;
        this.#cardState = 'read';
        return buildSamReply(
          SamStatus.Ok,
          buildBaseInfoData(this.#card.text, this.#card.photo, fingerprint),
        );
      }
      default:
        return buildSamReply(SamStatus.BadCommand);
    }
  }

  #send(reply: Uint8Array, fault: Exclude<ReplyFault, { status: number }> | undefined): void {
    const serial = this.#framing.name === 'serial';
    const frame = Uint8Array.from(reply);
    if (fault === 'samChecksum') frame[frame.length - 1] = (frame.at(-1) as number) ^ 0xff;
    let message = serial ? frame : wrapSamFrame(frame);
    if (fault === 'reportChecksum' && !serial) {
      message = Uint8Array.from(message);
      message[message.length - 1] = (message.at(-1) as number) ^ 0x01;
    }
    if (fault === 'silent') return;
    if (fault === 'truncated') message = message.subarray(0, Math.max(8, message.length >> 1));
    let chunks = serial ? [message] : splitIntoReports(message);
    if (fault === 'garbage') chunks = [new Uint8Array(serial ? 16 : 64).fill(0xa5), ...chunks];
    if (fault === 'interleaved') {
      const other = buildSamReply(SamStatus.Ok);
      const otherChunks = serial ? [other] : splitIntoReports(wrapSamFrame(other));
      chunks = [chunks[0] as Uint8Array, ...otherChunks, ...chunks.slice(1)];
    }
    for (const chunk of chunks) this.#port.send(chunk);
  }
}

/** Fills the fields a test did not care about, consistently with the ID number. */
export function completePerson(person: SimulatedPerson): IdentityCard {
  const facts = /^\d{17}[\dX]$/.test(person.idNumber) ? idNumberFacts(person.idNumber) : null;
  return {
    cardType: person.cardType ?? 'resident',
    name: person.name,
    gender: person.gender ?? facts?.gender ?? 'unknown',
    nation: person.nation === undefined ? { code: '01', name: '汉' } : person.nation,
    birthDate: person.birthDate ?? facts?.birthDate ?? '1990-01-01',
    address: person.address ?? '北京市东城区正义路1号',
    idNumber: person.idNumber,
    issuer: person.issuer ?? '北京市公安局东城分局',
    validFrom: person.validFrom ?? '2020-01-01',
    validTo: person.validTo ?? '2040-01-01',
  };
}

/** Deterministic stand-in for WLT photo data (licensed decoders only; opaque here). */
function dummyPhoto(seed: string): Uint8Array {
  let x = 0x811c9dc5;
  for (const ch of seed) x = Math.imul(x ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const photo = new Uint8Array(PHOTO_LENGTH);
  for (let i = 0; i < photo.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    photo[i] = x >>> 24;
  }
  return photo;
}
