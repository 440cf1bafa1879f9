import { checkIdNumber, idNumberFacts, maskIdNumber } from '@onething/contract/identity/id-number';
import { fail, ok, type Result } from '../coded-error.ts';
import { nationName } from './nations.ts';
import { TEXT_BLOCK_LENGTH } from './sam-frame.ts';
import { TextBlockError } from './text-block-error.ts';

export type Gender = 'unknown' | 'male' | 'female' | 'unspecified';
export type CardType = 'resident' | 'hkMacaoTaiwanResidencePermit' | 'foreignPermanentResident';
export const LONG_TERM = '长期';

/** What a resident ID card says about its holder; dates are YYYY-MM-DD. */
export interface IdentityCard {
  cardType: CardType;
  name: string;
  gender: Gender;
  /** GB 3304 code and printed name; null on residence permits, which leave it blank. */
  nation: { code: string; name: string } | null;
  birthDate: string;
  address: string;
  idNumber: string;
  issuer: string;
  validFrom: string;
  validTo: string | typeof LONG_TERM;
}

/** GB/T 2261.1 gender codes. */
const GENDER_BY_CODE: Readonly<Record<string, Gender>> = {
  '0': 'unknown',
  '1': 'male',
  '2': 'female',
  '9': 'unspecified',
};

/** Card-type flag at byte 248 (unverified; kept here only). */
const CARD_TYPE_OFFSET = 248;
const CARD_TYPE_BY_FLAG: Readonly<Record<string, CardType>> = {
  ' ': 'resident',
  '\u0000': 'resident',
  J: 'hkMacaoTaiwanResidencePermit',
  I: 'foreignPermanentResident',
};

/** [byte offset, byte length] of each UCS-2LE field. */
const LAYOUT = {
  name: [0, 30],
  gender: [30, 2],
  nation: [32, 4],
  birthDate: [36, 16],
  address: [52, 70],
  idNumber: [122, 36],
  issuer: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
} as const satisfies Record<string, readonly [number, number]>;

type FieldName = keyof typeof LAYOUT;

function readField(block: Uint8Array, field: FieldName): string {
  const [offset, length] = LAYOUT[field];
  const value = Buffer.from(block.buffer, block.byteOffset + offset, length).toString('utf16le');
  // Padding is spaces; some readers pad with NUL instead.
  const isPad = (i: number) => value[i] === ' ' || value.charCodeAt(i) === 0;
  let start = 0;
  let end = value.length;
  while (start < end && isPad(start)) start++;
  while (end > start && isPad(end - 1)) end--;
  return value.slice(start, end);
}

/** Control characters or unpaired surrogates mean the bytes are not text. */
function isText(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

function parseDate(value: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) return null;
  const [, y = '', mo = '', d = ''] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (
    date.getUTCFullYear() !== Number(y) ||
    date.getUTCMonth() !== Number(mo) - 1 ||
    date.getUTCDate() !== Number(d)
  ) {
    return null;
  }
  return `${y}-${mo}-${d}`;
}

/**
 * Decodes the 256-byte UCS-2LE text block of a resident ID card (or a Hong Kong/Macao/Taiwan
 * residence permit, which shares the layout). Validates every code, date and the ID number's
 * GB 11643 check character.
 */
export function decodeTextBlock(block: Uint8Array): Result<IdentityCard, TextBlockError> {
  if (block.length !== TEXT_BLOCK_LENGTH) {
    return fail(
      new TextBlockError('LENGTH', `Text block is ${block.length} bytes, expected 256`, {
        length: block.length,
      }),
    );
  }
  const flag = String.fromCharCode(
    (block[CARD_TYPE_OFFSET] as number) | ((block[CARD_TYPE_OFFSET + 1] as number) << 8),
  );
  const cardType = CARD_TYPE_BY_FLAG[flag];
  if (cardType === undefined) {
    return fail(
      new TextBlockError('CARD_TYPE', 'Unknown card-type flag', { flag: flag.charCodeAt(0) }),
    );
  }
  if (cardType === 'foreignPermanentResident') {
    return fail(
      new TextBlockError(
        'CARD_TYPE',
        'Foreign permanent resident cards use a different layout, not supported',
        { cardType },
      ),
    );
  }

  const raw = {} as Record<FieldName, string>;
  for (const field of Object.keys(LAYOUT) as FieldName[]) {
    const value = readField(block, field);
    if (!isText(value)) return fail(TextBlockError.field(field, 'not text'));
    raw[field] = value;
  }

  for (const field of ['name', 'address', 'idNumber', 'issuer'] as const) {
    if (raw[field] === '') return fail(TextBlockError.field(field, 'empty'));
  }

  const gender = GENDER_BY_CODE[raw.gender];
  if (gender === undefined) return fail(TextBlockError.field('gender', 'unknown gender code'));

  let nation: IdentityCard['nation'] = null;
  if (raw.nation !== '' || cardType === 'resident') {
    const name = nationName(raw.nation);
    if (name === undefined) return fail(TextBlockError.field('nation', 'unknown nation code'));
    nation = { code: raw.nation, name };
  }

  const birthDate = parseDate(raw.birthDate);
  if (birthDate === null) return fail(TextBlockError.field('birthDate', 'not a YYYYMMDD date'));
  const validFrom = parseDate(raw.validFrom);
  if (validFrom === null) return fail(TextBlockError.field('validFrom', 'not a YYYYMMDD date'));
  let validTo: string;
  if (raw.validTo === LONG_TERM) {
    validTo = LONG_TERM;
  } else {
    const parsed = parseDate(raw.validTo);
    if (parsed === null) return fail(TextBlockError.field('validTo', 'neither a date nor 长期'));
    if (parsed < validFrom) {
      return fail(new TextBlockError('INCONSISTENT', 'validTo is before validFrom', {}));
    }
    validTo = parsed;
  }

  const problem = checkIdNumber(raw.idNumber);
  if (problem !== null) {
    return fail(
      new TextBlockError('ID_NUMBER', `ID number fails GB 11643 (${problem})`, {
        problem,
        idNumber: maskIdNumber(raw.idNumber),
      }),
    );
  }
  const facts = idNumberFacts(raw.idNumber);
  if (facts.birthDate !== birthDate) {
    return fail(
      new TextBlockError('INCONSISTENT', 'Birth date differs from the one in the ID number', {
        field: 'birthDate',
      }),
    );
  }
  if ((gender === 'male' || gender === 'female') && facts.gender !== gender) {
    return fail(
      new TextBlockError('INCONSISTENT', 'Gender differs from the ID number sequence digit', {
        field: 'gender',
      }),
    );
  }

  return ok({
    cardType,
    name: raw.name,
    gender,
    nation,
    birthDate,
    address: raw.address,
    idNumber: raw.idNumber,
    issuer: raw.issuer,
    validFrom,
    validTo,
  });
}

const FLAG_BY_CARD_TYPE: Readonly<Record<CardType, string>> = {
  resident: ' ',
  hkMacaoTaiwanResidencePermit: 'J',
  foreignPermanentResident: 'I',
};

/**
 * The inverse of decodeTextBlock: builds the exact bytes a card carries. Used by the reader
 * simulator; throws RangeError when a value does not fit its field.
 */
export function encodeTextBlock(card: IdentityCard): Uint8Array {
  const block = Buffer.alloc(TEXT_BLOCK_LENGTH);
  block.fill(Buffer.from(' ', 'utf16le'));
  const genderCode = Object.entries(GENDER_BY_CODE).find(([, g]) => g === card.gender)?.[0] ?? '0';
  const values: Record<FieldName, string> = {
    name: card.name,
    gender: genderCode,
    nation: card.nation?.code ?? '',
    birthDate: card.birthDate.replaceAll('-', ''),
    address: card.address,
    idNumber: card.idNumber,
    issuer: card.issuer,
    validFrom: card.validFrom.replaceAll('-', ''),
    validTo: card.validTo === LONG_TERM ? LONG_TERM : card.validTo.replaceAll('-', ''),
  };
  for (const field of Object.keys(LAYOUT) as FieldName[]) {
    const [offset, length] = LAYOUT[field];
    const bytes = Buffer.from(values[field], 'utf16le');
    if (bytes.length > length) {
      throw new RangeError(`${field} needs ${bytes.length} bytes, the field holds ${length}`);
    }
    bytes.copy(block, offset);
  }
  block.write(FLAG_BY_CARD_TYPE[card.cardType], CARD_TYPE_OFFSET, 'utf16le');
  return new Uint8Array(block.buffer, block.byteOffset, block.length);
}

export type CardValidity = 'valid' | 'expired' | 'notYetValid';

/** Today's calendar date (YYYY-MM-DD) where the terminal stands. */
export function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** A card is valid through its validTo date, inclusive, in the terminal's time zone. */
export function cardValidity(
  card: Pick<IdentityCard, 'validFrom' | 'validTo'>,
  now: Date,
  timeZone = 'Asia/Shanghai',
): CardValidity {
  const today = localDate(now, timeZone);
  if (today < card.validFrom) return 'notYetValid';
  if (card.validTo !== LONG_TERM && today > card.validTo) return 'expired';
  return 'valid';
}
