/** SW3 status byte of a SAM V reply (GA 467). */
export enum SamStatus {
  Ok = 0x90,
  CardFound = 0x9f,
  NoContent = 0x91,
  ChecksumError = 0x10,
  LengthError = 0x11,
  BadCommand = 0x21,
  NotAuthorized = 0x23,
  UnrecognizedError = 0x24,
  CardFailedToAuthenticateSam = 0x31,
  SamFailedToAuthenticateCard = 0x32,
  VerificationError = 0x33,
  UnknownCardType = 0x40,
  ReadFailed = 0x41,
  RandomNumberFailure = 0x47,
  SelfTestFailed = 0x60,
  SamNotAuthorized = 0x66,
  FindCardFailed = 0x80,
  SelectCardFailed = 0x81,
}

export interface SamStatusInfo {
  sw3: number;
  /** Stable identifier, e.g. `readFailed`; `unknown` for bytes outside the table. */
  key: string;
  en: string;
  zh: string;
}

const TABLE: Record<number, Omit<SamStatusInfo, 'sw3'>> = {
  [SamStatus.Ok]: { key: 'ok', en: 'OK', zh: '操作成功' },
  [SamStatus.CardFound]: { key: 'cardFound', en: 'Card found', zh: '寻找证/卡成功' },
  [SamStatus.NoContent]: {
    key: 'noContent',
    en: 'No content for this item',
    zh: '证/卡中此项无内容',
  },
  [SamStatus.ChecksumError]: {
    key: 'checksumError',
    en: 'Checksum error',
    zh: '接收业务终端数据的校验和错',
  },
  [SamStatus.LengthError]: {
    key: 'lengthError',
    en: 'Length error',
    zh: '接收业务终端数据的长度错',
  },
  [SamStatus.BadCommand]: { key: 'badCommand', en: 'Bad command', zh: '接收业务终端的命令错误' },
  [SamStatus.NotAuthorized]: { key: 'notAuthorized', en: 'Not authorized', zh: '越权操作' },
  [SamStatus.UnrecognizedError]: {
    key: 'unrecognizedError',
    en: 'Unrecognized error',
    zh: '无法识别的错误',
  },
  [SamStatus.CardFailedToAuthenticateSam]: {
    key: 'cardFailedToAuthenticateSam',
    en: 'Card failed to authenticate the SAM',
    zh: '证/卡认证机具失败',
  },
  [SamStatus.SamFailedToAuthenticateCard]: {
    key: 'samFailedToAuthenticateCard',
    en: 'SAM failed to authenticate the card',
    zh: '机具认证证/卡失败',
  },
  [SamStatus.VerificationError]: {
    key: 'verificationError',
    en: 'Verification error',
    zh: '信息验证错误',
  },
  [SamStatus.UnknownCardType]: {
    key: 'unknownCardType',
    en: 'Unknown card type',
    zh: '无法识别的证/卡类型',
  },
  [SamStatus.ReadFailed]: { key: 'readFailed', en: 'Read failed', zh: '读证/卡操作失败' },
  [SamStatus.RandomNumberFailure]: {
    key: 'randomNumberFailure',
    en: 'Random number failure',
    zh: '取随机数失败',
  },
  [SamStatus.SelfTestFailed]: {
    key: 'selfTestFailed',
    en: 'SAM self-test failed',
    zh: 'SAM自检失败',
  },
  [SamStatus.SamNotAuthorized]: {
    key: 'samNotAuthorized',
    en: 'SAM not authorized',
    zh: 'SAM未经授权',
  },
  [SamStatus.FindCardFailed]: {
    key: 'findCardFailed',
    en: 'Find card failed (no card)',
    zh: '寻找证/卡失败',
  },
  [SamStatus.SelectCardFailed]: {
    key: 'selectCardFailed',
    en: 'Select card failed',
    zh: '选取证/卡失败',
  },
};

export function samStatusInfo(sw3: number): SamStatusInfo {
  const entry = TABLE[sw3];
  if (entry) return { sw3, ...entry };
  return {
    sw3,
    key: 'unknown',
    en: `Unknown status 0x${sw3.toString(16).padStart(2, '0')}`,
    zh: '未知状态',
  };
}

export const KNOWN_SAM_STATUSES: readonly number[] = Object.keys(TABLE).map(Number);
