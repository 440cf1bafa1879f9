import type { Candidate, Stroke } from './stroke.ts';

/** What the pad and the recogniser's worker say to each other. */
export type WorkerRequest =
  | { type: 'load'; url: string }
  | { type: 'recognize'; id: number; strokes: Stroke[]; limit: number };

export type WorkerReply =
  | { type: 'loaded' }
  | { type: 'failed'; message: string }
  | { type: 'candidates'; id: number; candidates: Candidate[] };
