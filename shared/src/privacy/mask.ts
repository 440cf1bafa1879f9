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

export function maskText(text: string): string {
  return text
    .replace(ID_RE, (_m, a: string) => `${a.slice(0, 3)}***********`)
    .replace(PHONE_RE, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
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
