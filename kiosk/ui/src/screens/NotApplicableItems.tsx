import type { MergedFormView } from '@onething/contract/rest/kiosk';
import { pick } from '../i18n/strings.ts';
import { useFlow, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';

/**
 * Chosen items that will not be filed because their catalogue condition does not hold, each with
 * the condition in words — said before submission, so nothing is dropped silently.
 */
export function NotApplicableItems({ form }: { form: MergedFormView }) {
  const s = useFlow();
  const t = useT();
  if (form.notApplicable.length === 0) return null;
  return (
    <section class="review-block" aria-labelledby="rv-not-applicable" data-testid="not-applicable">
      <h2 id="rv-not-applicable">{t('honest.notApplicable.title')}</h2>
      <p>{t('honest.notApplicable.intro')}</p>
      <ul>
        {form.notApplicable.map((i) => (
          <li key={i.code}>
            <Icon name="info" />{' '}
            {t('honest.notApplicable.item', {
              name: pick(s.lang, i.name),
              reason: pick(s.lang, i.reason),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
