/**
 * Typing into a field as the browser would: the value is set through the element's own
 * prototype setter (a plain `el.value = …` is swallowed by the value tracking that Preact's
 * and React's controlled inputs rely on) and an `input` event follows, so the screen's
 * onInput handler sees the change and the field stays controlled.
 */
export type TextField = HTMLInputElement | HTMLTextAreaElement;

function setValue(el: TextField, value: string): void {
  const proto = Object.getPrototypeOf(el) as object;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (setter) setter.call(el, value);
  else el.value = value;
}

/** Where the caret is; fields without a selection API (email, number) type at the end. */
function caret(el: TextField): { start: number; end: number } {
  try {
    const start = el.selectionStart ?? el.value.length;
    return { start, end: el.selectionEnd ?? start };
  } catch {
    return { start: el.value.length, end: el.value.length };
  }
}

function place(el: TextField, at: number): void {
  try {
    el.setSelectionRange(at, at);
  } catch {
    // no selection API on this input type: the caret stays at the end anyway
  }
}

/** Inserts text at the caret (replacing a selection), within the field's maxlength. */
export function typeInto(el: TextField, text: string): void {
  const { start, end } = caret(el);
  const before = el.value.slice(0, start);
  const after = el.value.slice(end);
  let insert = text;
  if (el.maxLength > 0) {
    const room = el.maxLength - [...before].length - [...after].length;
    if (room <= 0) return;
    insert = [...text].slice(0, room).join('');
  }
  setValue(el, before + insert + after);
  place(el, start + insert.length);
  el.dispatchEvent(
    new InputEvent('input', { bubbles: true, inputType: 'insertText', data: insert }),
  );
}

/** Deletes the selection, or the character before the caret (a whole surrogate pair). */
export function deleteBackward(el: TextField): void {
  const { end } = caret(el);
  let { start } = caret(el);
  if (start === end) {
    if (start === 0) return;
    const code = el.value.charCodeAt(start - 1);
    start -= code >= 0xdc00 && code <= 0xdfff && start > 1 ? 2 : 1;
  }
  setValue(el, el.value.slice(0, start) + el.value.slice(end));
  place(el, start);
  el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'deleteContentBackward' }));
}
