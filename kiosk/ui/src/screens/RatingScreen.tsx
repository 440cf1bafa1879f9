import type { RatingLevel } from '@onething/contract/rest/kiosk';
import { ONLINE_DIMENSIONS, ONSITE_DIMENSIONS } from '../flow/flow-state.ts';
import { useFlow, useServices, useT } from '../ui/context.ts';
import { Icon, type IconName } from '../ui/Icon.tsx';
import { Message } from '../ui/Message.tsx';
import { ScreenLayout } from '../ui/ScreenLayout.tsx';

const LEVELS: readonly RatingLevel[] = [
  'very_satisfied',
  'satisfied',
  'basic',
  'unsatisfied',
  'very_unsatisfied',
];
const LEVEL_ICON: Record<RatingLevel, IconName> = {
  very_satisfied: 'star',
  satisfied: 'check',
  basic: 'info',
  unsatisfied: 'warning',
  very_unsatisfied: 'cross',
};

/**
 * 好差评: five labelled levels as big toggle buttons, optional dimensions and comment. Nothing
 * is preselected and skipping is one tap: nobody may steer or force a rating.
 */
export function RatingScreen() {
  const { session } = useServices();
  const s = useFlow();
  const t = useT();
  const r = s.rating;
  // a video-help call is rated as online service (its own dimensions), naming who served
  const dimensions = r.call ? ONLINE_DIMENSIONS : ONSITE_DIMENSIONS;
  return (
    <ScreenLayout
      name="rating"
      title={r.call ? t('help.ratingTitle') : t('rating.title')}
      intro={r.call ? t('help.ratingIntro', { agent: r.call.agentName }) : t('rating.intro')}
      actions={
        <>
          <button
            type="button"
            class="btn btn-primary btn-large"
            disabled={!r.level || s.busy === 'rating'}
            aria-describedby={r.level ? undefined : 'rating-first'}
            onClick={() => void session.rating.sendRating()}
          >
            {s.busy === 'rating' ? t('busy.working') : t('rating.submit')}
          </button>
          <button
            type="button"
            class="btn btn-secondary"
            onClick={() => session.rating.skipRating()}
          >
            {t('rating.skip')}
          </button>
        </>
      }
    >
      <fieldset class="rating-levels">
        <legend>{t('rating.overall')}</legend>
        {LEVELS.map((level) => (
          <button
            key={level}
            type="button"
            class={`btn btn-rating rating-${level}`}
            aria-pressed={r.level === level}
            onClick={() => session.rating.rateLevel(level)}
          >
            <Icon name={LEVEL_ICON[level]} size="1.5em" />
            {t(`rating.level.${level}`)}
          </button>
        ))}
      </fieldset>
      {!r.level && (
        <p class="note" id="rating-first">
          {t('rating.chooseFirst')}
        </p>
      )}
      <details class="rating-more">
        <summary>{t('rating.more')}</summary>
        {dimensions.map((d) => (
          <fieldset key={d} class="choice-group compact">
            <legend>{t(`rating.dimension.${d}`)}</legend>
            <div class="choice-row">
              {LEVELS.map((level) => (
                <label key={level} class="choice">
                  <input
                    type="radio"
                    name={`dim-${d}`}
                    checked={r.dimensions[d] === level}
                    onChange={() => session.rating.rateDimension(d, level)}
                  />
                  <span>{t(`rating.level.${level}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <label class="field-label" for="rating-comment">
          {t('rating.comment')}
        </label>
        <textarea
          id="rating-comment"
          rows={3}
          maxLength={500}
          value={r.comment}
          onInput={(e) => session.rating.rateComment(e.currentTarget.value)}
        />
      </details>
      {s.busy === 'rating' && <Message tone="pending">{t('busy.working')}</Message>}
    </ScreenLayout>
  );
}
