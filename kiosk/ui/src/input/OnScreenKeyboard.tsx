import Keyboard from 'simple-keyboard';
import 'simple-keyboard/build/css/index.css';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Lang } from '../flow/flow-state.ts';
import { type StringKey, t } from '../i18n/strings.ts';
import {
  CHINESE_MODES,
  KEY_FACES,
  KEY_NAMES,
  type KeyboardMode,
  type KeyLayout,
  PANEL_KEYS,
  padLayout,
} from './keyboard-modes.ts';
import type { PadKind } from './pad-kind.ts';
import { type Candidate, paginate, type PinyinEngine } from './pinyin-engine.ts';
import { deleteBackward, type TextField, typeInto } from './type-into.ts';
import './keyboard.css';

export interface OnScreenKeyboardProps {
  target: TextField;
  pad: Exclude<PadKind, 'none'>;
  lang: Lang;
  elder: boolean;
  /** Null while the pinyin dictionary is still loading: letters and digits work already. */
  engine: PinyinEngine | null;
  vocabulary: readonly string[];
  onHide(): void;
}

/** How much of a candidate row one page may fill (characters, plus room around each). */
const PAGE_BUDGET = { normal: 30, elder: 22 };
/** Longer pinyin is not a word anyone types in one go. */
const MAX_COMPOSITION = 40;

/**
 * The docked keyboard for one focused field: the pad the field asked for, or for Chinese text
 * a mode switch (pinyin first), the pinyin being typed and its phrase candidates in pages.
 * Keys never take focus from the field (the host keeps it there); what they type reaches the
 * field through input events, so the screen's own state follows.
 */
export function OnScreenKeyboard(props: OnScreenKeyboardProps) {
  const { target, pad, lang, elder, engine, vocabulary, onHide } = props;
  const tr = (key: StringKey, params?: Record<string, string | number>) => t(lang, key, params);
  const modes = pad === 'chinese' ? CHINESE_MODES : [];
  const [modeId, setModeId] = useState(modes[0]?.id ?? '');
  const mode = modes.find((m) => m.id === modeId) ?? modes[0];
  const [shift, setShift] = useState(false);
  const [composition, setComposition] = useState('');
  const [pageIndex, setPageIndex] = useState(0);
  const pinyin = mode?.kind === 'keys' && mode.pinyin;

  const candidates = useMemo<Candidate[]>(
    () => (engine && composition ? engine.candidates(composition, vocabulary) : []),
    [engine, composition, vocabulary],
  );
  const pages = useMemo(
    () => paginate(candidates, elder ? PAGE_BUDGET.elder : PAGE_BUDGET.normal),
    [candidates, elder],
  );
  const page = pages[Math.min(pageIndex, Math.max(0, pages.length - 1))] ?? [];

  const compose = (next: string) => {
    setComposition(next.slice(0, MAX_COMPOSITION));
    setPageIndex(0);
  };
  const choose = (c: Candidate) => {
    typeInto(target, c.text);
    compose(composition.slice(c.consumed).replace(/^'+/, ''));
  };
  /** What is being composed goes in as the first candidate, or as the letters typed. */
  const commitComposition = () => {
    const first = candidates[0];
    if (first && first.consumed === composition.length) choose(first);
    else if (composition) {
      typeInto(target, composition.replace(/'/g, ''));
      compose('');
    }
  };

  const onKey = (button: string) => {
    if (button === '{shift}') return setShift((s) => !s);
    if (button === '{bksp}') {
      if (pinyin && composition) return compose(composition.slice(0, -1));
      return deleteBackward(target);
    }
    if (pinyin && /^[a-z]$/.test(button)) return compose(composition + button);
    if (pinyin && button === '{sep}') {
      if (composition && !composition.endsWith("'")) compose(`${composition}'`);
      return;
    }
    if (pinyin && composition) {
      // space takes the first candidate; punctuation takes it and then types itself
      commitComposition();
      if (button === '{space}') return;
    }
    typeInto(target, button === '{space}' ? ' ' : button);
  };

  const switchMode = (m: KeyboardMode) => {
    if (composition) {
      typeInto(target, composition.replace(/'/g, ''));
      compose('');
    }
    setModeId(m.id);
    setShift(false);
  };

  const layout: KeyLayout =
    pad !== 'chinese'
      ? padLayout(pad, target.getAttribute('inputmode') === 'decimal')
      : mode?.kind === 'keys'
        ? mode.layout
        : PANEL_KEYS;

  const Panel = mode?.kind === 'panel' ? mode.Panel : null;
  const padName = pad === 'chinese' ? null : tr(`kbd.pad.${pad}`);

  return (
    <section
      class={`kbd kbd-${pad}${elder ? ' kbd-elder' : ''}`}
      aria-label={tr('kbd.label')}
      data-pad={pad}
      data-mode={mode?.id ?? pad}
    >
      <div class="kbd-bar">
        {modes.length > 0 ? (
          <div class="kbd-modes" role="group" aria-label={tr('kbd.modes')}>
            {modes.map((m) => (
              <button
                key={m.id}
                type="button"
                class="kbd-mode"
                aria-pressed={m.id === mode?.id}
                onClick={() => switchMode(m)}
              >
                {tr(m.label)}
              </button>
            ))}
          </div>
        ) : (
          <p class="kbd-pad-name">{padName}</p>
        )}
        <button type="button" class="kbd-hide" onClick={onHide}>
          <span aria-hidden="true">▾</span> {tr('kbd.hide')}
        </button>
      </div>
      {pinyin && (
        <CandidateBar
          lang={lang}
          composition={composition}
          display={engine && composition ? engine.display(composition) : composition}
          loading={!engine}
          page={page}
          hasPrevious={pageIndex > 0}
          hasNext={pageIndex < pages.length - 1}
          onPrevious={() => setPageIndex((i) => Math.max(0, i - 1))}
          onNext={() => setPageIndex((i) => Math.min(pages.length - 1, i + 1))}
          onChoose={choose}
        />
      )}
      {Panel && <Panel lang={lang} elder={elder} onCommit={(text) => typeInto(target, text)} />}
      <KeyGrid layout={layout} layoutName={shift ? 'shift' : 'default'} lang={lang} onKey={onKey} />
    </section>
  );
}

function CandidateBar(props: {
  lang: Lang;
  composition: string;
  display: string;
  loading: boolean;
  page: Candidate[];
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious(): void;
  onNext(): void;
  onChoose(c: Candidate): void;
}) {
  const { lang, composition, display, loading, page } = props;
  const tr = (key: StringKey, params?: Record<string, string | number>) => t(lang, key, params);
  const [said, setSaid] = useState('');
  const listText = page.map((c) => c.text).join(tr('kbd.listSeparator'));
  // announced once the citizen pauses, not after every key
  useEffect(() => {
    const timer = setTimeout(
      () => setSaid(composition ? tr('kbd.candidatesSaid', { list: listText }) : ''),
      400,
    );
    return () => clearTimeout(timer);
  }, [listText, composition, lang]);

  const hint = loading
    ? tr('kbd.loading')
    : composition && page.length === 0
      ? tr('kbd.noCandidates')
      : tr('kbd.pinyinHint');
  return (
    <div class="kbd-candidates">
      <p
        class="kbd-composition"
        aria-label={composition ? tr('kbd.typing', { pinyin: display }) : undefined}
      >
        {composition ? display : <span class="kbd-hint">{hint}</span>}
      </p>
      <div class="kbd-candidate-row" role="group" aria-label={tr('kbd.candidates')}>
        <button
          type="button"
          class="kbd-page"
          aria-label={tr('kbd.previous')}
          disabled={!props.hasPrevious}
          onClick={props.onPrevious}
        >
          <span aria-hidden="true">‹</span> {tr('kbd.previousShort')}
        </button>
        <ol class="kbd-candidate-list">
          {page.map((c, i) => (
            <li key={c.text}>
              <button
                type="button"
                // the first is what the space key takes: underlined, not only coloured
                class={`kbd-candidate${i === 0 ? ' kbd-candidate-first' : ''}`}
                lang="zh-CN"
                onClick={() => props.onChoose(c)}
              >
                {c.text}
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          class="kbd-page"
          aria-label={tr('kbd.next')}
          disabled={!props.hasNext}
          onClick={props.onNext}
        >
          {tr('kbd.nextShort')} <span aria-hidden="true">›</span>
        </button>
      </div>
      <p class="visually-hidden" aria-live="polite">
        {said}
      </p>
    </div>
  );
}

/** simple-keyboard's key grid, as buttons named in the citizen's language. */
function KeyGrid(props: {
  layout: KeyLayout;
  layoutName: string;
  lang: Lang;
  onKey(button: string): void;
}) {
  const { layout, layoutName, lang } = props;
  const host = useRef<HTMLDivElement>(null);
  const keyboard = useRef<Keyboard | null>(null);
  // simple-keyboard keeps the first callback it was given: route through the latest one
  const onKey = useRef(props.onKey);
  onKey.current = props.onKey;

  const options = useMemo(() => {
    const display: Record<string, string> = {};
    for (const [key, face] of Object.entries(KEY_FACES)) {
      display[key] = `<span aria-hidden="true">${face.symbol}</span> ${t(lang, face.word)}`;
    }
    const buttonAttributes = Object.entries(KEY_NAMES).map(([key, name]) => ({
      attribute: 'aria-label',
      value: t(lang, name),
      buttons: key,
    }));
    return { layout: { ...layout }, layoutName, display, buttonAttributes };
  }, [layout, layoutName, lang]);

  useEffect(() => {
    if (!host.current) return;
    const k = new Keyboard(host.current, {
      ...options,
      theme: 'hg-theme-default kbd-keys',
      useButtonTag: true,
      preventMouseDownDefault: true,
      disableButtonHold: true,
      mergeDisplay: false,
      onKeyPress: (button: string) => onKey.current(button),
    });
    keyboard.current = k;
    return () => {
      k.destroy();
      keyboard.current = null;
    };
  }, []);

  useEffect(() => {
    keyboard.current?.setOptions(options);
  }, [options]);

  return <div ref={host} class="simple-keyboard" />;
}
