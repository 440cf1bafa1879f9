import { useEffect, useState } from 'preact/hooks';
import type { FunctionComponent } from 'preact';
import { t } from '../i18n/strings.ts';
import type { ModePanelProps } from './keyboard-modes.ts';

/**
 * The handwriting pad, loaded when 手写 is first chosen: its code and model are larger than the
 * rest of the keyboard and most citizens never open it.
 */
export function LazyHandwritingPanel(props: ModePanelProps) {
  const [Panel, setPanel] = useState<FunctionComponent<ModePanelProps> | null>(null);
  useEffect(() => {
    let live = true;
    void import('./handwriting/index.ts').then((m) => {
      if (live) setPanel(() => m.HandwritingPanel);
    });
    return () => {
      live = false;
    };
  }, []);
  if (!Panel) {
    return (
      <p class="kbd-panel-loading" role="status">
        {t(props.lang, 'kbd.handwriting.loading')}
      </p>
    );
  }
  return <Panel {...props} />;
}
