import type { FunctionComponent } from 'preact';
import type { Lang } from '../flow/flow-state.ts';
import type { StringKey } from '../i18n/strings.ts';
import { LazyHandwritingPanel } from './LazyHandwritingPanel.tsx';
import type { PadKind } from './pad-kind.ts';

/** Rows of keys as simple-keyboard reads them: keys split by spaces, `{name}` for functions. */
export interface KeyLayout {
  default: string[];
  /** The shifted rows, when the layout has a shift key. */
  shift?: string[];
}

/** What a mode drawn by its own panel gets (the handwriting panel takes exactly these). */
export interface ModePanelProps {
  onCommit(text: string): void;
  elder: boolean;
  lang: Lang;
}

/**
 * One way of typing on the Chinese pad. Keys modes are drawn by simple-keyboard; a panel mode
 * brings its own component, which commits text through onCommit.
 */
export type KeyboardMode =
  | {
      id: string;
      kind: 'keys';
      label: StringKey;
      layout: KeyLayout;
      /** Letters compose pinyin and pick phrase candidates instead of typing themselves. */
      pinyin: boolean;
    }
  | { id: string; kind: 'panel'; label: StringKey; Panel: FunctionComponent<ModePanelProps> };

export const PINYIN_MODE: KeyboardMode = {
  id: 'pinyin',
  kind: 'keys',
  label: 'kbd.mode.pinyin',
  pinyin: true,
  layout: {
    default: [
      'q w e r t y u i o p',
      'a s d f g h j k l',
      '{sep} z x c v b n m {bksp}',
      '， 、 {space} 。 ？',
    ],
  },
};

export const ABC_MODE: KeyboardMode = {
  id: 'abc',
  kind: 'keys',
  label: 'kbd.mode.abc',
  pinyin: false,
  layout: {
    default: [
      'q w e r t y u i o p',
      'a s d f g h j k l',
      '{shift} z x c v b n m {bksp}',
      '@ - {space} . ,',
    ],
    shift: [
      'Q W E R T Y U I O P',
      'A S D F G H J K L',
      '{shift} Z X C V B N M {bksp}',
      '@ - {space} . ,',
    ],
  },
};

export const NUMBER_MODE: KeyboardMode = {
  id: '123',
  kind: 'keys',
  label: 'kbd.mode.123',
  pinyin: false,
  layout: {
    default: ['1 2 3 4 5 6 7 8 9 0', '- / ( ) # · ： ；', '{space} {bksp}'],
  },
};

/** Keys under a panel mode's own component: what every way of writing needs besides. */
export const PANEL_KEYS: KeyLayout = { default: ['， 。 ？ {space} {bksp}'] };

export const HANDWRITING_MODE: KeyboardMode = {
  id: 'handwriting',
  kind: 'panel',
  label: 'kbd.mode.handwriting',
  Panel: LazyHandwritingPanel,
};

/** The Chinese pad's modes, in the order of the mode switch; the first opens. */
export const CHINESE_MODES: readonly KeyboardMode[] = [
  PINYIN_MODE,
  HANDWRITING_MODE,
  ABC_MODE,
  NUMBER_MODE,
];

/** The single-purpose pads: only the keys such a field accepts. */
export function padLayout(pad: Exclude<PadKind, 'chinese' | 'none'>, decimal: boolean): KeyLayout {
  switch (pad) {
    case 'numeric':
      return { default: ['1 2 3', '4 5 6', '7 8 9', decimal ? '. 0 {bksp}' : '0 {bksp}'] };
    case 'id-number':
      return { default: ['1 2 3', '4 5 6', '7 8 9', 'X 0 {bksp}'] };
    case 'phone':
      return { default: ['1 2 3', '4 5 6', '7 8 9', '- 0 {bksp}'] };
    case 'uscc':
      // 统一社会信用代码 (GB 32100) uses digits and capitals other than I, O, S, V, Z
      return {
        default: ['1 2 3 4 5 6 7 8 9 0', 'A B C D E F G H J K', 'L M N P Q R T U W X', 'Y {bksp}'],
      };
  }
}

/** Names for keys whose face is a symbol; letters and digits are named by their face. */
export const KEY_NAMES: Readonly<Record<string, StringKey>> = {
  '{bksp}': 'kbd.key.backspace',
  '{space}': 'kbd.key.space',
  '{shift}': 'kbd.key.shift',
  '{sep}': 'kbd.key.separator',
  '，': 'kbd.key.comma',
  ',': 'kbd.key.comma',
  '。': 'kbd.key.period',
  '.': 'kbd.key.decimal',
  '、': 'kbd.key.enumeration',
  '？': 'kbd.key.question',
  '·': 'kbd.key.middleDot',
  '-': 'kbd.key.hyphen',
};

/** What function keys show: a symbol and a word, so none depends on knowing the symbol. */
export const KEY_FACES: Readonly<Record<string, { symbol: string; word: StringKey }>> = {
  '{bksp}': { symbol: '⌫', word: 'kbd.key.backspace' },
  '{space}': { symbol: '␣', word: 'kbd.key.space' },
  '{shift}': { symbol: '⇧', word: 'kbd.key.shift' },
  '{sep}': { symbol: "'", word: 'kbd.key.separator' },
};
