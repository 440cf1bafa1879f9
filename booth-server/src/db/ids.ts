import { randomBytes } from 'node:crypto';

let lastAt = 0;
let seq = 0;

/**
 * Ids that sort in creation order (time, then a per-process counter within one millisecond,
 * then randomness so several servers never collide). Timelines and audit trails order by them.
 */
export function timeOrderedId(at: number): string {
  if (at === lastAt) seq++;
  else {
    lastAt = at;
    seq = 0;
  }
  return `${at.toString(36).padStart(9, '0')}${seq.toString(36).padStart(4, '0')}${randomBytes(5).toString('hex')}`;
}
