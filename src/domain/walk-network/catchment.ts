/**
 * A community's walking catchment: the area within 300 / 500 / 1000 m on foot, drawn as a buffer
 * of the part of the street network reachable within each distance. Not a circle and not a
 * convex hull: a street the walk cannot reach in time (across a river with the bridge far away)
 * stays outside however close it lies.
 *
 * 1. A bounded single-source Dijkstra from the snap point (access included, as in the life-circle
 *    distances) gives each node within the largest radius its walking distance.
 * 2. For each radius r, the reached part of every edge: from an end reached at d ≤ r the walk
 *    goes r − d metres further along the edge (so a far end reached only partly counts only as
 *    far as the walk gets), and on the snap point's own edge r − access metres both ways.
 * 3. Those pieces are rasterised onto a local metric grid as the distance from each cell centre
 *    to the nearest piece, and d3-contour traces the line at `bufferMetres` from them: a true
 *    buffer, whose edge the linear interpolation between cell centres places to well under a
 *    cell, where a grid of walking distances would jump from "reached" to "nothing" across the
 *    buffer's edge and leave a staircase.
 *
 * Larger radii reach a superset of pieces, so the polygons nest. Runs in the browser on selection:
 * the search's buffers are kept per graph (a WeakMap), and the grid spans only the reached area.
 */
import { contours } from 'd3-contour';
import type { MultiPolygon, Position } from 'geojson';
import { pointOnEdge } from './edge-index';
import { METRES_PER_DEGREE, metresPerDegreeLng } from './geodesy';
import { ShortestPaths } from './shortest-paths';
import type { EdgeSnap, WalkGraph } from './types';

/** Options of `catchmentPolygons`. */
export interface CatchmentOptions {
  /**
   * Half-width of the band drawn around each reached street, in metres (default 40): roughly a
   * street's frontage, the buildings and gates one reaches from it. Keep it below half the gap
   * between streets that do not connect (a river, a railway), or the bands of both banks touch.
   */
  bufferMetres?: number;
  /**
   * Grid cell size, in metres (default 10). Finer costs time as the square; the interpolated
   * outline is accurate to a small part of a cell anyway. Grown automatically past `MAX_CELLS`.
   */
  cellMetres?: number;
}

/** One radius's catchment. */
export interface Catchment {
  radius: number;
  /** WGS84; exterior rings counter-clockwise, holes clockwise (RFC 7946). Empty when nothing is reached. */
  geometry: MultiPolygon;
}

/** Largest grid, in cells: a very large radius coarsens the cells rather than the page's memory. */
const MAX_CELLS = 4_000_000;

const searches = new WeakMap<WalkGraph, ShortestPaths>();

function searchFor(graph: WalkGraph): ShortestPaths {
  let sp = searches.get(graph);
  if (!sp) searches.set(graph, (sp = new ShortestPaths(graph)));
  return sp;
}

/** Reached pieces of edges in local metres: piece i is (x1, y1) → (x2, y2) at 4i … 4i+3. */
class Pieces {
  data = new Float64Array(4 * 256);
  count = 0;
  add(x1: number, y1: number, x2: number, y2: number): void {
    if (4 * this.count === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const d = this.data;
    const k = 4 * this.count++;
    d[k] = x1;
    d[k + 1] = y1;
    d[k + 2] = x2;
    d[k + 3] = y2;
  }
}

/**
 * The area reachable on foot from `from` within each of `radii` metres, as MultiPolygons in
 * WGS84, in the order of `radii`.
 */
export function catchmentPolygons(
  graph: WalkGraph,
  from: EdgeSnap,
  radii: readonly number[],
  opts: CatchmentOptions = {},
): Catchment[] {
  const buffer = opts.bufferMetres ?? 40;
  let cell = opts.cellMetres ?? 10;
  if (!(buffer > 0) || !Number.isFinite(buffer)) {
    throw new RangeError(`bufferMetres must be a positive number of metres, got ${buffer}`);
  }
  if (!(cell > 0) || !Number.isFinite(cell)) {
    throw new RangeError(`cellMetres must be a positive number of metres, got ${cell}`);
  }
  for (const r of radii) {
    if (!(r >= 0) || !Number.isFinite(r))
      throw new RangeError(`catchment radius must be metres ≥ 0, got ${r}`);
  }
  if (!(from.edge >= 0 && from.edge < graph.edgeCount)) {
    throw new RangeError(`catchment start edge ${from.edge} is outside the graph's ${graph.edgeCount} edges`);
  }
  if (radii.length === 0) return [];
  const maxR = Math.max(...radii);

  const sp = searchFor(graph);
  sp.run([from], maxR);
  const dist = sp.dist;
  const { adjStart, adjEdge, edgeFrom, edgeTo, edgeLength, coords } = graph;

  // Edges with a reached end, and the start edge (reached from the snap point in its middle).
  const edgeSet = new Set<number>([from.edge]);
  for (const n of sp.reached()) {
    for (let k = adjStart[n] as number; k < (adjStart[n + 1] as number); k++)
      edgeSet.add(adjEdge[k] as number);
  }
  const edges = Uint32Array.from(edgeSet);

  // Local frame: metres east and north of the snap point.
  const [lng0, lat0] = pointOnEdge(graph, from.edge, from.t);
  const mx = metresPerDegreeLng(lat0);
  const my = METRES_PER_DEGREE;
  const startT = Math.min(1, Math.max(0, from.t));

  const spans = new Float64Array(6);
  const piecesByRadius = radii.map((r) => {
    const pieces = new Pieces();
    for (const e of edges) {
      const a = edgeFrom[e] as number;
      const b = edgeTo[e] as number;
      const len = edgeLength[e] as number;
      const l = len > 0 ? len : 1;
      // The reached fractions of the edge: from each reached end as far as the rest of r
      // allows, and both ways from the start on its own edge.
      let count = 0;
      const dA = dist[a] as number;
      const dB = dist[b] as number;
      if (dA <= r) count = addSpan(spans, count, 0, (r - dA) / l);
      if (dB <= r) count = addSpan(spans, count, 1 - (r - dB) / l, 1);
      if (e === from.edge && from.access <= r) {
        const reach = (r - from.access) / l;
        count = addSpan(spans, count, startT - reach, startT + reach);
      }
      if (count === 0) continue;
      const ax = ((coords[2 * a] as number) - lng0) * mx;
      const ay = ((coords[2 * a + 1] as number) - lat0) * my;
      const bx = ((coords[2 * b] as number) - lng0) * mx;
      const by = ((coords[2 * b + 1] as number) - lat0) * my;
      for (let k = 0; k < 2 * count; k += 2) {
        const lo = spans[k] as number;
        const hi = spans[k + 1] as number;
        pieces.add(ax + lo * (bx - ax), ay + lo * (by - ay), ax + hi * (bx - ax), ay + hi * (by - ay));
      }
    }
    return pieces;
  });

  // All radii share one lattice of cells (cell i spans [i·cell, (i+1)·cell) metres east of the
  // start), so where two grids overlap they hold the same values and the outlines nest; each
  // radius's grid covers only its own pieces, plus the band and a margin.
  const boxes = piecesByRadius.map(bounds);
  const all = boxes.reduce(
    (u, b) => [Math.min(u[0], b[0]), Math.min(u[1], b[1]), Math.max(u[2], b[2]), Math.max(u[3], b[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  const cellsAcross = (c: number) =>
    ((all[2] - all[0] + 2 * (buffer + 3 * c)) / c) * ((all[3] - all[1] + 2 * (buffer + 3 * c)) / c);
  while (cellsAcross(cell) > MAX_CELLS) cell *= 1.5;
  // Cells nearer than the band plus one cell get their exact distance; farther ones are never
  // next to a cell inside the band (a neighbour is one cell away), so a cap serves for them.
  const cap = buffer + cell;

  return radii.map((radius, i) => {
    const box = boxes[i] as [number, number, number, number];
    if (!(box[0] <= box[2])) return { radius, geometry: emptyMultiPolygon() };
    const i0 = Math.floor((box[0] - cap) / cell) - 1;
    const j0 = Math.floor((box[1] - cap) / cell) - 1;
    const nx = Math.floor((box[2] + cap) / cell) + 2 - i0;
    const ny = Math.floor((box[3] + cap) / cell) + 2 - j0;
    const x0 = i0 * cell;
    const y0 = j0 * cell;
    const values = rasterise(piecesByRadius[i] as Pieces, nx, ny, x0, y0, cell, cap);
    // d3-contour encloses values ≥ threshold: the grid holds minus the distance to the network.
    // Its type asks for number[]; it only indexes the array, so a Float64Array serves.
    const traced = contours()
      .size([nx, ny])
      .contour(values as unknown as number[], -buffer);
    const polygons: Position[][][] = traced.coordinates.map((polygon) =>
      polygon.map((ring, r) => {
        const out: Position[] = ring.map(([gx, gy]) => [
          lng0 + (x0 + (gx as number) * cell) / mx,
          lat0 + (y0 + (gy as number) * cell) / my,
        ]);
        // Exterior counter-clockwise, holes clockwise.
        if (r === 0 ? signedArea(out) < 0 : signedArea(out) > 0) out.reverse();
        return out;
      }),
    );
    return { radius, geometry: { type: 'MultiPolygon', coordinates: polygons } };
  });
}

/**
 * Adds the fraction interval [u0, u1] of an edge, clipped to [0, 1], to the `count` disjoint
 * intervals in `spans` (pairs), merging it with any it overlaps; returns the new count. Merging
 * keeps an edge reached from both ends from being drawn twice.
 */
function addSpan(spans: Float64Array, count: number, u0: number, u1: number): number {
  let lo = Math.max(0, u0);
  let hi = Math.min(1, u1);
  if (hi < lo) return count;
  let kept = 0;
  for (let k = 0; k < count; k++) {
    const a = spans[2 * k] as number;
    const b = spans[2 * k + 1] as number;
    if (b < lo || a > hi) {
      spans[2 * kept] = a;
      spans[2 * kept + 1] = b;
      kept++;
    } else {
      lo = Math.min(lo, a);
      hi = Math.max(hi, b);
    }
  }
  spans[2 * kept] = lo;
  spans[2 * kept + 1] = hi;
  return kept + 1;
}

/** [minX, minY, maxX, maxY] of the pieces (an empty box, min > max, when there are none). */
function bounds(pieces: Pieces): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const d = pieces.data;
  for (let k = 0; k < 4 * pieces.count; k += 2) {
    const x = d[k] as number;
    const y = d[k + 1] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/**
 * Minus the distance (metres) from each cell centre to the nearest piece, capped at `cap`. Cell
 * (i, j)'s centre is at (x0 + (i + 0.5)·cell, y0 + (j + 0.5)·cell), where d3-contour puts value
 * i + j·nx.
 */
function rasterise(
  pieces: Pieces,
  nx: number,
  ny: number,
  x0: number,
  y0: number,
  cell: number,
  cap: number,
): Float64Array {
  // Squared distances first: one square root per cell at the end, not one per piece and cell.
  const values = new Float64Array(nx * ny).fill(cap * cap);
  const d = pieces.data;
  for (let k = 0; k < 4 * pieces.count; k += 4) {
    const ax = d[k] as number;
    const ay = d[k + 1] as number;
    const dx = (d[k + 2] as number) - ax;
    const dy = (d[k + 3] as number) - ay;
    const len2 = dx * dx + dy * dy;
    const i0 = Math.max(0, Math.floor((Math.min(ax, ax + dx) - cap - x0) / cell - 0.5));
    const i1 = Math.min(nx - 1, Math.ceil((Math.max(ax, ax + dx) + cap - x0) / cell - 0.5));
    const j0 = Math.max(0, Math.floor((Math.min(ay, ay + dy) - cap - y0) / cell - 0.5));
    const j1 = Math.min(ny - 1, Math.ceil((Math.max(ay, ay + dy) + cap - y0) / cell - 0.5));
    for (let j = j0; j <= j1; j++) {
      const py = y0 + (j + 0.5) * cell - ay;
      const row = j * nx;
      for (let i = i0; i <= i1; i++) {
        const px = x0 + (i + 0.5) * cell - ax;
        let t = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = px - t * dx;
        const ey = py - t * dy;
        const d2 = ex * ex + ey * ey;
        if (d2 < (values[row + i] as number)) values[row + i] = d2;
      }
    }
  }
  for (let i = 0; i < values.length; i++) values[i] = -Math.sqrt(values[i] as number);
  return values;
}

/** Twice the signed area of a closed ring (positive when counter-clockwise with y north). */
function signedArea(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[i] as Position;
    const q = ring[j] as Position;
    s += ((q[0] as number) - (p[0] as number)) * ((q[1] as number) + (p[1] as number));
  }
  return s;
}

function emptyMultiPolygon(): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: [] };
}
