/**
 * Simple line icons that sit next to words (never instead of them): state is always said in
 * text too, so no meaning depends on colour or on recognising a symbol.
 */
export type IconName =
  | 'check'
  | 'cross'
  | 'warning'
  | 'info'
  | 'clock'
  | 'card'
  | 'qr'
  | 'printer'
  | 'camera'
  | 'video'
  | 'speaker'
  | 'user'
  | 'search'
  | 'back'
  | 'exit'
  | 'doc'
  | 'lock'
  | 'star';

const PATHS: Record<IconName, string> = {
  check: 'M5 12l5 5L20 7',
  cross: 'M6 6l12 12M18 6L6 18',
  warning: 'M12 3L2 21h20L12 3zM12 10v5M12 18v.5',
  info: 'M12 2a10 10 0 100 20 10 10 0 000-20zM12 11v6M12 7v.5',
  clock: 'M12 2a10 10 0 100 20 10 10 0 000-20zM12 6v6l4 2',
  card: 'M3 5h18v14H3zM7 10h4M7 14h8M15 9h3v3h-3z',
  qr: 'M3 3h7v7H3zM14 3h7v7h-7zM3 14h7v7H3zM14 14h3v3h-3zM18 18h3v3h-3z',
  printer: 'M6 9V3h12v6M6 18H4v-7h16v7h-2M6 14h12v7H6z',
  camera: 'M3 7h4l2-3h6l2 3h4v13H3zM12 10a3.5 3.5 0 100 7 3.5 3.5 0 000-7z',
  video: 'M3 6h12v12H3zM15 10l6-4v12l-6-4',
  speaker: 'M4 9h4l5-4v14l-5-4H4zM16 9a4 4 0 010 6M18.5 6.5a8 8 0 010 11',
  user: 'M12 3a4 4 0 100 8 4 4 0 000-8zM4 21c0-4 4-7 8-7s8 3 8 7',
  search: 'M10 3a7 7 0 100 14 7 7 0 000-14zM15 15l6 6',
  back: 'M15 5l-7 7 7 7',
  exit: 'M10 4H4v16h6M14 8l4 4-4 4M18 12H9',
  doc: 'M6 2h8l4 4v16H6zM14 2v4h4M9 12h6M9 16h6',
  lock: 'M6 11h12v10H6zM8 11V7a4 4 0 018 0v4',
  star: 'M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z',
};

export function Icon({ name, size = '1.2em' }: { name: IconName; size?: string }) {
  return (
    <svg
      class={`icon icon-${name}`}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2.2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
