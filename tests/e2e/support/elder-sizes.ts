import type { Page } from 'playwright-core';

/** Elder mode promises text of at least 24 px and targets of at least 60 px. */
export async function elderSizeProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 1 && r.height > 1 && style.visibility !== 'hidden';
    };
    const where = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${Array.from(el.classList).join('.')}`;
    const app = document.querySelector('.app');
    if (!app) return ['no app'];
    const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim() || el.closest('.sim-panel, .visually-hidden')) continue;
      if (!visible(el)) continue;
      const size = Number.parseFloat(getComputedStyle(el).fontSize);
      if (size < 24) problems.push(`text ${size}px: ${where(el)} "${n.textContent.trim()}"`);
    }
    for (const el of Array.from(
      app.querySelectorAll('button, input, select, textarea, summary, label'),
    )) {
      if (el.closest('.sim-panel') || !visible(el)) continue;
      // a radio or checkbox is reached through its (large) label
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox')) {
        continue;
      }
      if (el.tagName === 'LABEL' && !el.querySelector('input[type=radio], input[type=checkbox]')) {
        continue;
      }
      const r = el.getBoundingClientRect();
      if (r.height < 60) problems.push(`target ${Math.round(r.height)}px high: ${where(el)}`);
    }
    return problems;
  });
}
