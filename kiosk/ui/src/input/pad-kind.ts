/**
 * Which on-screen pad a field opens, from its standard `inputmode` and type plus the kiosk's own
 * `data-pad` attribute (the form sets it by the catalogue's field type). Shared with the form
 * code: `data-pad` values are exactly the PadKind names.
 */
export const PAD_KINDS = ['chinese', 'numeric', 'id-number', 'phone', 'uscc', 'none'] as const;

/**
 * - `chinese`: pinyin, letters and digits (text, addresses);
 * - `numeric`: digits, with a decimal point when `inputmode="decimal"` (numbers, amounts);
 * - `id-number`: digits and X (居民身份证号码);
 * - `phone`: digits;
 * - `uscc`: digits and the capitals a 统一社会信用代码 uses;
 * - `none`: no keyboard (pickers, dates, buttons, read-only fields).
 */
export type PadKind = (typeof PAD_KINDS)[number];

/** Input types that take typed text; the rest are pickers or buttons. */
const TYPED = new Set(['text', 'search', 'tel', 'number', 'email', 'url', 'password']);

export function isPadKind(value: string | undefined): value is PadKind {
  return (PAD_KINDS as readonly string[]).includes(value ?? '');
}

/** What padForInput reads: attributes only, which every property it cares about reflects. */
export type PadSource = Pick<Element, 'tagName' | 'getAttribute' | 'hasAttribute'>;

export function padForInput(el: PadSource): PadKind {
  const tag = el.tagName.toLowerCase();
  if (tag !== 'input' && tag !== 'textarea') return 'none';
  if (el.hasAttribute('readonly') || el.hasAttribute('disabled')) return 'none';
  const type = tag === 'input' ? (el.getAttribute('type') ?? 'text').toLowerCase() : 'textarea';
  if (tag === 'input' && !TYPED.has(type)) return 'none';
  const declared = el.getAttribute('data-pad') ?? undefined;
  if (isPadKind(declared)) return declared;
  switch (el.getAttribute('inputmode')?.toLowerCase()) {
    case 'none':
      return 'none';
    case 'tel':
      return 'phone';
    case 'numeric':
    case 'decimal':
      return type === 'tel' ? 'phone' : 'numeric';
  }
  if (type === 'tel') return 'phone';
  if (type === 'number') return 'numeric';
  return 'chinese';
}
