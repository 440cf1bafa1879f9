/**
 * Masking of personal data for logs and for roles that may not see it. Keys are matched by
 * name (case-insensitive, any nesting) and free text is scanned for ID and phone numbers, so a
 * value that slipped into a message string is masked too.
 */
const PERSONAL_KEYS = new Set(
  [
    'name',
    'fullName',
    'citizenName',
    'applicantName',
    'idNumber',
    'idNo',
    'address',
    'phone',
    'mobile',
    'photo',
    'birthDate',
    'password',
    'passwordHash',
    'secondFactor',
    'last4',
    'token',
    'cookie',
    'authorization',
  ].map((k) => k.toLowerCase()),
);

const ID_RE = /(?<!\d)(\d{6})(\d{8})(\d{3}[\dXx])(?!\d)/g;
const PHONE_RE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

/**
 * Common surnames (the most frequent ~90 single ones and the compound ones). Surnames that
 * mostly begin everyday words (于, 万, 方, 任, 程, 严, 向) are left out: masking 方式 or 任务 in
 * every log line would cost more than it protects.
 */
const SURNAMES_SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱覃武戴莫孔汤';
const SURNAMES_COMPOUND = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '令狐',
  '慕容',
  '尉迟',
  '公孙',
];
/** Where a name in free text stands alone: text edge, space, punctuation, a digit or Latin. */
const EDGE = String.raw`[\s\p{P}\p{S}0-9A-Za-z]`;
const NAME_RE = new RegExp(
  String.raw`(?<=^|${EDGE})(${SURNAMES_COMPOUND.join('|')}|[${SURNAMES_SINGLE}])(\p{Script=Han}{1,2})(?=$|${EDGE})`,
  'gu',
);

/**
 * Free text as it may be logged or audited: ID and mobile numbers masked, and a personal name
 * standing on its own ("读到 林晓雯 …", "申请人：张三，") reduced to its surname (林**). A name
 * run into other Chinese text is not recognised; keys named like a name are masked whole by
 * maskPersonal.
 */
export function maskText(text: string): string {
  return text
    .replace(ID_RE, (_m, a: string) => `${a.slice(0, 3)}***********`)
    .replace(PHONE_RE, (_m, a: string, _b: string, c: string) => `${a}****${c}`)
    .replace(
      NAME_RE,
      (_m, surname: string, given: string) => `${surname}${'*'.repeat([...given].length)}`,
    );
}

export function isPersonalKey(key: string): boolean {
  const k = key.toLowerCase();
  return PERSONAL_KEYS.has(k) || k.endsWith('idnumber');
}

/** Deep copy with personal values replaced; cycles and depth are bounded. */
export function maskPersonal(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[depth]';
  if (typeof value === 'string') return maskText(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: maskText(value.message),
      stack: value.stack && maskText(value.stack),
    };
  }
  if (Array.isArray(value)) return value.map((v) => maskPersonal(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      isPersonalKey(k) && v !== null && v !== undefined ? '[masked]' : maskPersonal(v, depth + 1);
  }
  return out;
}
