import type { ComponentChildren } from 'preact';

export interface Option {
  value: string;
  text: string;
}

/**
 * A choice as large tappable options (radio buttons inside their labels), never a select: a
 * select's popup list is small on a touch screen and hides what is not chosen. The group
 * carries the field's id so "fix this" links and error summaries can focus it.
 */
export function OptionList({
  id,
  legend,
  options,
  current,
  required,
  describedBy,
  invalid,
  wide,
  children,
  onPick,
}: {
  id: string;
  legend: ComponentChildren;
  options: Option[];
  current: string | undefined;
  required: boolean;
  describedBy: string | undefined;
  invalid: boolean;
  /** Long labels: one option per line. */
  wide?: boolean;
  /** Badge, extra controls and notes below the options. */
  children?: ComponentChildren;
  onPick: (value: string) => void;
}) {
  return (
    <fieldset
      class={`field field-choice${invalid ? ' has-error' : ''}`}
      id={id}
      tabIndex={-1}
      data-pad="none"
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
    >
      <legend class="field-label">{legend}</legend>
      <div class={`choice-row${wide ? ' choice-column' : ''}`}>
        {options.map((o) => (
          <label key={o.value} class="choice">
            <input
              type="radio"
              name={id}
              value={o.value}
              checked={current === o.value}
              required={required}
              onChange={() => onPick(o.value)}
            />
            <span>{o.text}</span>
          </label>
        ))}
      </div>
      {children}
    </fieldset>
  );
}
