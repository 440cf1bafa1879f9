/**
 * The 56 ethnic groups of GB/T 3304-1991 《中国各民族名称的罗马字母拼写和代码》: the numeric
 * code, the two-letter code, the Chinese name and the romanised name the standard gives. A
 * 民族 answer is the name as the resident ID card prints it (the Chinese name without 族, e.g.
 * 汉, 蒙古), so a value read from the card and one picked at the kiosk are the same.
 */
export interface EthnicGroup {
  /** Numeric code, 01–56. */
  code: string;
  /** Two-letter code. */
  letters: string;
  /** Chinese name as the standard writes it, e.g. 汉族. */
  name: string;
  /** Romanised name of the standard, e.g. Han. */
  roman: string;
}

const TABLE: readonly (readonly [string, string, string])[] = [
  ['HA', '汉族', 'Han'],
  ['MG', '蒙古族', 'Mongol'],
  ['HU', '回族', 'Hui'],
  ['ZA', '藏族', 'Zang'],
  ['UG', '维吾尔族', 'Uygur'],
  ['MH', '苗族', 'Miao'],
  ['YI', '彝族', 'Yi'],
  ['ZH', '壮族', 'Zhuang'],
  ['BY', '布依族', 'Buyei'],
  ['CS', '朝鲜族', 'Chosen'],
  ['MA', '满族', 'Man'],
  ['DO', '侗族', 'Dong'],
  ['YA', '瑶族', 'Yao'],
  ['BA', '白族', 'Bai'],
  ['TJ', '土家族', 'Tujia'],
  ['HN', '哈尼族', 'Hani'],
  ['KZ', '哈萨克族', 'Kazak'],
  ['DA', '傣族', 'Dai'],
  ['LI', '黎族', 'Li'],
  ['LS', '傈僳族', 'Lisu'],
  ['VA', '佤族', 'Va'],
  ['SH', '畲族', 'She'],
  ['GS', '高山族', 'Gaoshan'],
  ['LH', '拉祜族', 'Lahu'],
  ['SU', '水族', 'Sui'],
  ['DX', '东乡族', 'Dongxiang'],
  ['NX', '纳西族', 'Naxi'],
  ['JP', '景颇族', 'Jingpo'],
  ['KG', '柯尔克孜族', 'Kirgiz'],
  ['TU', '土族', 'Tu'],
  ['DU', '达斡尔族', 'Daur'],
  ['ML', '仫佬族', 'Mulao'],
  ['QI', '羌族', 'Qiang'],
  ['BL', '布朗族', 'Blang'],
  ['SL', '撒拉族', 'Salar'],
  ['MN', '毛南族', 'Maonan'],
  ['GL', '仡佬族', 'Gelao'],
  ['XB', '锡伯族', 'Xibe'],
  ['AC', '阿昌族', 'Achang'],
  ['PM', '普米族', 'Pumi'],
  ['TA', '塔吉克族', 'Tajik'],
  ['NU', '怒族', 'Nu'],
  ['UZ', '乌孜别克族', 'Uzbek'],
  ['RS', '俄罗斯族', 'Russ'],
  ['EW', '鄂温克族', 'Ewenki'],
  ['DE', '德昂族', 'Deang'],
  ['BN', '保安族', 'Bonan'],
  ['YG', '裕固族', 'Yugur'],
  ['GI', '京族', 'Gin'],
  ['TT', '塔塔尔族', 'Tatar'],
  ['DR', '独龙族', 'Derung'],
  ['OR', '鄂伦春族', 'Oroqen'],
  ['HZ', '赫哲族', 'Hezhen'],
  ['MB', '门巴族', 'Monba'],
  ['LB', '珞巴族', 'Lhoba'],
  ['JN', '基诺族', 'Jino'],
];

export const ETHNIC_GROUPS: readonly EthnicGroup[] = TABLE.map(([letters, name, roman], i) => ({
  code: String(i + 1).padStart(2, '0'),
  letters,
  name,
  roman,
}));

/** The answer value of a group: its name as the ID card prints it (汉族 → 汉). */
export function ethnicValue(group: EthnicGroup): string {
  return group.name.replace(/族$/u, '');
}

const BY_VALUE = new Map(ETHNIC_GROUPS.map((g) => [ethnicValue(g), g]));

/** The group an answer names; the full name (汉族) is accepted as well as the card's (汉). */
export function findEthnicGroup(value: string): EthnicGroup | undefined {
  const v = value.trim();
  return BY_VALUE.get(v) ?? BY_VALUE.get(v.replace(/族$/u, ''));
}
