/**
 * Walking distance from each street segment's midpoint to the nearest amenity of each type, for
 * the street accessibility view (`acc_<type>` in streets.pmtiles). One bounded multi-source
 * search per type from the amenities' access points (shortest-paths.ts) gives every node its
 * distance; a midpoint reads it through its edge's two ends and, like a community does
 * (network-distances.ts), straight along the edge to an amenity on that same edge.
 */
import { ShortestPaths } from '../../../src/domain/walk-network/shortest-paths';
import { NO_SNAP, type SnapColumns, type WalkGraph } from '../../../src/domain/walk-network/types';
import type { StreetSegments } from './street-segments';

/** `SegmentAccess` value of a segment with no amenity of the type within the search distance. */
export const NO_ACCESS = 0xffff;

/** Per type, whole walking metres from each segment's midpoint (`NO_ACCESS`: none in reach). */
export type SegmentAccess = ReadonlyMap<string, Uint16Array>;

/**
 * The access table of `segments`. `amenitySnaps` and `amenityTypes` are row for row the
 * amenities (unsnapped ones are no source); `types` are the types reported, in order; a type
 * without a snapped amenity gets no column. `maxMetres` (at most 65,534) bounds each search.
 */
export function segmentAccess(
  graph: WalkGraph,
  segments: StreetSegments,
  amenitySnaps: SnapColumns,
  amenityTypes: readonly string[],
  types: readonly string[],
  maxMetres: number,
): SegmentAccess {
  if (!(maxMetres > 0 && maxMetres < NO_ACCESS))
    throw new RangeError(`segmentAccess: maxMetres must be from 0 to ${NO_ACCESS - 1}, got ${maxMetres}`);
  const { edgeFrom, edgeTo, edgeLength } = graph;
  const bySource = new Map<string, number[]>(types.map((t) => [t, []]));
  for (let i = 0; i < amenityTypes.length; i++)
    if (amenitySnaps.edge[i] !== NO_SNAP) bySource.get(amenityTypes[i]!)?.push(i);
  // Per edge, a linked list of the current type's amenities on it.
  const head = new Int32Array(graph.edgeCount).fill(-1);
  const next = new Int32Array(amenityTypes.length).fill(-1);
  const search = new ShortestPaths(graph);
  const table = new Map<string, Uint16Array>();
  for (const type of types) {
    const members = bySource.get(type)!;
    if (!members.length) continue;
    for (const i of members) {
      const e = amenitySnaps.edge[i]!;
      next[i] = head[e]!;
      head[e] = i;
    }
    search.run(
      members.map((i) => ({
        edge: amenitySnaps.edge[i]!,
        t: amenitySnaps.t[i]!,
        access: amenitySnaps.access[i]!,
      })),
      maxMetres,
    );
    const dist = search.dist;
    const column = new Uint16Array(segments.count).fill(NO_ACCESS);
    for (let s = 0; s < segments.count; s++) {
      const e = segments.midEdge[s]!;
      const t = segments.midT[s]!;
      const len = edgeLength[e]!;
      let d = Math.min(dist[edgeFrom[e]!]! + t * len, dist[edgeTo[e]!]! + (1 - t) * len);
      for (let i = head[e]!; i >= 0; i = next[i]!) {
        const along = amenitySnaps.access[i]! + Math.abs(t - amenitySnaps.t[i]!) * len;
        if (along < d) d = along;
      }
      if (d <= maxMetres) column[s] = Math.round(d);
    }
    for (const i of members) head[amenitySnaps.edge[i]!] = -1;
    table.set(type, column);
  }
  return table;
}
