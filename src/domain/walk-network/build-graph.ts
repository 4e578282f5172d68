/**
 * Road lines → `WalkGraph`. Topology comes from coordinates alone: every vertex is a node, and
 * vertices at exactly the same coordinates are one node. That is the rule for every input format:
 * OSM readers give the vertices of a shared node id identical coordinates, and GIS road files
 * that are topologically clean share their junction vertices. Two lines that merely cross, with
 * no vertex in common, stay apart: that is a bridge or a tunnel, and joining them would let a
 * walk step off a flyover onto the street below.
 *
 * Built for the national scale (2 million edges): vertices are merged through an open-addressing
 * hash over the coordinate pairs (pair-hash.ts) and edges collect in growing typed arrays.
 */
import { haversineMetres, isValidLngLat } from './geodesy';
import { PairHash } from './pair-hash';
import { ROAD_CLASSES, type RoadClass, type RoadLine, type WalkGraph } from './types';

const CLASS_INDEX: ReadonlyMap<RoadClass, number> = new Map(ROAD_CLASSES.map((c, i) => [c, i]));

/** Edges in growing typed arrays (capacity doubles), trimmed at the end. */
class EdgeBuffer {
  count = 0;
  from = new Uint32Array(1024);
  to = new Uint32Array(1024);
  length = new Float32Array(1024);
  cls = new Uint8Array(1024);
  line = new Uint32Array(1024);

  push(a: number, b: number, metres: number, cls: number, line: number): void {
    if (this.count === this.from.length) this.grow();
    const e = this.count++;
    this.from[e] = a;
    this.to[e] = b;
    this.length[e] = metres;
    this.cls[e] = cls;
    this.line[e] = line;
  }

  private grow(): void {
    const n = this.from.length * 2;
    const from = new Uint32Array(n);
    from.set(this.from);
    const to = new Uint32Array(n);
    to.set(this.to);
    const length = new Float32Array(n);
    length.set(this.length);
    const cls = new Uint8Array(n);
    cls.set(this.cls);
    const line = new Uint32Array(n);
    line.set(this.line);
    Object.assign(this, { from, to, length, cls, line });
  }
}

/**
 * Builds the walking graph of `lines` (read once, in order, so a generator that streams a large
 * file works). Consecutive duplicate vertices and zero-length segments add no edge. A vertex with
 * invalid coordinates (not finite, or outside ±180° / ±90°) breaks its line in two there rather
 * than joining its neighbours with an edge that was never drawn. Edge e is the e-th segment kept,
 * in input order, so the same lines always give the same graph.
 */
export function buildWalkGraph(lines: Iterable<RoadLine>): WalkGraph {
  return buildIndexedWalkGraph(lines).graph;
}

/** A walking graph with, for each edge, the road line it came from. */
export interface IndexedWalkGraph {
  graph: WalkGraph;
  /** Edge e was cut from `lines[edgeLine[e]]` (0-based, in input order). */
  edgeLine: Uint32Array;
}

/**
 * `buildWalkGraph`, also saying which line each edge came from: the street layer names and
 * styles its segments by their line, and this keeps that mapping under the graph's own rules
 * instead of a second walk over the lines that would have to repeat them.
 */
export function buildIndexedWalkGraph(lines: Iterable<RoadLine>): IndexedWalkGraph {
  const nodes = new PairHash(1 << 16);
  const edges = new EdgeBuffer();
  let lineNo = 0;
  for (const line of lines) {
    const cls = CLASS_INDEX.get(line.roadClass);
    if (cls === undefined) {
      throw new Error(
        `road line ${lineNo} has road class "${String(line.roadClass)}", not one of ${ROAD_CLASSES.join(', ')}`,
      );
    }
    const coords = line.coords;
    let prev = -1;
    let px = 0;
    let py = 0;
    for (let i = 0; i + 1 < coords.length; i += 2) {
      const x = coords[i] as number;
      const y = coords[i + 1] as number;
      if (!isValidLngLat(x, y)) {
        prev = -1;
        continue;
      }
      if (prev >= 0 && x === px && y === py) continue;
      const id = nodes.intern(x, y);
      if (prev >= 0) {
        const metres = haversineMetres(px, py, x, y);
        // Distinct coordinates can still be 0 m apart (±180° longitude); such a step is no edge.
        if (metres > 0) edges.push(prev, id, metres, cls, lineNo);
      }
      prev = id;
      px = x;
      py = y;
    }
    lineNo++;
  }
  const m = edges.count;
  const graph = withAdjacency({
    nodeCount: nodes.size,
    edgeCount: m,
    coords: nodes.pairs(),
    edgeFrom: edges.from.slice(0, m),
    edgeTo: edges.to.slice(0, m),
    edgeLength: edges.length.slice(0, m),
    edgeClass: edges.cls.slice(0, m),
  });
  return { graph, edgeLine: edges.line.slice(0, m) };
}

/**
 * Adds the compressed adjacency (CSR) to a graph given as nodes and edges: the edges at node n,
 * in ascending edge order, are `adjEdge[adjStart[n] .. adjStart[n+1]-1]`. An edge appears at both
 * its ends (twice at one node if it is a loop). Used by the build and by the file decoder.
 */
export function withAdjacency(g: Omit<WalkGraph, 'adjStart' | 'adjEdge'>): WalkGraph {
  const { nodeCount, edgeCount, edgeFrom, edgeTo } = g;
  const adjStart = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    const a = (edgeFrom[e] as number) + 1;
    const b = (edgeTo[e] as number) + 1;
    adjStart[a] = (adjStart[a] as number) + 1;
    adjStart[b] = (adjStart[b] as number) + 1;
  }
  for (let n = 0; n < nodeCount; n++) adjStart[n + 1] = (adjStart[n + 1] as number) + (adjStart[n] as number);
  const fill = adjStart.slice(0, nodeCount);
  const adjEdge = new Uint32Array(2 * edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const a = edgeFrom[e] as number;
    const b = edgeTo[e] as number;
    adjEdge[fill[a] as number] = e;
    fill[a] = (fill[a] as number) + 1;
    adjEdge[fill[b] as number] = e;
    fill[b] = (fill[b] as number) + 1;
  }
  return {
    nodeCount,
    edgeCount,
    coords: g.coords,
    edgeFrom,
    edgeTo,
    edgeLength: g.edgeLength,
    edgeClass: g.edgeClass,
    adjStart,
    adjEdge,
  };
}
