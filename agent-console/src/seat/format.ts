import type { Lang } from '../i18n/strings.ts';

/**
 * Formatting shared by the seat and the supervisor dashboard: durations, percentages, the offer
 * countdown and call quality in words. Pure, so it is tested in node.
 */

/** Replaces {name} placeholders; unknown names stay visible rather than vanish. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "45 秒", "3 分 05 秒", "1 小时 02 分" (English: "45 s", "3 min 05 s", "1 h 02 min"). */
export function formatDuration(seconds: number, lang: Lang): string {
  const s = Math.max(0, Math.round(Number.isFinite(seconds) ? seconds : 0));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (lang === 'zh-CN') {
    if (h > 0) return `${h} 小时 ${pad(m)} 分`;
    if (m > 0) return `${m} 分 ${pad(sec)} 秒`;
    return `${sec} 秒`;
  }
  if (h > 0) return `${h} h ${pad(m)} min`;
  if (m > 0) return `${m} min ${pad(sec)} s`;
  return `${sec} s`;
}

/** A 0–1 share as a whole percentage, or null when there is nothing to measure yet. */
export function formatPercent(share: number | null): string | null {
  if (share === null || !Number.isFinite(share)) return null;
  return `${Math.round(Math.min(1, Math.max(0, share)) * 100)}%`;
}

/** Whole seconds left before an offer expires; never negative. */
export function secondsLeft(expiresAt: number, now: number): number {
  return Math.max(0, Math.ceil((expiresAt - now) / 1000));
}

export type QualityLevel = 'good' | 'fair' | 'poor';

/**
 * mediasoup scores 0–10. 7 and up is a clear picture; 4–6 shows blocking or frozen frames now
 * and then; below 4 the citizen is hard to see or hear and the agent should fall back to chat.
 */
export function qualityLevel(score: number): QualityLevel {
  if (score >= 7) return 'good';
  if (score >= 4) return 'fair';
  return 'poor';
}

/** The call is as good as its worst leg: the lowest score any participant receives. */
export function callScore(scores: Readonly<Record<string, number>>): number | null {
  const values = Object.values(scores).filter((v) => Number.isFinite(v));
  if (values.length === 0) return null;
  return Math.round(Math.min(10, Math.max(0, Math.min(...values))));
}

/** Seconds elapsed since a reading taken `baseSeconds` in, `fetchedAt` ms ago. */
export function elapsedSince(baseSeconds: number, fetchedAt: number, now: number): number {
  return baseSeconds + Math.max(0, Math.floor((now - fetchedAt) / 1000));
}
