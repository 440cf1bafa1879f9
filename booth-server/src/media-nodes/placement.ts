/** A media node as the registry shows it. */
export interface MediaNodeView {
  id: string;
  /** 行政区划 code or prefix served ('44' all of 广东, '4401' 广州); '' any region. */
  region: string;
  announcedAddress: string | null;
  controlUrl: string;
  /** Call rooms open on it. */
  load: number;
  available: boolean;
  startedAt: number;
  heartbeatAt: number;
}

/** Chooses the node for a party of a call; null when no node can take it. */
export type PlacementPolicy = (
  nodes: readonly MediaNodeView[],
  region: string | null,
) => MediaNodeView | null;

/** Nodes whose heartbeat is recent and whose workers run. */
export function liveNodes(
  nodes: readonly MediaNodeView[],
  now: number,
  deadAfterMs: number,
): MediaNodeView[] {
  return nodes.filter((n) => n.available && now - n.heartbeatAt < deadAfterMs);
}

/**
 * The default placement: among the given (live) nodes, those serving the most specific
 * region that contains the party's (the longest matching prefix; '' matches every region),
 * then the least loaded, then the lowest id so every process picks the same. A party whose
 * region no node serves goes to the least-loaded node anywhere: a call with media far away
 * beats no call.
 */
export const nearestLeastLoaded: PlacementPolicy = (nodes, region) => {
  if (nodes.length === 0) return null;
  const serving = nodes.filter((n) => region !== null && region.startsWith(n.region));
  const best = Math.max(-1, ...serving.map((n) => n.region.length));
  const candidates = best >= 0 ? serving.filter((n) => n.region.length === best) : [...nodes];
  return candidates.reduce((a, b) =>
    b.load < a.load || (b.load === a.load && b.id < a.id) ? b : a,
  );
};
