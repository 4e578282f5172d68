/**
 * A SYNTHETIC road network for the national TEST ledgers (`npm run gen:national -- --roads`): street
 * grids around the generated communities and amenities, for timing the walking-network build at
 * national scale (about 2 million edges). It is a test network, never a city's streets.
 *
 * How it is laid out:
 * - The country is cut into cells of about 500 m. Every cell holding a community or an amenity
 *   gets a full street grid, `blockM` apart (chosen so the whole network has about `edges`
 *   edges), so every point has a street within half a block; its eight neighbours get every
 *   other street of the grid, which joins nearby clusters into one network.
 * - Each cell belongs to the nearest city centre, and each city lays its own grid over its cells.
 *   Every grid crossing is a vertex that the crossing streets share: that is how the build's
 *   graph connects them. Grids of neighbouring cities meet at cell borders without joining.
 * - Each city's river (layout.ts) runs through every grid it passes: streets stop where its water
 *   begins, on each bank, and share no vertex across it (a street whose segment would still
 *   cross the centre line, at a bend, loses that segment). Bridges, on the major streets, are
 *   roads of their own from the last junction on one bank to the first on the other, with their
 *   own vertices at the water's edges. No other segment crosses a river's centre line.
 * - Each city's park has no street within `PARK_RADIUS_M`, so the few points the ledger generator
 *   put in it are farther than the access limit from any street.
 *
 * Pure and deterministic: the same points, cities, layouts and edge count give the same features
 * in the same order. Features come out of a generator, so the CLI streams them to disk and never
 * holds the network in memory.
 */
import { METRES_PER_DEGREE, metresPerDegreeLng } from '../../src/domain/walk-network/geodesy';
import type { RoadClass } from '../../src/domain/walk-network/types';
import type { CityCentre } from './cities';
import {
  acrossRiver,
  PARK_RADIUS_M,
  RIVER_WIDTH_M,
  riverAt,
  riverEnd,
  type CityLayout,
  type Park,
  type River,
} from './layout';

/** Cell size in degrees of longitude and latitude (about 480 × 500 m at 30° N). */
export const CELL_LNG = 0.005;
export const CELL_LAT = 0.0045;

/**
 * Bounds of the street spacing, metres. Within the upper one every point of a cell with a full
 * grid is inside the access limit (300 m) of a street, half a block's diagonal; the lower one
 * keeps a tiny ledger asked for a huge network sane.
 */
export const MIN_BLOCK_M = 20;
export const MAX_BLOCK_M = 400;

/** Longest feature, in edges: real road files break streets at names and junctions too. */
const MAX_RUN_EDGES = 12;

/** Every `MAJOR_EVERY`-th street is major (and is bridged where it meets a river). */
const MAJOR_EVERY = 8;

/** Options of the road network. */
export interface RoadNetworkOptions {
  /** The cities the ledger was generated around, and their layouts (same order). */
  cities: readonly CityCentre[];
  layouts: readonly CityLayout[];
  /**
   * Edges to aim at: the street spacing is chosen for it, within `MIN_BLOCK_M`–`MAX_BLOCK_M`,
   * and corrected once against a count, so the result lands within a few per cent of it.
   */
  edges: number;
}

/** One road line of the network, as written to GeoJSON. */
export interface RoadFeature {
  /** lng, lat pairs, already rounded to 1e-6° as written, so shared vertices are identical. */
  coords: number[];
  roadClass: RoadClass;
  name?: string;
  /** A bridge over a river: the only kind of line that crosses one. */
  bridge: boolean;
}

/** Where the streets go: the cells each city builds on and the spacing. */
export interface RoadPlan {
  blockM: number;
  cities: readonly CityCentre[];
  rivers: readonly River[];
  parks: readonly Park[];
  /**
   * Cell key → index of the city owning it, times 2, plus 1 for a cell with a point in it (a
   * full grid) or 0 for a neighbour of one (every other street).
   */
  owner: ReadonlyMap<number, number>;
  /** Owned cells of each city. */
  cellsOf: readonly number[][];
}

const cellKey = (cx: number, cy: number): number => cx * 32768 + cy;
const cellX = (key: number): number => Math.floor(key / 32768);
const cellY = (key: number): number => key % 32768;
const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * The cells that get streets (every point's cell and its eight neighbours), each given to the
 * nearest city, in `RoadPlan.owner`'s encoding. `points` is lng, lat pairs (WGS84).
 */
function ownedCells(points: Float64Array, cities: readonly CityCentre[]): Map<number, number> {
  const full = new Set<number>();
  const cells = new Set<number>();
  for (let p = 0; p + 1 < points.length; p += 2) {
    const lng = points[p] as number;
    const lat = points[p + 1] as number;
    if (!(lng > 0 && lng < 180 && lat > 0 && lat < 90)) {
      throw new Error(`point ${p / 2}: ${lng}, ${lat} is not in the northern and eastern hemispheres`);
    }
    const cx = Math.floor(lng / CELL_LNG);
    const cy = Math.floor(lat / CELL_LAT);
    full.add(cellKey(cx, cy));
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) cells.add(cellKey(cx + dx, cy + dy));
  }
  const owner = new Map<number, number>();
  const sorted = [...cells].sort((a, b) => a - b);
  for (const key of sorted) {
    const lng = (cellX(key) + 0.5) * CELL_LNG;
    const lat = (cellY(key) + 0.5) * CELL_LAT;
    const k = Math.cos((lat * Math.PI) / 180);
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < cities.length; c++) {
      const city = cities[c] as CityCentre;
      const dx = (city.lng - lng) * k;
      const dy = city.lat - lat;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    owner.set(key, 2 * best + (full.has(key) ? 1 : 0));
  }
  return owner;
}

/**
 * Square metres of the cells with a full grid, plus half those with every other street: a grid
 * of spacing b has about 2·area/b² edges over it.
 */
function gridArea(owner: ReadonlyMap<number, number>): number {
  let area = 0;
  for (const [key, value] of owner) {
    const lat = (cellY(key) + 0.5) * CELL_LAT;
    const cell = CELL_LAT * METRES_PER_DEGREE * CELL_LNG * metresPerDegreeLng(lat);
    area += value & 1 ? cell : cell / 2;
  }
  return area;
}

const clampBlock = (m: number): number => Math.min(MAX_BLOCK_M, Math.max(MIN_BLOCK_M, m));

/**
 * Plans the network around `points` (lng, lat pairs): which cells get streets and how far apart
 * the streets are. A grid of spacing b has about 2·area/b² edges; the spacing that estimate gives
 * is then corrected once by counting the edges it really makes (borders, rivers and parks remove
 * some).
 */
export function planRoads(points: Float64Array, options: RoadNetworkOptions): RoadPlan {
  const { cities, layouts } = options;
  if (layouts.length !== cities.length) {
    throw new Error(`${layouts.length} layouts for ${cities.length} cities: give one per city`);
  }
  if (!(options.edges > 0)) throw new Error(`edges must be positive, got ${options.edges}`);
  const owner = ownedCells(points, cities);
  const cellsOf: number[][] = cities.map(() => []);
  for (const [key, value] of owner) cellsOf[value >> 1]!.push(key);
  const base = {
    cities,
    rivers: layouts.map((l) => l.river),
    parks: layouts.map((l) => l.park),
    owner,
    cellsOf,
  };
  const guess = clampBlock(Math.sqrt((2 * gridArea(owner)) / options.edges));
  const counted = countEdges({ ...base, blockM: guess });
  const blockM = counted > 0 ? clampBlock(guess * Math.sqrt(counted / options.edges)) : guess;
  return { ...base, blockM };
}

/** Edges of a plan's network (one per consecutive vertex pair of every feature). */
export function countEdges(plan: RoadPlan): number {
  let edges = 0;
  for (const f of roadFeatures(plan)) edges += f.coords.length / 2 - 1;
  return edges;
}

/** Bounding box in degrees: [minLng, minLat, maxLng, maxLat]. */
type Box = [number, number, number, number];

function riverBox(river: River): Box {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of river.v) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const pad = RIVER_WIDTH_M / river.metresPerV;
  const [u0, u1] = [river.u0, riverEnd(river)];
  return river.axis === 'lng' ? [u0, lo - pad, u1, hi + pad] : [lo - pad, u0, hi + pad, u1];
}

function parkBox(park: Park): Box {
  const dLng = PARK_RADIUS_M / metresPerDegreeLng(park.lat);
  const dLat = PARK_RADIUS_M / METRES_PER_DEGREE;
  return [park.lng - dLng, park.lat - dLat, park.lng + dLng, park.lat + dLat];
}

const overlaps = (a: Box, b: Box): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Street flags of a node: a street along its row (east–west), along its column (north–south). */
const ROW = 1;
const COLUMN = 2;

/**
 * A city's grid: node (i, j) at lng `city.lng + i·dLng`, lat `city.lat + j·dLat`, over the
 * bounding box of the city's cells, with the streets each node lies on.
 */
class CityGrid {
  readonly dLng: number;
  readonly dLat: number;
  readonly i0: number;
  readonly j0: number;
  readonly ni: number;
  readonly nj: number;
  /** `ROW | COLUMN` flags of node (i0 + a, j0 + b), at `flags[b·ni + a]`. */
  readonly flags: Uint8Array;
  readonly rivers: readonly River[];
  private readonly nearParks: readonly Park[];
  private readonly city: CityCentre;

  constructor(plan: RoadPlan, c: number) {
    this.city = plan.cities[c] as CityCentre;
    this.dLng = plan.blockM / metresPerDegreeLng(this.city.lat);
    this.dLat = plan.blockM / METRES_PER_DEGREE;
    const cells = plan.cellsOf[c] as number[];
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const key of cells) {
      minX = Math.min(minX, cellX(key));
      maxX = Math.max(maxX, cellX(key));
      minY = Math.min(minY, cellY(key));
      maxY = Math.max(maxY, cellY(key));
    }
    const box: Box = [minX * CELL_LNG, minY * CELL_LAT, (maxX + 1) * CELL_LNG, (maxY + 1) * CELL_LAT];
    this.i0 = Math.floor((box[0] - this.city.lng) / this.dLng) - 1;
    this.j0 = Math.floor((box[1] - this.city.lat) / this.dLat) - 1;
    this.ni = Math.ceil((box[2] - this.city.lng) / this.dLng) + 2 - this.i0;
    this.nj = Math.ceil((box[3] - this.city.lat) / this.dLat) + 2 - this.j0;
    this.rivers = plan.rivers.filter((r) => overlaps(riverBox(r), box));
    this.nearParks = plan.parks.filter((p) => overlaps(parkBox(p), box));
    this.flags = new Uint8Array(this.ni * this.nj);
    for (const key of cells) this.fillCell(key, ((plan.owner.get(key) as number) & 1) === 1);
  }

  lng(i: number): number {
    return this.city.lng + i * this.dLng;
  }

  lat(j: number): number {
    return this.city.lat + j * this.dLat;
  }

  /** The `ROW | COLUMN` flags of node (i, j); 0 outside the grid. */
  at(i: number, j: number): number {
    const a = i - this.i0;
    const b = j - this.j0;
    return a >= 0 && b >= 0 && a < this.ni && b < this.nj ? (this.flags[b * this.ni + a] as number) : 0;
  }

  /**
   * Flags the nodes whose position falls in the cell, unless in water or in a park: both streets
   * in a `full` cell, only the even rows and columns in a neighbour's.
   */
  private fillCell(key: number, full: boolean): void {
    const cx = cellX(key);
    const cy = cellY(key);
    const iFrom = Math.floor((cx * CELL_LNG - this.city.lng) / this.dLng) - 1;
    const iTo = Math.ceil(((cx + 1) * CELL_LNG - this.city.lng) / this.dLng) + 1;
    const jFrom = Math.floor((cy * CELL_LAT - this.city.lat) / this.dLat) - 1;
    const jTo = Math.ceil(((cy + 1) * CELL_LAT - this.city.lat) / this.dLat) + 1;
    for (let j = jFrom; j <= jTo; j++) {
      const lat = this.lat(j);
      if (Math.floor(lat / CELL_LAT) !== cy) continue;
      for (let i = iFrom; i <= iTo; i++) {
        const lng = this.lng(i);
        if (Math.floor(lng / CELL_LNG) !== cx) continue;
        const flags = full ? ROW | COLUMN : (j % 2 === 0 ? ROW : 0) | (i % 2 === 0 ? COLUMN : 0);
        if (flags === 0 || this.inWater(lng, lat) || this.inPark(lng, lat)) continue;
        this.flags[(j - this.j0) * this.ni + (i - this.i0)] = flags;
      }
    }
  }

  private inWater(lng: number, lat: number): boolean {
    for (const river of this.rivers) {
      if (Math.abs(acrossRiver(river, lng, lat)) < RIVER_WIDTH_M / 2) return true;
    }
    return false;
  }

  private inPark(lng: number, lat: number): boolean {
    for (const park of this.nearParks) {
      const dx = (lng - park.lng) * metresPerDegreeLng(park.lat);
      const dy = (lat - park.lat) * METRES_PER_DEGREE;
      if (dx * dx + dy * dy < PARK_RADIUS_M * PARK_RADIUS_M) return true;
    }
    return false;
  }

  /**
   * Whether the straight street from A to B (one grid step along `along`) crosses the centre line
   * of a river. Across a river's axis the two ends' sides decide; along it, the sides at both
   * ends and at every vertex of the centre line in between (it bends), exactly.
   */
  crossesRiver(lngA: number, latA: number, lngB: number, latB: number, along: 'lng' | 'lat'): boolean {
    for (const river of this.rivers) {
      const a = acrossRiver(river, lngA, latA);
      const b = acrossRiver(river, lngB, latB);
      if (opposite(a, b)) return true;
      if (river.axis !== along) continue;
      // Along the axis: the centre line's own vertices between the ends, and beyond its ends
      // the line stops, so only vertices inside count.
      const [uA, uB] = along === 'lng' ? [lngA, lngB] : [latA, latB];
      const v = along === 'lng' ? latA : lngA;
      let side = Number.isNaN(a) ? Number.NaN : a;
      const kFrom = Math.max(0, Math.ceil((uA - river.u0) / river.du));
      const kTo = Math.min(river.v.length - 1, Math.floor((uB - river.u0) / river.du));
      for (let k = kFrom; k <= kTo; k++) {
        const across = (v - (river.v[k] as number)) * river.metresPerV;
        if (opposite(side, across)) return true;
        if (!Number.isNaN(across)) side = across;
      }
      if (opposite(side, b)) return true;
    }
    return false;
  }

  /** Whether a straight bridge passes within the park radius of a park. */
  nearPark(lngA: number, latA: number, lngB: number, latB: number): boolean {
    for (const park of this.nearParks) {
      const k = metresPerDegreeLng(park.lat);
      const ax = (lngA - park.lng) * k;
      const ay = (latA - park.lat) * METRES_PER_DEGREE;
      const bx = (lngB - park.lng) * k;
      const by = (latB - park.lat) * METRES_PER_DEGREE;
      const dx = bx - ax;
      const dy = by - ay;
      const t = Math.max(0, Math.min(1, -(ax * dx + ay * dy) / (dx * dx + dy * dy || 1)));
      if (Math.hypot(ax + t * dx, ay + t * dy) < PARK_RADIUS_M) return true;
    }
    return false;
  }
}

/** Whether two signed distances lie on opposite sides (or one on the line); NaN is no side. */
function opposite(a: number, b: number): boolean {
  return (a <= 0 && b >= 0) || (a >= 0 && b <= 0);
}

function classOf(k: number): RoadClass {
  if (k % MAJOR_EVERY === 0) return 'major';
  // Every fourth street a lane (小巷): unnamed, drawn as a path.
  return (k & 3) === 3 ? 'path' : 'minor';
}

/**
 * The streets of one line of the grid: `along` 'lng' walks a row (fixed j = k) east, 'lat' a
 * column (fixed i = k) north. Runs of existing edges become features of at most `MAX_RUN_EDGES`.
 */
function* gridLine(grid: CityGrid, k: number, along: 'lng' | 'lat'): Generator<RoadFeature> {
  const [from, count] = along === 'lng' ? [grid.i0, grid.ni] : [grid.j0, grid.nj];
  const roadClass = classOf(k);
  const label = k - (along === 'lng' ? grid.j0 : grid.i0);
  const name = roadClass === 'path' ? undefined : `测试${along === 'lng' ? '纬' : '经'}${label}路`;
  const node = (m: number): [number, number] =>
    along === 'lng' ? [grid.lng(m), grid.lat(k)] : [grid.lng(k), grid.lat(m)];
  // A row's street runs through the nodes flagged ROW, a column's through those flagged COLUMN.
  const has = (m: number): boolean =>
    along === 'lng' ? (grid.at(m, k) & ROW) !== 0 : (grid.at(k, m) & COLUMN) !== 0;
  let coords: number[] = [];
  const flush = function* (): Generator<RoadFeature> {
    if (coords.length >= 4) {
      yield name === undefined
        ? { coords, roadClass, bridge: false }
        : { coords, roadClass, name, bridge: false };
    }
    coords = [];
  };
  for (let m = from; m < from + count - 1; m++) {
    const [lngA, latA] = node(m);
    const [lngB, latB] = node(m + 1);
    const edge = has(m) && has(m + 1) && !grid.crossesRiver(lngA, latA, lngB, latB, along);
    if (!edge) {
      yield* flush();
      continue;
    }
    if (coords.length === 0) coords.push(round6(lngA), round6(latA));
    coords.push(round6(lngB), round6(latB));
    if (coords.length / 2 - 1 === MAX_RUN_EDGES) {
      yield* flush();
      // The next run starts where this one ended: the shared vertex keeps them joined.
      coords.push(round6(lngB), round6(latB));
    }
  }
  yield* flush();
}

/**
 * The bridges of one grid over one river: on every major street across it, from the last node
 * before the water to the first after it, where both exist, with the water's edges as the
 * bridge's own vertices.
 */
function* bridges(grid: CityGrid, river: River, number: { n: number }): Generator<RoadFeature> {
  const halfDeg = RIVER_WIDTH_M / 2 / river.metresPerV;
  // Streets across an east–west river are the grid's columns (fixed i), and the other way round.
  const [kFrom, kCount, step] =
    river.axis === 'lng' ? [grid.i0, grid.ni, grid.dLat] : [grid.j0, grid.nj, grid.dLng];
  const origin = river.axis === 'lng' ? grid.lat(0) : grid.lng(0);
  for (let k = kFrom; k < kFrom + kCount; k++) {
    if (k % MAJOR_EVERY !== 0) continue;
    const u = river.axis === 'lng' ? grid.lng(k) : grid.lat(k);
    const centre = riverAt(river, u);
    if (Number.isNaN(centre)) continue;
    const at = (m: number): [number, number] =>
      river.axis === 'lng' ? [grid.lng(k), grid.lat(m)] : [grid.lng(m), grid.lat(k)];
    const across = (m: number): number => acrossRiver(river, ...at(m));
    let low = Math.floor((centre - halfDeg - origin) / step) + 1;
    while (across(low) > -RIVER_WIDTH_M / 2) low--;
    while (across(low + 1) <= -RIVER_WIDTH_M / 2) low++;
    let high = Math.ceil((centre + halfDeg - origin) / step) - 1;
    while (across(high) < RIVER_WIDTH_M / 2) high++;
    while (across(high - 1) >= RIVER_WIDTH_M / 2) high--;
    // The bridge carries the street across: its bank nodes must lie on that street.
    const has = (m: number): boolean =>
      river.axis === 'lng' ? (grid.at(k, m) & COLUMN) !== 0 : (grid.at(m, k) & ROW) !== 0;
    if (!has(low) || !has(high)) continue;
    const [lngA, latA] = at(low);
    const [lngB, latB] = at(high);
    if (grid.nearPark(lngA, latA, lngB, latB)) continue;
    const [edgeA, edgeB] =
      river.axis === 'lng'
        ? [
            [lngA, centre - halfDeg],
            [lngA, centre + halfDeg],
          ]
        : [
            [centre - halfDeg, latA],
            [centre + halfDeg, latA],
          ];
    number.n++;
    yield {
      coords: [lngA, latA, ...edgeA!, ...edgeB!, lngB, latB].map(round6),
      roadClass: 'major',
      name: `测试${number.n}号桥`,
      bridge: true,
    };
  }
}

/** Every road line of the plan: each city's rows, columns, then bridges, city by city. */
export function* roadFeatures(plan: RoadPlan): Generator<RoadFeature> {
  const number = { n: 0 };
  for (let c = 0; c < plan.cities.length; c++) {
    if ((plan.cellsOf[c] as number[]).length === 0) continue;
    const grid = new CityGrid(plan, c);
    for (let j = grid.j0; j < grid.j0 + grid.nj; j++) yield* gridLine(grid, j, 'lng');
    for (let i = grid.i0; i < grid.i0 + grid.ni; i++) yield* gridLine(grid, i, 'lat');
    for (const river of grid.rivers) yield* bridges(grid, river, number);
  }
}

/** Top of the GeoJSON file: a FeatureCollection marked, in foreign members, as synthetic. */
export const ROADS_GEOJSON_HEAD =
  '{"type":"FeatureCollection","name":"synthetic_test_roads","synthetic":true,' +
  '"description":"SYNTHETIC test road network generated around test ledgers (npm run gen:national -- --roads). ' +
  'Not any city\'s streets; never publish it.","features":[\n';

/** One feature as a GeoJSON line (no separator). Every feature says `synthetic: true`. */
export function featureJson(f: RoadFeature): string {
  let coords = '';
  for (let p = 0; p < f.coords.length; p += 2) {
    coords += `${p ? ',' : ''}[${f.coords[p]},${f.coords[p + 1]}]`;
  }
  const name = f.name === undefined ? '' : `,"name":${JSON.stringify(f.name)}`;
  const bridge = f.bridge ? ',"bridge":true' : '';
  return (
    `{"type":"Feature","properties":{"class":"${f.roadClass}"${name}${bridge},"synthetic":true},` +
    `"geometry":{"type":"LineString","coordinates":[${coords}]}}`
  );
}

/** Features per chunk of text: big enough to keep stream overhead small. */
const FEATURES_PER_CHUNK = 1000;

/** Counts of what `roadGeoJsonChunks` wrote, filled in as it goes. */
export interface RoadCounts {
  features: number;
  edges: number;
  bridges: number;
}

/**
 * The plan's network as GeoJSON text, in chunks to stream to disk. `counts` is filled in as the
 * chunks are made, complete once the generator is done.
 */
export function* roadGeoJsonChunks(plan: RoadPlan, counts: RoadCounts): Generator<string> {
  let chunk = ROADS_GEOJSON_HEAD;
  let inChunk = 0;
  for (const f of roadFeatures(plan)) {
    chunk += `${counts.features > 0 ? ',\n' : ''}${featureJson(f)}`;
    counts.features++;
    counts.edges += f.coords.length / 2 - 1;
    if (f.bridge) counts.bridges++;
    if (++inChunk === FEATURES_PER_CHUNK) {
      yield chunk;
      chunk = '';
      inChunk = 0;
    }
  }
  yield `${chunk}\n]}\n`;
}
