import { isCompleteSelection, isLocked } from '../flow/items.ts';
import { joinList } from '../i18n/format.ts';
import { pick } from '../i18n/strings.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';

/** All or some items; requirements and mandatory items are kept by the reducer and said in words. */
export function ChooseItemsScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const n = s.notice;
  if (!n) return null;
  const nameOf = (code: string) => {
    const i = n.items.find((x) => x.code === code);
    return i ? pick(s.lang, i.name) : code;
  };
  const complete = isCompleteSelection(n.items, s.selectedItems);
  const refusal = s.itemRefusal;

  return (
    <ScreenLayout
      name="chooseItems"
      title={t('items.title')}
      intro={t('items.intro')}
      actions={
        <button
          type="button"
          class="btn btn-primary btn-large"
          disabled={!complete}
          aria-describedby={complete ? undefined : 'items-none'}
          onClick={() => session.bundles.confirmItems()}
        >
          {t('items.continue')}
        </button>
      }
    >
      <p class="status-line" aria-live="off">
        {t('items.count', { count: s.selectedItems.length, total: n.items.length })}
      </p>
      {refusal && (
        <Message tone="warning">
          {refusal.code === refusal.blockedBy
            ? t('items.refusedMandatory', { name: nameOf(refusal.code) })
            : t('items.refusedNeeded', {
                name: nameOf(refusal.code),
                blocker: nameOf(refusal.blockedBy),
              })}
        </Message>
      )}
      {!complete && (
        <Message tone="info" id="items-none">
          {t('items.none')}
        </Message>
      )}
      <ul class="item-list">
        {n.items.map((item) => {
          const chosen = s.selectedItems.includes(item.code);
          const locked = isLocked(n.items, item.code);
          return (
            <li key={item.code}>
              <div class={`item-choice${chosen ? ' is-chosen' : ''}`}>
                <label class="item-label">
                  <input
                    type="checkbox"
                    checked={chosen}
                    aria-describedby={`item-${item.code}-facts`}
                    onChange={() => session.bundles.toggleItem(item.code)}
                  />
                  <span class="item-name">{pick(s.lang, item.name)}</span>
                </label>
                <span class="item-facts" id={`item-${item.code}-facts`}>
                  <span class="tag">
                    <Icon name={chosen ? 'check' : 'cross'} />{' '}
                    {chosen ? t('items.chosen') : t('items.notChosen')}
                  </span>
                  {locked && (
                    <span class="tag tag-strong">
                      <Icon name="lock" /> {t('notice.mandatory')}
                    </span>
                  )}
                  <span>{pick(s.lang, item.department)}</span>
                  {item.requires.length > 0 && (
                    <span>
                      {t('items.requires', {
                        names: joinList(item.requires.map(nameOf), s.lang),
                      })}
                    </span>
                  )}
                </span>
              </div>
            </li>
          );
        })}
      </ul>
      {s.selectedItems.length < n.items.length && (
        <button
          type="button"
          class="btn btn-secondary"
          onClick={() => session.bundles.selectAllItems()}
        >
          {t('items.selectAll')}
        </button>
      )}
    </ScreenLayout>
  );
}
