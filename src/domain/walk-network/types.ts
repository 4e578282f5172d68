/**
 * The walking network as both sides see it: the build reads road files into `RoadLine`s, builds a
 * `WalkGraph` from them (build-graph.ts), snaps communities and amenities onto its edges
 * (edge-index.ts) and measures walking distances (shortest-paths.ts); the site receives the same graph
 * (src/contracts/walk-network-file.ts) and walks it again from a selected community to draw its
 * catchment (catchment.ts). Pure: no DOM, no Node.
 */

/** How a road is drawn: the street layer styles the classes apart. */
export const ROAD_CLASSES = ['major', 'minor', 'path'] as const;
/** One of `ROAD_CLASSES`. */
export type RoadClass = (typeof ROAD_CLASSES)[number];

/** One road centreline, in WGS84. */
export interface RoadLine {
  /** Vertices as lng, lat pairs: [lng0, lat0, lng1, lat1, …]; at least two vertices. */
  coords: Float64Array;
  roadClass: RoadClass;
  /** Street name, when the file has one. Text, never markup. */
  name?: string;
}

/**
 * A walkable graph in compressed form. Every road vertex is a node; vertices at exactly the same
 * coordinates (or, in OSM, the same node id) are one node, which is how roads connect. Two roads
 * that cross without a shared vertex do not connect (a bridge or a tunnel).
 */
export interface WalkGraph {
  nodeCount: number;
  edgeCount: number;
  /** Node i at lng `coords[2i]`, lat `coords[2i+1]`. */
  coords: Float64Array;
  /** Edge e joins `edgeFrom[e]` and `edgeTo[e]`; it is walkable both ways. */
  edgeFrom: Uint32Array;
  edgeTo: Uint32Array;
  /** Length of edge e in metres (haversine, `EARTH_RADIUS_M`). */
  edgeLength: Float32Array;
  /** Road class of edge e, as an index into `ROAD_CLASSES`. */
  edgeClass: Uint8Array;
  /** Adjacency: the edges at node n are `adjEdge[adjStart[n] .. adjStart[n+1]-1]`. */
  adjStart: Uint32Array;
  adjEdge: Uint32Array;
}

/** Where a point joins the network: the nearest point on the nearest edge. */
export interface EdgeSnap {
  /** Edge index. */
  edge: number;
  /** Position along the edge, 0 at `edgeFrom`, 1 at `edgeTo`. */
  t: number;
  /** Straight-line metres from the point to that position (the walk to the street). */
  access: number;
}

/**
 * Farthest a community or amenity may lie from any road and still be joined to the network, in
 * metres. One farther keeps a straight-line result, flagged and listed in report.json: a compound
 * that far from any mapped road says the road file is incomplete there, not that people walk 300 m
 * across open ground.
 */
export const ACCESS_LIMIT_M = 300;

/** How a community's `dist_*` values were measured (`distance_method`). */
export type DistanceMethod = 'network' | 'straight_line';

/** `SnapColumns.edge` of a point joined to no edge (none within the access limit). */
export const NO_SNAP = 0xffffffff;

/**
 * Many points' `EdgeSnap`s as columns (row i is point i), the form the build keeps and ships in
 * walk-network.bin: 9 bytes a point against an object each.
 */
export interface SnapColumns {
  /** Edge index, `NO_SNAP` (0xFFFFFFFF) when the point is not joined to the network. */
  edge: Uint32Array;
  /** Position along the edge, 0 at `edgeFrom`, 1 at `edgeTo` (0 when not snapped). */
  t: Float32Array;
  /** Metres from the point to the network; NaN when not snapped. */
  access: Float32Array;
}

/** Point i's snap from `columns`, or null when it is not joined to the network. */
export function snapAt(columns: SnapColumns, i: number): EdgeSnap | null {
  const edge = columns.edge[i];
  if (edge === undefined || edge === NO_SNAP) return null;
  return { edge, t: columns.t[i] as number, access: columns.access[i] as number };
}
