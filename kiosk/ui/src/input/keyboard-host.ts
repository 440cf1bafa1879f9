import { h, render } from 'preact';
import type { FlowStore } from '../flow/store.ts';
import { OnScreenKeyboard } from './OnScreenKeyboard.tsx';
import { padForInput, type PadKind } from './pad-kind.ts';
import { PinyinEngine } from './pinyin-engine.ts';
import { PinyinLexicon } from './pinyin-lexicon.ts';
import type { TextField } from './type-into.ts';
import { registerVocabulary, vocabularyFor } from './vocabulary.ts';

/** Performance marks the kiosk benchmark reads. */
export const KEYBOARD_READY_MARK = 'kbd:ready';
export const PINYIN_READY_MARK = 'kbd:pinyin-ready';
/** Room left between the field and the keyboard. */
const MARGIN_PX = 16;
const RETRY_MS = 5_000;
/**
 * A tap that moves focus from a field to a button closes the keyboard only once the tap is
 * over: closing at once would shorten the page between press and release, the button would
 * move from under the finger and the tap would be lost.
 */
const CLOSE_AFTER_TAP_MS = 300;

interface Open {
  target: TextField;
  pad: Exclude<PadKind, 'none'>;
  /** A new keyboard (fresh composition) for every field. */
  serial: number;
}

function isTextField(el: EventTarget | null): el is TextField {
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;
}

/**
 * The kiosk's on-screen keyboard: one global focus listener opens it for whatever text field
 * inside the app takes focus (the pad by padForInput), docked at the bottom; it closes when
 * focus leaves the fields, the screen changes or the citizen hides it. While it is open the
 * page gets bottom room of its height (`--kbd-height`, the navigation bar rides above it) and
 * the field is scrolled above it, so it never covers what is being typed. The pinyin
 * dictionary loads in the background; until then letters and digits already type.
 */
export function attachKeyboard(store: FlowStore): void {
  const app = document.getElementById('app');
  const root = document.createElement('div');
  root.id = 'kbd-root';
  document.body.append(root);
  const html = document.documentElement;
  let open: Open | null = null;
  let serial = 0;
  let engine: PinyinEngine | null = null;
  let screen = store.state.screen;

  const draw = () => {
    if (!open) {
      render(null, root);
      html.removeAttribute('data-kbd');
      html.style.removeProperty('--kbd-height');
      return;
    }
    const { lang, elder } = store.state;
    const target = open.target;
    render(
      h(OnScreenKeyboard, {
        key: open.serial,
        target,
        pad: open.pad,
        lang,
        elder,
        engine,
        vocabulary: vocabularyFor(target),
        onHide: () => {
          close();
          // a later tap on the same field must focus it again, and so open the keyboard
          target.blur();
        },
      }),
      root,
    );
    html.dataset.kbd = 'open';
  };

  /** The field's bottom above the keyboard and the navigation bar riding on it. */
  const keepInView = () => {
    if (!open) return;
    const covers = [root, document.querySelector('.nav-bar')]
      .map((el) => el?.getBoundingClientRect().top ?? window.innerHeight)
      .filter((top) => top > 0);
    const limit = Math.min(window.innerHeight, ...covers) - MARGIN_PX;
    // the field with its label and hints when they fit, else the field itself
    const input = open.target.getBoundingClientRect();
    const whole = open.target.closest('.field')?.getBoundingClientRect() ?? input;
    const box = whole.height < limit - MARGIN_PX ? whole : input;
    if (box.bottom > limit) window.scrollBy({ top: box.bottom - limit });
    else if (box.top < 0) window.scrollBy({ top: box.top - MARGIN_PX });
  };

  new ResizeObserver(() => {
    html.style.setProperty('--kbd-height', `${root.offsetHeight}px`);
    requestAnimationFrame(keepInView);
  }).observe(root);

  const show = (target: TextField, pad: Exclude<PadKind, 'none'>) => {
    if (open?.target === target && open.pad === pad) return;
    open = { target, pad, serial: ++serial };
    draw();
    requestAnimationFrame(keepInView);
  };
  const close = () => {
    if (!open) return;
    open = null;
    draw();
  };

  const focused = (el: EventTarget | null) => {
    if (el instanceof Node && root.contains(el)) {
      // a key or candidate took focus (switch access, a screen reader): typing goes on in the field
      open?.target.focus({ preventScroll: true });
      return;
    }
    if (isTextField(el) && app?.contains(el)) {
      const pad = padForInput(el);
      if (pad !== 'none') return show(el, pad);
    }
    if (pressing) closeAfterTap = true;
    else close();
  };
  const onFocusIn = (e: FocusEvent) => focused(e.target);

  let pressing = false;
  let closeAfterTap = false;
  document.addEventListener('pointerdown', () => (pressing = true), true);
  const released = () => {
    pressing = false;
    if (!closeAfterTap) return;
    closeAfterTap = false;
    setTimeout(() => {
      // unless the citizen has gone on to another field meanwhile
      const active = document.activeElement;
      if (!open || active !== open.target) close();
    }, CLOSE_AFTER_TAP_MS);
  };
  document.addEventListener('pointerup', released, true);
  document.addEventListener('pointercancel', released, true);
  const onFocusOut = (e: FocusEvent) => {
    if (!open || e.target !== open.target) return;
    const next = e.relatedTarget;
    if (next instanceof Node && root.contains(next)) return;
    // focus went nowhere (a tap on the page's background): close once that is certain
    if (!next) {
      setTimeout(() => {
        const active = document.activeElement;
        if (active && active !== document.body) return;
        if (pressing) closeAfterTap = true;
        else close();
      }, 0);
    }
  };
  // keys, candidates and the mode switch must never take focus from the field
  const keepFocus = (e: Event) => e.preventDefault();
  root.addEventListener('mousedown', keepFocus, true);

  document.addEventListener('focusin', onFocusIn, true);
  document.addEventListener('focusout', onFocusOut, true);
  // Addresses (data-vocabulary="places") offer the places the catalogue serves first.
  let places: unknown = null;
  const registerPlaces = (s: typeof store.state) => {
    if (s.catalogue === places) return;
    places = s.catalogue;
    registerVocabulary('places', s.catalogue?.regions.map((r) => r.name.zh) ?? []);
  };
  registerPlaces(store.state);
  store.subscribe((s) => {
    registerPlaces(s);
    if (s.screen !== screen) {
      // a new screen (or a wipe) takes the field away, and whatever was being composed
      screen = s.screen;
      close();
    } else if (open) {
      draw();
    }
  });

  const loadPinyin = () => {
    import('virtual:pinyin-dictionary').then(
      (m) => {
        engine = new PinyinEngine(PinyinLexicon.parse(m.default));
        // the first lookup pays for compiling the engine's code: here, not on the citizen's first key
        engine.candidates("zhong'g");
        performance.mark(PINYIN_READY_MARK);
        html.dataset.pinyin = 'ready';
        if (open) draw();
      },
      () => {
        // the server may be restarting; letters and digits type meanwhile
        setTimeout(loadPinyin, RETRY_MS);
      },
    );
  };
  loadPinyin();
  performance.mark(KEYBOARD_READY_MARK);

  // if a field had focus before the keyboard loaded, it opens for that field now
  if (isTextField(document.activeElement)) focused(document.activeElement);
}
