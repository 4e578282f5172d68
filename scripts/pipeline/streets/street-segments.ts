/**
 * The street layer's features: the walking graph's edges joined into street segments, one per
 * stretch of street between junctions. A segment ends at a node where the street branches or
 * stops (degree ≠ 2) and where the road class or the name changes, so each feature has one
 * class and one name. Held as typed columns: a national network has about a million segments.
 */
import type { RoadLine, WalkGraph } from '../../../src/domain/walk-network/types';

/** Each edge's street name, as an index into `names` (0: no name). */
export interface EdgeNames {
  edgeName: Uint32Array;
  /** Distinct names in order of first appearance; `names[0]` is '' (no name). */
  names: string[];
}

/**
 * The name of every edge, from the line each came from (`buildIndexedWalkGraph`'s `edgeLine`):
 * the graph keeps no names, and names repeat over many edges, so they are numbered once.
 */
export function edgeNamesOf(lines: readonly RoadLine[], edgeLine: Uint32Array): EdgeNames {
  const edgeName = new Uint32Array(edgeLine.length);
  const names = [''];
  const nameIndex = new Map<string, number>([['', 0]]);
  const lineName = lines.map((line) => {
    if (!line.name) return 0;
    let k = nameIndex.get(line.name);
    if (k === undefined) {
      k = names.length;
      names.push(line.name);
      nameIndex.set(line.name, k);
    }
    return k;
  });
  for (let e = 0; e < edgeLine.length; e++) edgeName[e] = lineName[edgeLine[e]!]!;
  return { edgeName, names };
}

/** The street segments of a graph, as columns (segment s is row s). */
export interface StreetSegments {
  count: number;
  /** The edges of segment s, in walking order, are `edges[edgeStart[s] .. edgeStart[s+1]-1]`. */
  edgeStart: Uint32Array;
  edges: Uint32Array;
  /**
   * Its nodes, one more than its edges, are `nodes[edgeStart[s] + s .. edgeStart[s+1] + s]`: the
   * first where it starts, the last where it ends (the same node for a closed loop).
   */
  nodes: Uint32Array;
  /** Road class, as an index into `ROAD_CLASSES`. */
  roadClass: Uint8Array;
  /** Street name, as an index into `EdgeNames.names`. */
  name: Uint32Array;
  /** Where its midpoint (half its length along it) lies: an edge and the position t along it. */
  midEdge: Uint32Array;
  midT: Float32Array;
}

/**
 * Joins the edges into segments. Every edge is in exactly one segment. Segments start at nodes
 * in ascending order (each node's edges in adjacency order), then closed loops without any
 * junction, from their lowest edge; so the same graph always gives the same segments.
 */
export function streetSegments(graph: WalkGraph, edgeName: Uint32Array): StreetSegments {
  const { nodeCount, edgeCount, adjStart, adjEdge, edgeFrom, edgeTo, edgeClass, edgeLength } = graph;
  const sameStreet = (a: number, b: number) => edgeClass[a] === edgeClass[b] && edgeName[a] === edgeName[b];
  // A segment ends at node n unless exactly two edges meet there and they are the same street.
  const ends = (n: number) => {
    const start = adjStart[n]!;
    return adjStart[n + 1]! - start !== 2 || !sameStreet(adjEdge[start]!, adjEdge[start + 1]!);
  };

  const visited = new Uint8Array(edgeCount);
  const edges = new Uint32Array(edgeCount);
  const nodes = new Uint32Array(edgeCount * 2);
  const starts: number[] = [0];
  let nEdges = 0;
  let nNodes = 0;
  const walk = (from: number, first: number) => {
    let node = from;
    let edge = first;
    nodes[nNodes++] = node;
    for (;;) {
      visited[edge] = 1;
      edges[nEdges++] = edge;
      node = edgeFrom[edge] === node ? edgeTo[edge]! : edgeFrom[edge]!;
      nodes[nNodes++] = node;
      if (ends(node)) break;
      const at = adjStart[node]!;
      const next = adjEdge[at] === edge ? adjEdge[at + 1]! : adjEdge[at]!;
      if (visited[next]) break; // back where a closed loop began
      edge = next;
    }
    starts.push(nEdges);
  };
  for (let n = 0; n < nodeCount; n++) {
    if (!ends(n)) continue;
    for (let k = adjStart[n]!; k < adjStart[n + 1]!; k++) if (!visited[adjEdge[k]!]) walk(n, adjEdge[k]!);
  }
  for (let e = 0; e < edgeCount; e++) if (!visited[e]) walk(edgeFrom[e]!, e);

  const count = starts.length - 1;
  const edgeStart = Uint32Array.from(starts);
  const roadClass = new Uint8Array(count);
  const name = new Uint32Array(count);
  const midEdge = new Uint32Array(count);
  const midT = new Float32Array(count);
  for (let s = 0; s < count; s++) {
    const a = edgeStart[s]!;
    const b = edgeStart[s + 1]!;
    roadClass[s] = edgeClass[edges[a]!]!;
    name[s] = edgeName[edges[a]!]!;
    let total = 0;
    for (let k = a; k < b; k++) total += edgeLength[edges[k]!]!;
    let along = total / 2;
    for (let k = a; k < b; k++) {
      const e = edges[k]!;
      const len = edgeLength[e]!;
      if (along <= len || k === b - 1) {
        const f = len > 0 ? Math.min(1, along / len) : 0;
        // Walking from its `edgeFrom` node, t grows with f; walking the other way, it shrinks.
        const forward = nodes[k + s] === edgeFrom[e];
        midEdge[s] = e;
        midT[s] = forward ? f : 1 - f;
        break;
      }
      along -= len;
    }
  }
  return { count, edgeStart, edges, nodes: nodes.slice(0, nNodes), roadClass, name, midEdge, midT };
}

/** Vertices of segment s: one more than its edges. */
export function segmentVertexCount(segments: StreetSegments, s: number): number {
  return segments.edgeStart[s + 1]! - segments.edgeStart[s]! + 1;
}

/**
 * Writes segment s's vertices as lng, lat pairs into `out` from index 0 (room for
 * 2 × `segmentVertexCount`), read from `coords` (the graph's, or shifted ones). Into a buffer the
 * caller reuses: the street tiler reads a million segments several times each.
 */
export function segmentCoordsInto(
  segments: StreetSegments,
  s: number,
  coords: Float64Array,
  out: Float64Array,
): void {
  const first = segments.edgeStart[s]! + s;
  const last = segments.edgeStart[s + 1]! + s;
  for (let k = first; k <= last; k++) {
    const n = segments.nodes[k]!;
    out[2 * (k - first)] = coords[2 * n]!;
    out[2 * (k - first) + 1] = coords[2 * n + 1]!;
  }
}

/** Segment s's length in metres along its edges. */
export function segmentLength(graph: WalkGraph, segments: StreetSegments, s: number): number {
  let total = 0;
  for (let k = segments.edgeStart[s]!; k < segments.edgeStart[s + 1]!; k++)
    total += graph.edgeLength[segments.edges[k]!]!;
  return total;
}
