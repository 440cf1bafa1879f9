import { CodedError } from '../coded-error.ts';

export type TextBlockErrorCode =
  /** The block is not 256 bytes. */
  | 'LENGTH'
  /** A field is empty, malformed or holds an unknown code; details.field names it. */
  | 'FIELD'
  /** The ID number fails GB 11643 (details.problem: format | birthDate | checksum). */
  | 'ID_NUMBER'
  /** Fields contradict each other (birth date vs ID number, validity order). */
  | 'INCONSISTENT'
  /** The card-type flag is unknown or its layout is not supported. */
  | 'CARD_TYPE';

/** Details carry field names and masked values only, never the personal data itself. */
export class TextBlockError extends CodedError<TextBlockErrorCode> {
  override readonly name = 'TextBlockError';

  static field(field: string, reason: string): TextBlockError {
    return new TextBlockError('FIELD', `Field ${field}: ${reason}`, { field, reason });
  }
}
