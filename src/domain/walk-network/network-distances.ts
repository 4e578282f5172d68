/**
 * Walking distance along the network from every community to the nearest amenity of every type:
 * the network counterpart of scripts/pipeline/life-circle-distances.ts, returning a table of the
 * same shape so the build reads either one the same way (`distancesOf`).
 *
 * Communities and amenities join the network at the nearest point on the nearest edge
 * (edge-index.ts), within `accessLimit`; the walk counts that access at both ends. An amenity
 * that does not join is no source; a community that does not join gets NaN in every column (the
 * build then keeps its straight-line result and flags it). One bounded multi-source Dijkstra per
 * type (shortest-paths.ts) gives each node the distance to the nearest amenity of the type; a
 * community reads it through its edge's two ends, and, when amenities of the type sit on its own
 * edge, also straight along the edge to each of them, which the ends alone would miss (a shop
 * 20 m along the same street would otherwise be reached only by walking to a junction and back).
 */
import { EdgeIndex } from './edge-index';
import { ShortestPaths } from './shortest-paths';
import { ACCESS_LIMIT_M, NO_SNAP, type EdgeSnap, type SnapColumns, type WalkGraph } from './types';

export type { SnapColumns } from './types';

/** Options of `networkNearestDistances`. */
export interface NetworkDistanceOptions {
  /** Types to report, in order; a type with no snapped amenity is reported as all NaN. */
  types: readonly string[];
  /** Farthest walk searched, in metres; beyond it the answer is "none" (NaN). */
  maxSearchMetres: number;
  /** Farthest a point may lie from the network and still join it (default `ACCESS_LIMIT_M`, 300 m). */
  accessLimit?: number;
  /** An index already built on `graph`, to reuse (default: one is built). */
  edgeIndex?: EdgeIndex;
}

/**
 * The result: the table has the shape of life-circle-distances.ts's `NearestDistanceTable`
 * (metres, NaN for none within `maxSearchMetres` or for a community not joined to the network),
 * plus where each community and amenity joined and figures for the manifest and report.
 */
export interface NetworkDistances {
  table: {
    count: number;
    types: readonly string[];
    maxSearchMetres: number;
    columns: ReadonlyMap<string, Float32Array>;
  };
  /** Row i: community i. */
  communitySnaps: SnapColumns;
  /** Row i: amenity i (every amenity, whatever its type). */
  amenitySnaps: SnapColumns;
  stats: {
    nodes: number;
    edges: number;
    communitiesSnapped: number;
    amenitiesSnapped: number;
    /** Worst access of a snapped community, metres (0 when none snapped). */
    maxCommunityAccess: number;
    /** Worst access of a snapped amenity, metres (0 when none snapped). */
    maxAmenityAccess: number;
  };
}

interface LngLat {
  lng: number;
  lat: number;
}

/** Snaps every point; keeps the exact (Float64) t and access for the distances alongside. */
function snapAll(index: EdgeIndex, points: readonly LngLat[], accessLimit: number) {
  const n = points.length;
  const columns: SnapColumns = {
    edge: new Uint32Array(n).fill(NO_SNAP),
    t: new Float32Array(n),
    access: new Float32Array(n).fill(Number.NaN),
  };
  const t = new Float64Array(n);
  const access = new Float64Array(n).fill(Number.NaN);
  let snapped = 0;
  let maxAccess = 0;
  for (let i = 0; i < n; i++) {
    const p = points[i] as LngLat;
    const s = index.snap(p.lng, p.lat, accessLimit);
    if (!s) continue;
    columns.edge[i] = s.edge;
    columns.t[i] = t[i] = s.t;
    columns.access[i] = access[i] = s.access;
    snapped++;
    if (s.access > maxAccess) maxAccess = s.access;
  }
  return { columns, t, access, snapped, maxAccess };
}

/**
 * For each community, the walking distance in metres to the nearest amenity of each type in
 * `opts.types`, searching no farther than `opts.maxSearchMetres`.
 */
export function networkNearestDistances(
  graph: WalkGraph,
  communities: readonly LngLat[],
  amenities: readonly (LngLat & { type: string })[],
  opts: NetworkDistanceOptions,
): NetworkDistances {
  const { types, maxSearchMetres } = opts;
  const accessLimit = opts.accessLimit ?? ACCESS_LIMIT_M;
  if (!(maxSearchMetres > 0) || !Number.isFinite(maxSearchMetres)) {
    throw new RangeError(
      `maxSearchMetres must be a positive finite number of metres, got ${maxSearchMetres}`,
    );
  }
  if (!(accessLimit >= 0) || !Number.isFinite(accessLimit)) {
    throw new RangeError(`accessLimit must be a finite number of metres ≥ 0, got ${accessLimit}`);
  }
  const index = opts.edgeIndex ?? new EdgeIndex(graph);
  const com = snapAll(index, communities, accessLimit);
  const am = snapAll(index, amenities, accessLimit);

  // Sources of each type, and per edge a linked list of the current type's sources on it.
  const typeIndex = new Map(types.map((type, i) => [type, i]));
  const sourcesByType: number[][] = types.map(() => []);
  for (let i = 0; i < amenities.length; i++) {
    const k = typeIndex.get((amenities[i] as { type: string }).type);
    if (k !== undefined && am.columns.edge[i] !== NO_SNAP) sourcesByType[k]?.push(i);
  }
  const head = new Int32Array(graph.edgeCount).fill(-1);
  const next = new Int32Array(amenities.length).fill(-1);

  const sp = new ShortestPaths(graph);
  const { edgeFrom, edgeTo, edgeLength } = graph;
  const columns = new Map<string, Float32Array>();
  types.forEach((type, k) => {
    const column = new Float32Array(communities.length).fill(Number.NaN);
    columns.set(type, column);
    const members = sourcesByType[k] ?? [];
    if (members.length === 0) return;
    const sources: EdgeSnap[] = members.map((i) => ({
      edge: am.columns.edge[i] as number,
      t: am.t[i] as number,
      access: am.access[i] as number,
    }));
    for (const i of members) {
      const e = am.columns.edge[i] as number;
      next[i] = head[e] as number;
      head[e] = i;
    }
    sp.run(sources, maxSearchMetres);
    const dist = sp.dist;
    for (let c = 0; c < communities.length; c++) {
      const e = com.columns.edge[c] as number;
      if (e === NO_SNAP) continue;
      const len = edgeLength[e] as number;
      const t = com.t[c] as number;
      let d = Math.min(
        (dist[edgeFrom[e] as number] as number) + t * len,
        (dist[edgeTo[e] as number] as number) + (1 - t) * len,
      );
      for (let i = head[e] as number; i >= 0; i = next[i] as number) {
        const along = (am.access[i] as number) + Math.abs(t - (am.t[i] as number)) * len;
        if (along < d) d = along;
      }
      d += com.access[c] as number;
      if (d <= maxSearchMetres) column[c] = d;
    }
    for (const i of members) head[am.columns.edge[i] as number] = -1;
  });

  return {
    table: { count: communities.length, types, maxSearchMetres, columns },
    communitySnaps: com.columns,
    amenitySnaps: am.columns,
    stats: {
      nodes: graph.nodeCount,
      edges: graph.edgeCount,
      communitiesSnapped: com.snapped,
      amenitiesSnapped: am.snapped,
      maxCommunityAccess: com.maxAccess,
      maxAmenityAccess: am.maxAccess,
    },
  };
}
