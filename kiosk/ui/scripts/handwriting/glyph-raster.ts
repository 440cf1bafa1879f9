/**
 * A glyph outline filled into a bitmap (non-zero winding, sampled at pixel centres): the first
 * step of turning another font's characters into strokes for the held-out accuracy set.
 */
export interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}

export interface Bitmap {
  size: number;
  /** 1 where the glyph has ink, row by row from the top. */
  pixels: Uint8Array;
}

type Edge = [x0: number, y0: number, x1: number, y1: number];
const CURVE_STEPS = 10;

/**
 * Fills the outline, given in font units with y upwards, into a size×size bitmap that maps the
 * font's box [0, em] × [descent, descent + em] onto it, y downwards.
 */
export function rasterise(
  commands: readonly PathCommand[],
  em: number,
  descent: number,
  size: number,
): Bitmap {
  const scale = size / em;
  const tx = (x: number) => x * scale;
  const ty = (y: number) => size - (y - descent) * scale;
  const edges: Edge[] = [];
  let startX = 0;
  let startY = 0;
  let x = 0;
  let y = 0;
  const line = (nx: number, ny: number) => {
    edges.push([tx(x), ty(y), tx(nx), ty(ny)]);
    x = nx;
    y = ny;
  };
  for (const { command, args: a } of commands) {
    if (command === 'moveTo') {
      if (x !== startX || y !== startY) line(startX, startY);
      [x, y] = [a[0]!, a[1]!];
      [startX, startY] = [x, y];
    } else if (command === 'lineTo') {
      line(a[0]!, a[1]!);
    } else if (command === 'quadraticCurveTo') {
      const [x0, y0] = [x, y];
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const t = i / CURVE_STEPS;
        const u = 1 - t;
        line(
          u * u * x0 + 2 * u * t * a[0]! + t * t * a[2]!,
          u * u * y0 + 2 * u * t * a[1]! + t * t * a[3]!,
        );
      }
    } else if (command === 'bezierCurveTo') {
      const [x0, y0] = [x, y];
      for (let i = 1; i <= CURVE_STEPS; i++) {
        const t = i / CURVE_STEPS;
        const u = 1 - t;
        const b0 = u * u * u;
        const b1 = 3 * u * u * t;
        const b2 = 3 * u * t * t;
        const b3 = t * t * t;
        line(
          b0 * x0 + b1 * a[0]! + b2 * a[2]! + b3 * a[4]!,
          b0 * y0 + b1 * a[1]! + b2 * a[3]! + b3 * a[5]!,
        );
      }
    } else if (x !== startX || y !== startY) {
      line(startX, startY);
    }
  }
  if (x !== startX || y !== startY) line(startX, startY);

  const pixels = new Uint8Array(size * size);
  const crossings: { x: number; dir: number }[] = [];
  for (let row = 0; row < size; row++) {
    const cy = row + 0.5;
    crossings.length = 0;
    for (const [x0, y0, x1, y1] of edges) {
      if (y0 === y1 || cy < Math.min(y0, y1) || cy >= Math.max(y0, y1)) continue;
      crossings.push({ x: x0 + ((cy - y0) / (y1 - y0)) * (x1 - x0), dir: y1 > y0 ? 1 : -1 });
    }
    crossings.sort((p, q) => p.x - q.x);
    let winding = 0;
    for (let i = 0; i < crossings.length; i++) {
      const c = crossings[i]!;
      const before = winding;
      winding += c.dir;
      if (before !== 0 || winding === 0) continue;
      // from here to the crossing that brings the winding back to zero is inside
      let w = winding;
      let j = i + 1;
      for (; j < crossings.length; j++) {
        w += crossings[j]!.dir;
        if (w === 0) break;
      }
      const end = crossings[j]?.x ?? size;
      for (let col = Math.max(0, Math.ceil(c.x - 0.5)); col < size && col + 0.5 < end; col++) {
        pixels[row * size + col] = 1;
      }
      winding = 0;
      i = j;
    }
  }
  return { size, pixels };
}
