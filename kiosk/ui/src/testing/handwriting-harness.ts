/**
 * A bare page for tests/e2e/handwriting-pad.e2e.test.ts: the panel mounted on its own (the
 * keyboard that hosts it in the kiosk is another part), language and elder mode from the query,
 * what it commits written into #committed. Built only by that test, never by the kiosk.
 */
import { h, render } from 'preact';
import { HandwritingPanel } from '../input/handwriting/index.ts';
import '../styles/kiosk.css';

const query = new URLSearchParams(window.location.search);
const lang = query.get('lang') === 'en' ? 'en' : 'zh-CN';
const elder = query.get('elder') === 'true';
document.documentElement.lang = lang;
document.documentElement.dataset.elder = String(elder);

const committed = document.getElementById('committed')!;
render(
  h(HandwritingPanel, {
    lang,
    elder,
    onCommit: (text: string) => {
      committed.textContent += text;
    },
  }),
  document.getElementById('dock')!,
);
