/** A point of a drawn stroke, in any unit (pad pixels, font units): recognition normalises. */
export interface Point {
  x: number;
  y: number;
}

/** One stroke as the pen moved, first point first; y grows downwards as on screen. */
export type Stroke = readonly Point[];

/** A recognised character and its distance from what was drawn: lower is closer. */
export interface Candidate {
  char: string;
  score: number;
}
