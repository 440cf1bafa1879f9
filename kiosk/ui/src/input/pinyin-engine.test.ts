import { beforeAll, describe, expect, it } from 'vitest';
import { buildPinyinDictionary } from '../../scripts/pinyin-dictionary.ts';
import { normalizePinyin, paginate, PinyinEngine } from './pinyin-engine.ts';
import { PinyinLexicon } from './pinyin-lexicon.ts';

/** A small dictionary in the build's format: most frequent first. */
const FIXTURE = [
  '的de|di',
  '是shi',
  "这个zhe'ge",
  // read with each character's first reading, so no pinyin of its own
  '中国',
  "银行yin'hang",
  '中zhong',
  '先xian',
  '现xian',
  '想xiang',
  '西xi',
  '国guo',
  '个ge',
  '这zhe',
  "战国zhan'guo",
  "方案fang'an",
  "西安xi'an",
  "反感fan'gan",
  '人ren',
  "中国人zhong'guo'ren",
  "广州guang'zhou",
  "共和国gong'he'guo",
  "中华zhong'hua",
  "人民ren'min",
  '番fan|pan',
  '禺yu',
  '区qu|ou',
  '安an',
  '方fang',
  '反fan',
  '感gan',
  '案an',
  '华hua',
  '民min',
  '共gong',
  '和he|huo',
  '银yin',
  '行xing|hang',
].join('\n');

const engine = new PinyinEngine(PinyinLexicon.parse(FIXTURE));
const texts = (input: string, vocabulary?: string[]) =>
  engine.candidates(input, vocabulary).map((c) => c.text);

describe('PinyinEngine', () => {
  it('full pinyin: zhongguo → 中国 first', () => {
    expect(texts('zhongguo')[0]).toBe('中国');
  });

  it('abbreviated pinyin: zg → 中国, 这个, 战国 by initials', () => {
    const zg = texts('zg');
    expect(zg.slice(0, 3)).toEqual(['这个', '中国', '战国']);
  });

  it('mixed pinyin: zhongg → 中国 (a whole syllable, then an initial)', () => {
    expect(texts('zhongg')[0]).toBe('中国');
    expect(texts('zhongg')).not.toContain('这个');
  });

  it('ranks by frequency: the more common word first for the same pinyin', () => {
    expect(texts('xian').slice(0, 2)).toEqual(['先', '现']);
    expect(texts('fangan').slice(0, 2)).toEqual(['方案', '反感']);
  });

  it("segments syllables: xian is one syllable first, xi'an forces two", () => {
    expect(texts('xian')[0]).toBe('先');
    expect(texts('xian')).toContain('西安');
    expect(texts("xi'an")[0]).toBe('西安');
    expect(texts("xi'an")).not.toContain('先');
    expect(engine.display('zhongg')).toBe("zhong'g");
    expect(engine.display("xi'an")).toBe("xi'an");
  });

  it('offers words for the beginning after whole matches, and says how much they cover', () => {
    const all = engine.candidates('zhongguoren');
    expect(all[0]).toEqual({ text: '中国人', consumed: 11, vocabulary: false });
    const zhongguo = all.find((c) => c.text === '中国');
    expect(zhongguo?.consumed).toBe(8);
    expect(all.findIndex((c) => c.text === '中国')).toBeGreaterThan(0);
  });

  it('composes a sentence of several words when no one word covers the input', () => {
    expect(texts('zhonghuarenmingongheguo')[0]).toBe('中华人民共和国');
  });

  it('ranks the field vocabulary first, even for words the dictionary lacks', () => {
    expect(texts('pyq', ['番禺区'])[0]).toBe('番禺区');
    expect(texts('fanyuqu', ['番禺区'])[0]).toBe('番禺区');
    expect(texts('zg', ['战国'])[0]).toBe('战国');
    const vocab = engine.candidates('zg', ['战国'])[0];
    expect(vocab?.vocabulary).toBe(true);
  });

  it('reads a word without pinyin by its characters, a polyphone word by its own pinyin', () => {
    expect(texts('zhongguo')[0]).toBe('中国');
    expect(texts('yinhang')[0]).toBe('银行');
    expect(texts('hang')).toContain('行');
  });

  it('takes only what the keys can type and reads ü as v', () => {
    expect(normalizePinyin('Lü Xing 1')).toBe('lvxing');
    expect(texts('iii')).toEqual([]);
    expect(texts('')).toEqual([]);
  });

  it('pages candidates so that each page fits the bar', () => {
    const all = engine.candidates('zg');
    expect(all.length).toBeGreaterThan(3);
    // each two-character word weighs 4, a single character 3
    const pages = paginate(all, 8);
    expect(pages.flat()).toEqual(all);
    expect(pages[0]).toEqual(all.slice(0, 2));
    for (const page of pages) {
      const weight = page.reduce((w, c) => w + [...c.text].length + 2, 0);
      expect(page.length === 1 || weight <= 8).toBe(true);
    }
    expect(paginate([], 8)).toEqual([]);
    // a candidate longer than the budget still gets a page of its own
    expect(paginate([{ text: '中华人民共和国', consumed: 1, vocabulary: false }], 4)).toHaveLength(
      1,
    );
  });
});

describe('the built dictionary', () => {
  let real: PinyinEngine;
  // building it reads jieba's 8 MB list and asks pinyin-pro about 60,000 words
  beforeAll(() => {
    real = new PinyinEngine(PinyinLexicon.parse(buildPinyinDictionary()));
  }, 120_000);

  it('has phrases ranked by jieba frequency, and every common character', () => {
    expect(real.candidates('zhongguo')[0]?.text).toBe('中国');
    expect(real.candidates('zg')[0]?.text).toBe('中国');
    expect(real.candidates('zhongg')[0]?.text).toBe('中国');
    expect(real.candidates('shenfenzheng')[0]?.text).toBe('身份证');
    expect(real.candidates('guangzhou')[0]?.text).toBe('广州');
    expect(real.candidates('yinhang')[0]?.text).toBe('银行');
    expect(real.candidates('chongqing')[0]?.text).toBe('重庆');
    expect(real.candidates('de')[0]?.text).toBe('的');
    expect(real.candidates('lv').map((c) => c.text)).toContain('绿');
    // 通用规范汉字表 level 1 characters that are rare in running text are still there
    for (const [py, ch] of [
      ['yu', '禺'],
      ['xi', '犀'],
      ['qiu', '丘'],
    ] as const) {
      expect(real.candidates(py).map((c) => c.text)).toContain(ch);
    }
    // simplified only: jieba's traditional duplicates are dropped
    expect(real.candidates('zhongguo').map((c) => c.text)).not.toContain('中國');
  });
});
