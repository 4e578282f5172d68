/**
 * Where a point joins the walking network: the nearest point on the nearest edge, not the nearest
 * vertex. A compound gate halfway along a 200 m block is 100 m from either junction but a few
 * metres from the street; snapping to a vertex would add those 100 m to every walk from it.
 *
 * The index is a uniform grid over longitude and latitude, scaled so a cell is about `cellMetres`
 * square at the network's middle latitude. Each edge is listed in every cell its segment passes
 * through (not every cell of its bounding box, so a long diagonal edge costs a line of cells, not
 * a square of them). Cells are kept sparse, in a hash over their integer coordinates, because a
 * national network spans tens of thousands of cells each way, most of them empty.
 *
 * A query measures distances in a local equirectangular frame centred on the query point (exact
 * enough at a few hundred metres: the error is far below a millimetre), searches a box of radius
 * r around it and doubles r until the best edge found lies within r (then no unvisited edge can be
 * closer) or r reaches the access limit. The access it reports is the haversine distance to the
 * snapped position, on the same sphere as every edge length.
 */
import { METRES_PER_DEGREE, haversineMetres, metresPerDegreeLng } from './geodesy';
import { IntPairHash } from './pair-hash';
import { ACCESS_LIMIT_M, type EdgeSnap, type WalkGraph } from './types';

/**
 * Slack on the search radius: planar and great-circle distances differ slightly, so the search
 * goes a little past the limit and the limit is then applied to the haversine access.
 */
const SEARCH_SLACK = 1.01;
const SEARCH_SLACK_M = 1;

/** Nearest-edge index of a `WalkGraph`; build once, query many times (not thread-safe: it keeps scratch state). */
export class EdgeIndex {
  private readonly graph: WalkGraph;
  private readonly cellMetres: number;
  /** Grid cells per degree of longitude and of latitude. */
  private readonly kx: number;
  private readonly ky: number;
  private readonly cells: IntPairHash;
  /** The edges in cell c are `cellEdges[cellStart[c] .. cellStart[c+1]-1]`, ascending. */
  private readonly cellStart: Uint32Array;
  private readonly cellEdges: Uint32Array;
  /** `stamp[e] === query` when edge e was already measured in this query. */
  private readonly stamp: Uint32Array;
  private query = 0;
  /** Scratch: rows of cells an edge passes through, as (cy, cxMin, cxMax) triples. */
  private rows = new Int32Array(3 * 64);

  /** `cellMetres`: grid cell size (default 100 m: about one city block, a handful of edges per cell). */
  constructor(graph: WalkGraph, cellMetres = 100) {
    if (!(cellMetres > 0) || !Number.isFinite(cellMetres)) {
      throw new RangeError(`cellMetres must be a positive number of metres, got ${cellMetres}`);
    }
    this.graph = graph;
    this.cellMetres = cellMetres;
    let minLat = Infinity;
    let maxLat = -Infinity;
    for (let n = 0; n < graph.nodeCount; n++) {
      const lat = graph.coords[2 * n + 1] as number;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
    const midLat = graph.nodeCount > 0 ? (minLat + maxLat) / 2 : 0;
    this.kx = metresPerDegreeLng(midLat) / cellMetres;
    this.ky = METRES_PER_DEGREE / cellMetres;

    // Pass 1 names and counts the cells, pass 2 fills them; edges go in ascending order.
    const cells = new IntPairHash(graph.edgeCount);
    let counts = new Uint32Array(Math.max(16, graph.edgeCount));
    let total = 0;
    this.forEachEdgeCell((_e, cx, cy) => {
      const id = cells.intern(cx, cy);
      if (id >= counts.length) {
        const bigger = new Uint32Array(counts.length * 2);
        bigger.set(counts);
        counts = bigger;
      }
      counts[id] = (counts[id] as number) + 1;
      total++;
    });
    const cellStart = new Uint32Array(cells.size + 1);
    for (let c = 0; c < cells.size; c++) cellStart[c + 1] = (cellStart[c] as number) + (counts[c] as number);
    const fill = cellStart.slice(0, cells.size);
    const cellEdges = new Uint32Array(total);
    this.forEachEdgeCell((e, cx, cy) => {
      const id = cells.find(cx, cy);
      cellEdges[fill[id] as number] = e;
      fill[id] = (fill[id] as number) + 1;
    });
    this.cells = cells;
    this.cellStart = cellStart;
    this.cellEdges = cellEdges;
    this.stamp = new Uint32Array(graph.edgeCount);
  }

  /**
   * The nearest point on the nearest edge to (lng, lat), or null when no edge lies within
   * `maxAccess` metres (default `ACCESS_LIMIT_M`) or the point is not a valid position. Of edges
   * equally near, the lowest edge index wins, so the answer never depends on the grid.
   */
  snap(lng: number, lat: number, maxAccess: number = ACCESS_LIMIT_M): EdgeSnap | null {
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lng) > 180)
      return null;
    if (!(maxAccess >= 0)) return null;
    const { coords, edgeFrom, edgeTo } = this.graph;
    const { cells, cellStart, cellEdges, stamp, kx, ky } = this;
    if (++this.query === 0xffffffff) {
      stamp.fill(0);
      this.query = 1;
    }
    const q = this.query;
    // Local frame at the query point: metres east and north per degree.
    const mx = metresPerDegreeLng(lat);
    const my = METRES_PER_DEGREE;
    const rMax = maxAccess * SEARCH_SLACK + SEARCH_SLACK_M;
    let bestD2 = Infinity;
    let bestEdge = -1;
    let bestT = 0;
    let r = Math.min(this.cellMetres / 2, rMax);
    for (;;) {
      const dLng = r / mx;
      const dLat = r / my;
      const cx0 = Math.floor((lng - dLng) * kx);
      const cx1 = Math.floor((lng + dLng) * kx);
      const cy0 = Math.floor((lat - dLat) * ky);
      const cy1 = Math.floor((lat + dLat) * ky);
      for (let cy = cy0; cy <= cy1; cy++) {
        for (let cx = cx0; cx <= cx1; cx++) {
          const id = cells.find(cx, cy);
          if (id < 0) continue;
          const end = cellStart[id + 1] as number;
          for (let k = cellStart[id] as number; k < end; k++) {
            const e = cellEdges[k] as number;
            if (stamp[e] === q) continue;
            stamp[e] = q;
            const a = edgeFrom[e] as number;
            const b = edgeTo[e] as number;
            const ax = ((coords[2 * a] as number) - lng) * mx;
            const ay = ((coords[2 * a + 1] as number) - lat) * my;
            const dx = ((coords[2 * b] as number) - lng) * mx - ax;
            const dy = ((coords[2 * b + 1] as number) - lat) * my - ay;
            const len2 = dx * dx + dy * dy;
            let t = len2 > 0 ? -(ax * dx + ay * dy) / len2 : 0;
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            const px = ax + t * dx;
            const py = ay + t * dy;
            const d2 = px * px + py * py;
            if (d2 < bestD2 || (d2 === bestD2 && e < bestEdge)) {
              bestD2 = d2;
              bestEdge = e;
              bestT = t;
            }
          }
        }
      }
      if (bestD2 <= r * r || r >= rMax) break;
      r = Math.min(2 * r, rMax);
    }
    if (bestEdge < 0) return null;
    const [plng, plat] = pointOnEdge(this.graph, bestEdge, bestT);
    const access = haversineMetres(lng, lat, plng, plat);
    return access <= maxAccess ? { edge: bestEdge, t: bestT, access } : null;
  }

  /** Calls `visit` with each grid cell every edge passes through, edges in ascending order. */
  private forEachEdgeCell(visit: (e: number, cx: number, cy: number) => void): void {
    for (let e = 0; e < this.graph.edgeCount; e++) {
      const nRows = this.edgeRows(e);
      const rows = this.rows;
      for (let r = 0; r < nRows; r++) {
        const cy = rows[3 * r] as number;
        for (let cx = rows[3 * r + 1] as number; cx <= (rows[3 * r + 2] as number); cx++) visit(e, cx, cy);
      }
    }
  }

  /** Writes the cell rows edge e passes through into `this.rows`; returns how many. */
  private edgeRows(e: number): number {
    const { coords, edgeFrom, edgeTo } = this.graph;
    const a = edgeFrom[e] as number;
    const b = edgeTo[e] as number;
    // Grid units: cell (cx, cy) is [cx, cx+1) × [cy, cy+1).
    const ax = (coords[2 * a] as number) * this.kx;
    const ay = (coords[2 * a + 1] as number) * this.ky;
    const bx = (coords[2 * b] as number) * this.kx;
    const by = (coords[2 * b + 1] as number) * this.ky;
    const cy0 = Math.floor(Math.min(ay, by));
    const cy1 = Math.floor(Math.max(ay, by));
    const nRows = cy1 - cy0 + 1;
    if (3 * nRows > this.rows.length) this.rows = new Int32Array(3 * nRows * 2);
    const rows = this.rows;
    const lo = Math.min(ax, bx);
    const hi = Math.max(ax, bx);
    for (let i = 0; i < nRows; i++) {
      const cy = cy0 + i;
      let x0 = lo;
      let x1 = hi;
      if (nRows > 1) {
        // The part of the segment inside this row's band, a hair wider so rounding at a cell
        // border can only add a cell, never drop one.
        const t0 = (cy - ay) / (by - ay);
        const t1 = (cy + 1 - ay) / (by - ay);
        const u0 = Math.max(0, Math.min(t0, t1) - 1e-9);
        const u1 = Math.min(1, Math.max(t0, t1) + 1e-9);
        const xa = ax + u0 * (bx - ax);
        const xb = ax + u1 * (bx - ax);
        x0 = Math.max(lo, Math.min(xa, xb) - 1e-9);
        x1 = Math.min(hi, Math.max(xa, xb) + 1e-9);
      }
      rows[3 * i] = cy;
      rows[3 * i + 1] = Math.floor(x0);
      rows[3 * i + 2] = Math.floor(x1);
    }
    return nRows;
  }
}

/**
 * The position at `t` along edge e (0 at its `edgeFrom` node, 1 at its `edgeTo` node), linear in
 * longitude and latitude like the edge itself; the ends are returned exactly.
 */
export function pointOnEdge(graph: WalkGraph, edge: number, t: number): [number, number] {
  const a = graph.edgeFrom[edge] as number;
  const b = graph.edgeTo[edge] as number;
  const c = graph.coords;
  const alng = c[2 * a] as number;
  const alat = c[2 * a + 1] as number;
  if (t <= 0) return [alng, alat];
  const blng = c[2 * b] as number;
  const blat = c[2 * b + 1] as number;
  if (t >= 1) return [blng, blat];
  return [alng + t * (blng - alng), alat + t * (blat - alat)];
}
