import type { Language } from './sockets/kiosk.ts';

/**
 * Province-level names of GB/T 2260 administrative division codes: an agent's region is a
 * 6-digit code, and "440113" tells a citizen nothing while "广东省" does.
 */
const PROVINCES: Record<string, [zh: string, en: string]> = {
  '11': ['北京市', 'Beijing'],
  '12': ['天津市', 'Tianjin'],
  '13': ['河北省', 'Hebei'],
  '14': ['山西省', 'Shanxi'],
  '15': ['内蒙古自治区', 'Inner Mongolia'],
  '21': ['辽宁省', 'Liaoning'],
  '22': ['吉林省', 'Jilin'],
  '23': ['黑龙江省', 'Heilongjiang'],
  '31': ['上海市', 'Shanghai'],
  '32': ['江苏省', 'Jiangsu'],
  '33': ['浙江省', 'Zhejiang'],
  '34': ['安徽省', 'Anhui'],
  '35': ['福建省', 'Fujian'],
  '36': ['江西省', 'Jiangxi'],
  '37': ['山东省', 'Shandong'],
  '41': ['河南省', 'Henan'],
  '42': ['湖北省', 'Hubei'],
  '43': ['湖南省', 'Hunan'],
  '44': ['广东省', 'Guangdong'],
  '45': ['广西壮族自治区', 'Guangxi'],
  '46': ['海南省', 'Hainan'],
  '50': ['重庆市', 'Chongqing'],
  '51': ['四川省', 'Sichuan'],
  '52': ['贵州省', 'Guizhou'],
  '53': ['云南省', 'Yunnan'],
  '54': ['西藏自治区', 'Xizang'],
  '61': ['陕西省', 'Shaanxi'],
  '62': ['甘肃省', 'Gansu'],
  '63': ['青海省', 'Qinghai'],
  '64': ['宁夏回族自治区', 'Ningxia'],
  '65': ['新疆维吾尔自治区', 'Xinjiang'],
  '71': ['台湾省', 'Taiwan'],
  '81': ['香港特别行政区', 'Hong Kong'],
  '82': ['澳门特别行政区', 'Macao'],
};

/** Districts this deployment serves, by full code; others fall back to their province. */
const DISTRICTS: Record<string, [zh: string, en: string]> = {
  '440106': ['广东省广州市天河区', 'Tianhe, Guangzhou, Guangdong'],
  '440113': ['广东省广州市番禺区', 'Panyu, Guangzhou, Guangdong'],
  '510104': ['四川省成都市锦江区', 'Jinjiang, Chengdu, Sichuan'],
};

/** A province's English name (44… → Guangdong), for readers of English beside the Chinese. */
export function provinceEnglishName(code: string): string | undefined {
  return PROVINCES[code.slice(0, 2)]?.[1];
}

/** "广东省广州市番禺区（440113）"; a code that is not a division code is shown as it is. */
export function regionName(code: string, lang: Language): string {
  const p = /^\d{6}$/.test(code) ? (DISTRICTS[code] ?? PROVINCES[code.slice(0, 2)]) : undefined;
  if (!p) return code;
  return lang === 'en' ? `${p[1]} (${code})` : `${p[0]}（${code}）`;
}
