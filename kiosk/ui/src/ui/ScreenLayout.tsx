import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Screen } from '../flow/flow-state.ts';
import { useFlow, useShell } from './context.ts';

/**
 * The frame of every screen: a section named by its h1, an optional intro that is also what
 * voice guidance reads, and the screen's own actions. The h1 takes focus when the screen
 * appears, so keyboard, switch and screen-reader users start at the top of the new step.
 */
export function ScreenLayout({
  name,
  title,
  intro,
  children,
  actions,
}: {
  name: Screen;
  title: string;
  intro?: string;
  children?: ComponentChildren;
  actions?: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { voice: voiceOn, elder, lang } = useFlow();
  const { voice } = useShell();

  // focus once per screen; re-rendering (typing, language switch) must not steal it
  useEffect(() => {
    heading.current?.focus();
  }, [name]);

  useEffect(() => {
    if (voiceOn) voice.speak(intro ? `${title}. ${intro}` : title, lang, elder);
  }, [name, voiceOn, lang]);

  return (
    <section class={`screen screen-${name}`} data-screen={name} aria-labelledby={`h-${name}`}>
      <h1 id={`h-${name}`} ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {intro && <p class="intro">{intro}</p>}
      <div class="screen-body">{children}</div>
      {actions && <div class="screen-actions">{actions}</div>}
    </section>
  );
}
