import { readFile } from 'node:fs/promises';
import type { BridgeLocalRequests, PaperState } from '@onething/contract/sockets/bridge-local';
import { AppError } from '@onething/contract/errors';
import type { RequestOf, ResponseOf } from '@onething/contract/wire/contract';
import { idNumberCheckChar, idNumberFacts } from '@onething/contract/identity/id-number';
import { parse } from 'yaml';
import { z } from 'zod';
import { NATIONS } from '../devices/id-card/nations.ts';
import { TEXT_BLOCK_LENGTH } from '../devices/id-card/sam-frame.ts';
import {
  encodeTextBlock,
  type IdentityCard,
  LONG_TERM,
  localDate,
} from '../devices/id-card/text-block.ts';
import type { ReceiptPrinter } from '../devices/receipt-printer/receipt-printer.ts';
import type { DeviceSimulators } from './hardware.ts';

type Requests = typeof BridgeLocalRequests;
type PlaceCard = RequestOf<Requests, 'sim:placeCard'>;

/** The fields of people.yaml the card needs (the dataset has more). */
const DemoPerson = z.object({
  idNumber: z.union([z.string(), z.number()]).transform(String),
  name: z.string().min(1),
  ethnicity: z.string().min(1),
  cardAddress: z.string().min(1),
});
type DemoPerson = z.infer<typeof DemoPerson>;
const PeopleFile = z.object({ people: z.array(DemoPerson) });

export interface DeviceSimulationOptions {
  /** people.yaml of the demo dataset; null when there is none. */
  peopleFile: string | null;
  clock?: () => Date;
  timeZone?: string;
}

/**
 * Demo-mode controls behind the sim:* requests: put a demo resident's card (or a damaged one)
 * on the simulated reader, take it away, scan a code, and change the receipt printer's paper.
 */
export class DeviceSimulation {
  readonly #sims: DeviceSimulators;
  readonly #printer: ReceiptPrinter;
  readonly #peopleFile: string | null;
  readonly #clock: () => Date;
  readonly #timeZone: string;
  #people: Promise<DemoPerson[]> | null = null;

  constructor(sims: DeviceSimulators, printer: ReceiptPrinter, options: DeviceSimulationOptions) {
    this.#sims = sims;
    this.#printer = printer;
    this.#peopleFile = options.peopleFile;
    this.#clock = options.clock ?? (() => new Date());
    this.#timeZone = options.timeZone ?? 'Asia/Shanghai';
  }

  async placeCard(req: PlaceCard): Promise<ResponseOf<Requests, 'sim:placeCard'>> {
    const today = localDate(this.#clock(), this.#timeZone);
    let card: IdentityCard;
    if (req.personId !== undefined) {
      card = { ...cardOf(await this.#person(req.personId), today), ...definedFields(req.card) };
    } else {
      const partial = req.card ?? {};
      for (const field of ['name', 'idNumber'] as const) {
        if (!partial[field]) {
          throw AppError.validation(`card.${field} is needed when no personId is given`, [
            'card',
            field,
          ]);
        }
      }
      const base = cardOf(
        {
          idNumber: partial.idNumber as string,
          name: partial.name as string,
          ethnicity: '汉',
          cardAddress: '广东省广州市番禺区市桥街道滨江路1号',
        },
        today,
      );
      card = { ...base, ...definedFields(partial) };
    }
    if (req.fault === 'badChecksum')
      card = { ...card, idNumber: withWrongCheckChar(card.idNumber) };
    if (req.fault === 'expired') card = { ...card, ...expiredValidity(card, today) };
    let textBlock: Uint8Array;
    try {
      textBlock = encodeTextBlock(card);
    } catch (e) {
      const field = /^(\w+) needs/.exec((e as Error).message)?.[1] ?? 'card';
      throw AppError.validation(`card.${field} is too long for the card`, ['card', field]);
    }
    this.#sims.reader.insertCard({
      textBlock: req.fault === 'unreadable' ? scramble(textBlock) : textBlock,
    });
    return { placed: true };
  }

  removeCard(): ResponseOf<Requests, 'sim:removeCard'> {
    this.#sims.reader.removeCard();
    return { removed: true };
  }

  scan(text: string): ResponseOf<Requests, 'sim:scan'> {
    this.#sims.scanner.scan(text);
    return { sent: true };
  }

  async paper(req: RequestOf<Requests, 'sim:paper'>): Promise<ResponseOf<Requests, 'sim:paper'>> {
    const printer = this.#sims.printer;
    if (req.paper === 'ok') printer.loadPaper();
    else if (req.paper === 'near_end') {
      printer.setPaperOut(false);
      printer.setPaperNearEnd(true);
    } else printer.setPaperOut(true);
    if (req.coverOpen !== undefined) printer.setCoverOpen(req.coverOpen);
    // Read it back through the driver, so the device snapshot follows at once.
    let paper: PaperState = 'unknown';
    try {
      const status = await this.#printer.queryStatus();
      paper = status.paperOut ? 'out' : status.paperNearEnd ? 'near_end' : 'ok';
    } catch {
      // disconnected: the state stays unknown
    }
    return { paper };
  }

  async #person(personId: string): Promise<DemoPerson> {
    const people = await this.#loadPeople();
    const id = personId.trim().toUpperCase();
    const person = people.find(
      (p) => p.idNumber.toUpperCase() === id || p.name === personId.trim(),
    );
    if (!person) throw new AppError('NOT_FOUND', 'no demo person with this id or name');
    return person;
  }

  #loadPeople(): Promise<DemoPerson[]> {
    const file = this.#peopleFile;
    if (!file) {
      return Promise.reject(
        new AppError('NOT_FOUND', 'no demo people file: set BRIDGE_DEMO_PEOPLE to people.yaml'),
      );
    }
    this.#people ??= readFile(file, 'utf8')
      .then((text) => PeopleFile.parse(parse(text)).people)
      .catch((e: unknown) => {
        this.#people = null;
        const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : 'not valid';
        throw new AppError('NOT_FOUND', `demo people file ${file} ${reason}`);
      });
    return this.#people;
  }
}

/** A card as the ID card office would have issued it to this person. */
function cardOf(person: DemoPerson, today: string): IdentityCard {
  const facts = /^\d{17}[\dX]$/.test(person.idNumber)
    ? idNumberFacts(person.idNumber)
    : { birthDate: '1990-01-01', gender: 'unknown' as const };
  const nationName = person.ethnicity.replace(/族$/, '');
  const code = Object.entries(NATIONS).find(([, n]) => n === nationName)?.[0] ?? '97';
  return {
    cardType: 'resident',
    name: person.name,
    gender: facts.gender,
    nation: { code, name: NATIONS[code] as string },
    birthDate: facts.birthDate,
    address: person.cardAddress,
    idNumber: person.idNumber,
    issuer: issuerOf(person.cardAddress),
    ...validity(person.idNumber, facts.birthDate, today),
  };
}

/** 广东省广州市番禺区… → 广州市公安局番禺分局; 某某市某某县… → 某某县公安局. */
export function issuerOf(address: string): string {
  const m = /^(?:.{2,7}?省)?(.{2,6}?市)(.{1,5}?)([区县])/.exec(address);
  if (!m) return '广州市公安局番禺分局';
  const [, city = '', district = '', kind = ''] = m;
  return kind === '区' ? `${city}公安局${district}分局` : `${city}${district}县公安局`;
}

/** GA rules: under 16 five years, 16-25 ten, 26-45 twenty, from 46 long-term. */
function termYears(birthDate: string, issuedOn: string): number | null {
  const age = ageOn(birthDate, issuedOn);
  if (age < 16) return 5;
  if (age < 26) return 10;
  if (age < 46) return 20;
  return null;
}

/** A currently valid card, issued some (deterministic) months ago. */
function validity(idNumber: string, birthDate: string, today: string) {
  const daysAgo = 30 + (seedOf(idNumber) % (4 * 365));
  let validFrom = addDays(today, -daysAgo);
  if (validFrom < birthDate) validFrom = birthDate;
  const term = termYears(birthDate, validFrom);
  return { validFrom, validTo: term === null ? LONG_TERM : addYears(validFrom, term) };
}

/** A card that ran out some weeks ago (issued before the holder turned 46). */
function expiredValidity(card: IdentityCard, today: string) {
  const validTo = addDays(today, -(30 + (seedOf(card.idNumber) % 300)));
  let term = 20;
  for (const years of [5, 10, 20]) {
    const from = addYears(validTo, -years);
    if (termYears(card.birthDate, from) === years) {
      term = years;
      break;
    }
  }
  let validFrom = addYears(validTo, -term);
  if (validFrom < card.birthDate) validFrom = card.birthDate;
  return { validFrom, validTo };
}

function withWrongCheckChar(idNumber: string): string {
  const first17 = idNumber.slice(0, 17);
  const right = /^\d{17}$/.test(first17) ? idNumberCheckChar(first17) : (idNumber[17] ?? '0');
  return `${first17}${right === '0' ? '1' : '0'}`;
}

/** A text block the reader reads but cannot decode (as a damaged card chip gives). */
function scramble(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(TEXT_BLOCK_LENGTH);
  out.set(block.subarray(0, TEXT_BLOCK_LENGTH));
  for (let i = 30; i < 52; i += 2) {
    out[i] = 0x07;
    out[i + 1] = 0x00;
  }
  return out;
}

function definedFields<T extends object>(partial: T | undefined): Partial<T> {
  if (!partial) return {};
  return Object.fromEntries(
    Object.entries(partial).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

function seedOf(text: string): number {
  let x = 0x811c9dc5;
  for (const ch of text) x = Math.imul(x ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return x;
}

function toUtc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const d = toUtc(day);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

function addYears(day: string, years: number): string {
  const d = toUtc(day);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return iso(d);
}

function ageOn(birthDate: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return day.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
