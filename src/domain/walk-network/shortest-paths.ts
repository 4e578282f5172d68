/**
 * Bounded multi-source Dijkstra over a `WalkGraph`. Sources are points on edges (`EdgeSnap`s): a
 * source at (edge, t, access) reaches the edge's `edgeFrom` node after access + t·length metres
 * and its `edgeTo` node after access + (1 − t)·length. The search stops at `maxMetres`, so a
 * 3 km life-circle search touches only the streets within 3 km of some facility.
 *
 * Written for the national scale: a binary heap in typed arrays with lazy deletion (a node is
 * pushed again when its distance improves and stale entries are skipped when popped), distances
 * in a Float64Array reused across runs, and only the nodes a run touched reset before the next.
 *
 * A point's distance read through its edge's two ends (`walkingDistanceTo`) misses one path: from
 * a source on the same edge straight along it. network-distances.ts and catchment.ts add that
 * case; this module does not know which points share an edge.
 */
import type { EdgeSnap, WalkGraph } from './types';

/** A reusable shortest-path search on one graph (keeps buffers sized to the graph between runs). */
export class ShortestPaths {
  /** The graph searched. */
  readonly graph: WalkGraph;
  /** Metres from the nearest source to node n after `run`; Infinity where beyond `maxMetres`. */
  readonly dist: Float64Array;
  /** Nodes given a finite distance by the last run, in the order first reached. */
  private touched: Uint32Array;
  private touchedCount = 0;
  private heapKey = new Float64Array(1024);
  private heapNode = new Uint32Array(1024);
  private heapSize = 0;
  /** Per adjacency slot k: the node across edge `adjEdge[k]` and its length, read in the hot loop. */
  private readonly adjNode: Uint32Array;
  private readonly adjLength: Float32Array;

  constructor(graph: WalkGraph) {
    this.graph = graph;
    const { adjStart, adjEdge, edgeFrom, edgeTo, edgeLength, nodeCount } = graph;
    // The neighbour and length side by side with the adjacency save two indirections per
    // relaxation (edgeFrom/edgeTo, edgeLength), which on a national graph miss the cache.
    this.adjNode = new Uint32Array(adjEdge.length);
    this.adjLength = new Float32Array(adjEdge.length);
    for (let n = 0; n < nodeCount; n++) {
      for (let k = adjStart[n] as number; k < (adjStart[n + 1] as number); k++) {
        const e = adjEdge[k] as number;
        const a = edgeFrom[e] as number;
        this.adjNode[k] = a === n ? (edgeTo[e] as number) : a;
        this.adjLength[k] = edgeLength[e] as number;
      }
    }
    this.dist = new Float64Array(graph.nodeCount).fill(Infinity);
    this.touched = new Uint32Array(Math.min(graph.nodeCount, 1024));
  }

  /**
   * Fills `dist` with the walking metres from the nearest source, searching no farther than
   * `maxMetres`. Sources whose edge is out of range or whose access or t is not finite are
   * ignored, as are sources farther than `maxMetres` from both ends of their edge.
   */
  run(sources: readonly EdgeSnap[], maxMetres: number): void {
    this.reset();
    const { edgeFrom, edgeTo, edgeLength, edgeCount } = this.graph;
    for (const s of sources) {
      if (!(s.edge >= 0 && s.edge < edgeCount) || !Number.isFinite(s.t) || !Number.isFinite(s.access))
        continue;
      const len = edgeLength[s.edge] as number;
      const t = Math.min(1, Math.max(0, s.t));
      this.seed(edgeFrom[s.edge] as number, s.access + t * len, maxMetres);
      this.seed(edgeTo[s.edge] as number, s.access + (1 - t) * len, maxMetres);
    }
    this.search(maxMetres);
  }

  /** The nodes reached (finite distance) by the last run; a view valid until the next run. */
  reached(): Uint32Array {
    return this.touched.subarray(0, this.touchedCount);
  }

  /** Writes `dist` into `out` (length nodeCount) as Float32, Infinity where unreached. */
  writeTo(out: Float32Array): Float32Array {
    out.fill(Infinity);
    const { dist, touched } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      const n = touched[i] as number;
      out[n] = dist[n] as number;
    }
    return out;
  }

  private reset(): void {
    const { dist, touched } = this;
    for (let i = 0; i < this.touchedCount; i++) dist[touched[i] as number] = Infinity;
    this.touchedCount = 0;
    this.heapSize = 0;
  }

  private seed(node: number, d: number, maxMetres: number): void {
    if (d <= maxMetres && d < (this.dist[node] as number)) this.improve(node, d);
  }

  private improve(node: number, d: number): void {
    if (this.dist[node] === Infinity) {
      if (this.touchedCount === this.touched.length) {
        const bigger = new Uint32Array(Math.min(this.graph.nodeCount, this.touched.length * 2));
        bigger.set(this.touched);
        this.touched = bigger;
      }
      this.touched[this.touchedCount++] = node;
    }
    this.dist[node] = d;
    this.push(d, node);
  }

  private search(maxMetres: number): void {
    const { adjStart } = this.graph;
    const { dist, adjNode, adjLength } = this;
    while (this.heapSize > 0) {
      const d = this.heapKey[0] as number;
      const n = this.pop();
      if (d > (dist[n] as number)) continue; // stale entry
      const end = adjStart[n + 1] as number;
      for (let k = adjStart[n] as number; k < end; k++) {
        const other = adjNode[k] as number;
        const nd = d + (adjLength[k] as number);
        if (nd <= maxMetres && nd < (dist[other] as number)) this.improve(other, nd);
      }
    }
  }

  private push(key: number, node: number): void {
    if (this.heapSize === this.heapKey.length) {
      const keys = new Float64Array(this.heapKey.length * 2);
      keys.set(this.heapKey);
      const nodes = new Uint32Array(this.heapNode.length * 2);
      nodes.set(this.heapNode);
      this.heapKey = keys;
      this.heapNode = nodes;
    }
    const hk = this.heapKey;
    const hn = this.heapNode;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = hk[parent] as number;
      if (pk <= key) break;
      hk[i] = pk;
      hn[i] = hn[parent] as number;
      i = parent;
    }
    hk[i] = key;
    hn[i] = node;
  }

  /** Removes the minimum and returns its node (its key was `heapKey[0]`). */
  private pop(): number {
    const hk = this.heapKey;
    const hn = this.heapNode;
    const top = hn[0] as number;
    const size = --this.heapSize;
    if (size === 0) return top;
    const key = hk[size] as number;
    const node = hn[size] as number;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && (hk[child + 1] as number) < (hk[child] as number)) child++;
      const ck = hk[child] as number;
      if (ck >= key) break;
      hk[i] = ck;
      hn[i] = hn[child] as number;
      i = child;
    }
    hk[i] = key;
    hn[i] = node;
    return top;
  }
}

/**
 * Per node, the shortest walking metres from the nearest of `sources`, Infinity beyond
 * `maxMetres`. For many runs on one graph, keep a `ShortestPaths` and call `run` instead.
 */
export function multiSourceDistances(
  graph: WalkGraph,
  sources: readonly EdgeSnap[],
  maxMetres: number,
): Float32Array {
  const sp = new ShortestPaths(graph);
  sp.run(sources, maxMetres);
  return sp.writeTo(new Float32Array(graph.nodeCount));
}

/**
 * Metres from the nearest source to the point behind `snap` (its access included), reaching its
 * edge through either end: Infinity when neither end was reached. Does not see a source on the
 * same edge between the point and an end (see the module comment).
 */
export function walkingDistanceTo(
  graph: WalkGraph,
  nodeDist: Float32Array | Float64Array,
  snap: EdgeSnap,
): number {
  if (!(snap.edge >= 0 && snap.edge < graph.edgeCount)) {
    throw new RangeError(`snap edge ${snap.edge} is outside the graph's ${graph.edgeCount} edges`);
  }
  const len = graph.edgeLength[snap.edge] as number;
  const t = Math.min(1, Math.max(0, snap.t));
  const viaFrom = (nodeDist[graph.edgeFrom[snap.edge] as number] as number) + t * len;
  const viaTo = (nodeDist[graph.edgeTo[snap.edge] as number] as number) + (1 - t) * len;
  return Math.min(viaFrom, viaTo) + snap.access;
}
