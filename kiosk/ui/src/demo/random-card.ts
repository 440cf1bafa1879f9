import { idNumberCheckChar } from '@onething/contract/identity/id-number';
import type { IdentityCardData } from '@onething/contract/identity/identity-card';

/** Region codes of real prefectures, so simulated cards look like real ones to the server. */
const REGIONS = ['110101', '310104', '440113', '330106', '510107', '420106'] as const;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'] as const;
const GIVEN = ['小明', '丽华', '建国', '晓燕', '志强', '静', '伟', '芳'] as const;

function pickOne<T>(list: readonly T[], rng: () => number): T {
  return list[Math.floor(rng() * list.length) % list.length] as T;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * A made-up but internally valid resident card for the demo simulator: the ID number has a
 * correct GB 11643 check character, birth date and gender agree with it, and it is in date.
 */
export function randomValidCard(
  rng: () => number = Math.random,
  today = new Date(),
): IdentityCardData {
  const year = today.getUTCFullYear() - 20 - Math.floor(rng() * 60);
  const month = 1 + Math.floor(rng() * 12);
  const day = 1 + Math.floor(rng() * 28);
  const seq = Math.floor(rng() * 1000);
  const region = pickOne(REGIONS, rng);
  const first17 = `${region}${year}${pad(month, 2)}${pad(day, 2)}${pad(seq, 3)}`;
  const idNumber = `${first17}${idNumberCheckChar(first17)}`;
  const validFromYear = today.getUTCFullYear() - 1 - Math.floor(rng() * 5);
  const birthDate = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
  return {
    cardType: 'resident',
    name: `${pickOne(SURNAMES, rng)}${pickOne(GIVEN, rng)}`,
    gender: seq % 2 === 1 ? 'male' : 'female',
    nation: { code: '01', name: '汉' },
    birthDate,
    address: '演示市演示区示例路 1 号',
    idNumber,
    issuer: '演示市公安局演示分局',
    validFrom: `${validFromYear}-${pad(month, 2)}-${pad(day, 2)}`,
    validTo: `${validFromYear + 20}-${pad(month, 2)}-${pad(day, 2)}`,
  };
}
