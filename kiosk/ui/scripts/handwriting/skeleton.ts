import type { Bitmap } from './glyph-raster.ts';

/**
 * A filled glyph thinned to one-pixel lines (Zhang–Suen) and traced into polylines, then the
 * polylines that run straight through a junction joined back up, so 十 comes out as two strokes
 * rather than four arms. Coordinates are pixels, y downwards.
 */
export type Polyline = { x: number; y: number }[];

// neighbours clockwise from north: P2..P9 in Zhang and Suen's paper
const DX = [0, 1, 1, 1, 0, -1, -1, -1];
const DY = [-1, -1, 0, 1, 1, 1, 0, -1];

export function thin(bitmap: Bitmap): Uint8Array {
  const { size } = bitmap;
  const img = bitmap.pixels.slice();
  const at = (x: number, y: number) =>
    x < 0 || y < 0 || x >= size || y >= size ? 0 : img[y * size + x]!;
  const remove: number[] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (const pass of [0, 1]) {
      remove.length = 0;
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          if (!img[y * size + x]) continue;
          const p = DX.map((dx, k) => at(x + dx, y + DY[k]!));
          const b = p.reduce((s, v) => s + v, 0);
          if (b < 2 || b > 6) continue;
          let a = 0;
          for (let k = 0; k < 8; k++) if (!p[k] && p[(k + 1) % 8]) a++;
          if (a !== 1) continue;
          const [p2, , p4, , p6, , p8] = p;
          if (pass === 0 ? p2! * p4! * p6! || p4! * p6! * p8! : p2! * p4! * p8! || p2! * p6! * p8!)
            continue;
          remove.push(y * size + x);
        }
      }
      for (const i of remove) img[i] = 0;
      if (remove.length > 0) changed = true;
    }
  }
  return img;
}

interface Edge {
  points: Polyline;
  /** Node ids at each end; -1 for a closed loop that touches no node. */
  from: number;
  to: number;
}

/** The skeleton's branches as polylines, short spurs pruned, straight runs through junctions joined. */
export function traceStrokes(skeleton: Uint8Array, size: number, spur: number): Polyline[] {
  const on = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < size && y < size && skeleton[y * size + x] === 1;
  const neighbours = (i: number): number[] => {
    const x = i % size;
    const y = (i - x) / size;
    const out: number[] = [];
    // 4-neighbours first, so a walk follows a staircase pixel by pixel
    for (const k of [0, 2, 4, 6, 1, 3, 5, 7]) {
      if (on(x + DX[k]!, y + DY[k]!)) out.push((y + DY[k]!) * size + x + DX[k]!);
    }
    return out;
  };
  // crossing number: 1 at an end, 2 along a line, 3+ at a junction (staircases count as lines)
  const crossing = (i: number): number => {
    const x = i % size;
    const y = (i - x) / size;
    let c = 0;
    for (let k = 0; k < 8; k++) {
      if (!on(x + DX[k]!, y + DY[k]!) && on(x + DX[(k + 1) % 8]!, y + DY[(k + 1) % 8]!)) c++;
    }
    return c;
  };

  // nodes: ends and junction clusters
  const node = new Int32Array(size * size).fill(-1);
  let nodes = 0;
  for (let i = 0; i < size * size; i++) {
    if (!skeleton[i] || node[i]! >= 0) continue;
    const c = crossing(i);
    if (c === 2) continue;
    const id = nodes++;
    const queue = [i];
    node[i] = id;
    while (queue.length > 0) {
      const j = queue.pop()!;
      if (crossing(j) < 3) continue;
      for (const n of neighbours(j)) {
        if (node[n]! < 0 && crossing(n) >= 3) {
          node[n] = id;
          queue.push(n);
        }
      }
    }
  }

  const visited = new Uint8Array(size * size);
  const edges: Edge[] = [];
  const point = (i: number) => ({ x: i % size, y: Math.floor(i / size) });
  const walk = (start: number, first: number, startNode: number): Edge => {
    const points = [point(start), point(first)];
    let prev = start;
    let cur = first;
    visited[first] = 1;
    while (node[cur]! < 0) {
      const next = neighbours(cur).find(
        (n) =>
          n !== prev &&
          !points.some((p) => p.x + p.y * size === n) &&
          (!visited[n] || node[n]! >= 0),
      );
      if (next === undefined) break;
      visited[next] = 1;
      points.push(point(next));
      prev = cur;
      cur = next;
    }
    return { points, from: startNode, to: node[cur]! >= 0 ? node[cur]! : -1 };
  };
  for (let i = 0; i < size * size; i++) {
    if (node[i]! < 0) continue;
    visited[i] = 1;
    for (const n of neighbours(i)) {
      if (node[n] === node[i] || visited[n]) continue;
      edges.push(walk(i, n, node[i]!));
    }
  }
  // loops with no node at all (口 drawn as one ring): start at the top-left-most pixel
  for (let i = 0; i < size * size; i++) {
    if (!skeleton[i] || visited[i]) continue;
    visited[i] = 1;
    const next = neighbours(i).find((n) => !visited[n]);
    if (next === undefined) {
      edges.push({ points: [point(i)], from: -1, to: -1 });
      continue;
    }
    const e = walk(i, next, -1);
    e.points.push(point(i));
    edges.push(e);
  }

  // two strokes crossing thin into two junctions a few pixels apart (an X becomes >-<): one node
  const root = Array.from({ length: nodes }, (_, k) => k);
  const find = (k: number): number => (root[k] === k ? k : (root[k] = find(root[k]!)));
  const isJunction = (e: Edge, end: 'from' | 'to') =>
    e[end] >= 0 && crossing(e[end] === e.from ? edgeStart(e) : edgeEnd(e)) >= 3;
  const edgeStart = (e: Edge) => e.points[0]!.x + e.points[0]!.y * size;
  const edgeEnd = (e: Edge) =>
    e.points[e.points.length - 1]!.x + e.points[e.points.length - 1]!.y * size;
  const bridges = new Set<Edge>();
  for (const e of edges) {
    if (e.points.length < spur && e.from !== e.to && isJunction(e, 'from') && isJunction(e, 'to')) {
      root[find(e.from)] = find(e.to);
      bridges.add(e);
    }
  }
  const merged = edges
    .filter((e) => !bridges.has(e))
    .map((e) => ({ ...e, from: e.from >= 0 ? find(e.from) : -1, to: e.to >= 0 ? find(e.to) : -1 }));
  edges.length = 0;
  edges.push(...merged);

  // prune spurs: short branches hanging off a junction are thinning artefacts (serifs, blobs)
  const degree = new Int32Array(nodes);
  for (const e of edges) {
    if (e.from >= 0) degree[e.from]!++;
    if (e.to >= 0) degree[e.to]!++;
  }
  const kept = edges.filter((e) => {
    const short = e.points.length < spur;
    const hanging =
      (e.from >= 0 && degree[e.from] === 1 && e.to >= 0 && degree[e.to]! >= 3) ||
      (e.to >= 0 && degree[e.to] === 1 && e.from >= 0 && degree[e.from]! >= 3);
    return !(short && hanging);
  });
  return joinThroughJunctions(kept, nodes);
}

/** The direction an edge leaves node `at`, judged a few pixels along it. */
function leaving(e: Edge, atStart: boolean): number {
  const pts = atStart ? e.points : [...e.points].reverse();
  const a = pts[0]!;
  const b = pts[Math.min(pts.length - 1, 8)]!;
  return Math.atan2(b.y - a.y, b.x - a.x);
}

function joinThroughJunctions(edges: Edge[], nodes: number): Polyline[] {
  // at each node, pair the ends that continue straightest (within 40° of straight on)
  const ends: { edge: number; atStart: boolean }[][] = Array.from({ length: nodes }, () => []);
  edges.forEach((e, k) => {
    if (e.from >= 0) ends[e.from]!.push({ edge: k, atStart: true });
    if (e.to >= 0) ends[e.to]!.push({ edge: k, atStart: false });
  });
  const partner = new Map<string, { edge: number; atStart: boolean }>();
  const key = (x: { edge: number; atStart: boolean }) => `${x.edge}:${x.atStart ? 's' : 'e'}`;
  for (const list of ends) {
    const pairs: { a: number; b: number; bend: number }[] = [];
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        if (list[a]!.edge === list[b]!.edge) continue;
        let d = Math.abs(
          leaving(edges[list[a]!.edge]!, list[a]!.atStart) -
            leaving(edges[list[b]!.edge]!, list[b]!.atStart),
        );
        if (d > Math.PI) d = 2 * Math.PI - d;
        // a node where only two ends meet (a spur was pruned) always joins them
        const bend = Math.PI - d;
        if (list.length === 2 || bend < (40 * Math.PI) / 180) pairs.push({ a, b, bend });
      }
    }
    pairs.sort((p, q) => p.bend - q.bend);
    const used = new Set<number>();
    for (const p of pairs) {
      if (used.has(p.a) || used.has(p.b)) continue;
      used.add(p.a);
      used.add(p.b);
      partner.set(key(list[p.a]!), list[p.b]!);
      partner.set(key(list[p.b]!), list[p.a]!);
    }
  }
  const done = new Uint8Array(edges.length);
  const out: Polyline[] = [];
  const chainFrom = (edge: number, atStart: boolean): Polyline => {
    // walk back to the chain's free end first, then collect forwards
    let cur = { edge, atStart };
    const seen = new Set<number>([edge]);
    for (;;) {
      const back = partner.get(key({ edge: cur.edge, atStart: cur.atStart }));
      if (!back || seen.has(back.edge)) break;
      seen.add(back.edge);
      cur = { edge: back.edge, atStart: !back.atStart };
    }
    const line: Polyline = [];
    let at: { edge: number; atStart: boolean } | undefined = cur;
    // `at` names the end we enter by; the edge runs from it to the other end
    while (at && !done[at.edge]) {
      done[at.edge] = 1;
      const e = edges[at.edge]!;
      const pts = at.atStart ? e.points : [...e.points].reverse();
      line.push(...(line.length > 0 ? pts.slice(1) : pts));
      const next = partner.get(key({ edge: at.edge, atStart: !at.atStart }));
      at = next ? { edge: next.edge, atStart: next.atStart } : undefined;
    }
    return line;
  };
  for (let k = 0; k < edges.length; k++) {
    if (!done[k]) out.push(chainFrom(k, true));
  }
  return out;
}
