import { useFlow, useT } from '../ui/context.ts';
import { Message } from '../ui/Message.tsx';

/**
 * Shown where a flow that prints a receipt begins, when the receipt paper is low or out: the
 * citizen learns it before investing their time, with the ways round it (the case number on
 * screen, the electronic licence library, the nearest terminal in service or a window).
 */
export function PaperNotice() {
  const s = useFlow();
  const t = useT();
  const { paper, alternative } = s.paper;
  if (paper !== 'out' && paper !== 'near_end') return null;
  const out = paper === 'out';
  return (
    <section class="paper-notice" aria-labelledby="paper-notice-h" data-testid="paper-notice">
      <Message tone="warning">
        <strong id="paper-notice-h">{t(out ? 'paper.out.title' : 'paper.nearEnd.title')}</strong>{' '}
        {t(out ? 'paper.out.body' : 'paper.nearEnd.body')}
      </Message>
      <ul class="paper-alternatives">
        <li>{t('paper.alt.screen')}</li>
        <li>{t('paper.alt.licence')}</li>
        <li>
          {alternative
            ? t('paper.alt.terminal', { name: alternative.name, site: alternative.site })
            : t('paper.alt.window')}
        </li>
      </ul>
    </section>
  );
}
