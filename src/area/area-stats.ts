/**
 * Statistics of the communities inside a drawn area: a polygon or a circle. Pure: takes the
 * explore index's columns (or anything shaped like them) and a shape, returns numbers, so the
 * sums are tested in node against the same turf predicates the tests use on the GeoJSON.
 *
 * Rules, shared with the build's H3 aggregates (src/domain/h3-aggregates.ts) so an area
 * and a hexagon of the same communities agree: a missing household or resident count adds
 * nothing; a community's stage counts as done by src/domain/metrics.ts `isDoneStage`; funding sums only the vocabulary's channels. Life-circle shares
 * are over the communities that have a result (none when the build had no amenities).
 *
 * A point on a polygon's edge is inside (turf's default); a point exactly `radius` metres from a
 * circle's centre is inside. Distances are great-circle (turf's haversine), as the circle drawn.
 */
import turfArea from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import turfCircle from '@turf/circle';
import turfDistance from '@turf/distance';
import type { Feature, Polygon } from 'geojson';
import { countable, isDoneStage } from '../domain/metrics';
import { FUNDING_CHANNELS, LIFE_CIRCLES, type FundField, type LifeCircleKey } from '../domain/vocabulary';

/** A [lng, lat] pair, WGS84. */
export type LngLat = [number, number];

/** A drawn area. */
export type AreaShape =
  | {
      kind: 'polygon';
      /** Vertices in drawing order, at least three, the ring left open (first ≠ last). */
      vertices: LngLat[];
    }
  | { kind: 'circle'; center: LngLat; radiusM: number };

/** What the statistics read: a subset of ExploreIndex (src/explore/explore-index.ts). */
export interface AreaColumns {
  count: number;
  lng: ArrayLike<number>;
  lat: ArrayLike<number>;
  /** NaN when not given. */
  households: ArrayLike<number>;
  residents: ArrayLike<number>;
  /** Yuan per channel; NaN where a row does not report the channel. */
  funds: ReadonlyMap<FundField, ArrayLike<number>>;
  isSynthetic: ArrayLike<number>;
  /** 1 met, 0 not, -1 no result; null when the build had no amenities. */
  lifeCircles: { lc5: ArrayLike<number>; lc10: ArrayLike<number>; lc15: ArrayLike<number> } | null;
  textOf(field: 'stage', row: number): string | null;
}

/** Steps of the polygon that stands for a circle: enough that its edge looks round at street zoom. */
export const CIRCLE_STEPS = 96;

/** Smallest and largest radius the tool accepts, in metres. */
export const RADIUS_LIMITS = { min: 10, max: 200_000 } as const;

/** A shape that can select anything: three distinct vertices, or a positive finite radius. */
export function isCompleteShape(shape: AreaShape): boolean {
  if (shape.kind === 'circle')
    return Number.isFinite(shape.radiusM) && shape.radiusM > 0 && shape.center.every(Number.isFinite);
  const distinct = new Set(shape.vertices.map(([x, y]) => `${x},${y}`));
  return distinct.size >= 3;
}

/** The shape as a GeoJSON polygon (a circle as a CIRCLE_STEPS-gon), ring closed. */
export function shapePolygon(shape: AreaShape): Feature<Polygon> {
  if (shape.kind === 'circle')
    return turfCircle(shape.center, shape.radiusM, { steps: CIRCLE_STEPS, units: 'meters' });
  const ring = shape.vertices.map(([x, y]): LngLat => [x, y]);
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push([first[0], first[1]]);
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } };
}

/** Area of the shape in m²: geodesic for a polygon, πr² for a circle. */
export function shapeAreaM2(shape: AreaShape): number {
  if (shape.kind === 'circle') return Math.PI * shape.radiusM * shape.radiusM;
  return turfArea(shapePolygon(shape));
}

/** [west, south, east, north] around the shape, for a cheap first test of each point. */
function shapeBounds(shape: AreaShape): [number, number, number, number] {
  const ring = shapePolygon(shape).geometry.coordinates[0]!;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const [x, y] of ring) {
    w = Math.min(w, x!);
    e = Math.max(e, x!);
    s = Math.min(s, y!);
    n = Math.max(n, y!);
  }
  // The circle's polygon lies inside the true circle between its vertices: pad by a little.
  const pad = shape.kind === 'circle' ? 1e-4 : 0;
  return [w - pad, s - pad, e + pad, n + pad];
}

/**
 * Rows inside the shape, ascending. `mask` (the active filters; truthy = kept) drops rows
 * before the geometry test.
 */
export function rowsInShape(
  columns: Pick<AreaColumns, 'count' | 'lng' | 'lat'>,
  shape: AreaShape,
  mask?: ArrayLike<number | boolean> | null,
): number[] {
  if (!isCompleteShape(shape)) return [];
  const [w, s, e, n] = shapeBounds(shape);
  const polygon = shape.kind === 'polygon' ? shapePolygon(shape) : null;
  const out: number[] = [];
  for (let i = 0; i < columns.count; i++) {
    if (mask && !mask[i]) continue;
    const x = columns.lng[i]!;
    const y = columns.lat[i]!;
    if (!(x >= w && x <= e && y >= s && y <= n)) continue;
    const inside =
      shape.kind === 'circle'
        ? turfDistance(shape.center, [x, y], { units: 'meters' }) <= shape.radiusM
        : booleanPointInPolygon([x, y], polygon!);
    if (inside) out.push(i);
  }
  return out;
}

/** Share of the assessed communities meeting one life circle. */
export interface LifeCircleShare {
  key: LifeCircleKey;
  minutes: number;
  met: number;
  /** Communities with a result; the share is met / assessed. */
  assessed: number;
}

/** Totals of the communities in an area. */
export interface AreaStats {
  communities: number;
  /** Illustrative rows among them. */
  synthetic: number;
  households: number;
  /** Rows that give a household count (the rest add nothing). */
  householdsReported: number;
  residents: number;
  residentsReported: number;
  /** Communities at a done stage (`isDoneStage`). */
  done: number;
  /** done / communities; null for an empty area. */
  completionRate: number | null;
  /** Yuan, all channels. */
  fundTotal: number;
  /** Yuan per channel, in FUNDING_CHANNELS order; channels no row in the area reports are left out. */
  fundByChannel: { field: FundField; yuan: number }[];
  /** Rows that report at least one channel. */
  fundReported: number;
  /** Per life circle; empty when the build had no amenities. */
  lifeCircles: LifeCircleShare[];
}

/**
 * The sum of a count column over `rows` by the metrics' rule (`countable`: a missing or negative
 * count adds nothing), and how many of the rows report the count at all.
 */
function reportedSum(values: ArrayLike<number>, rows: readonly number[]): { sum: number; reported: number } {
  let sum = 0;
  let reported = 0;
  for (const i of rows) {
    const value = values[i]!;
    if (Number.isFinite(value)) reported++;
    sum += countable(value);
  }
  return { sum, reported };
}

/** Sums the rows of an area. */
export function areaStats(columns: AreaColumns, rows: readonly number[]): AreaStats {
  const households = reportedSum(columns.households, rows);
  const residents = reportedSum(columns.residents, rows);
  let done = 0;
  let synthetic = 0;
  for (const i of rows) {
    if (isDoneStage(columns.textOf('stage', i))) done++;
    if (columns.isSynthetic[i]) synthetic++;
  }

  const reports = new Uint8Array(rows.length);
  const fundByChannel: AreaStats['fundByChannel'] = [];
  let fundTotal = 0;
  for (const channel of FUNDING_CHANNELS) {
    const values = columns.funds.get(channel.field);
    if (!values) continue;
    let sum = 0;
    let any = false;
    rows.forEach((i, k) => {
      const v = values[i]!;
      if (!Number.isFinite(v)) return;
      any = true;
      reports[k] = 1;
      sum += v;
    });
    if (any) {
      fundByChannel.push({ field: channel.field, yuan: sum });
      fundTotal += sum;
    }
  }

  const lifeCircles: LifeCircleShare[] = [];
  if (columns.lifeCircles) {
    for (const circle of LIFE_CIRCLES) {
      const flags = columns.lifeCircles[circle.key];
      let met = 0;
      let assessed = 0;
      for (const i of rows) {
        const f = flags[i]!;
        if (f < 0) continue;
        assessed++;
        if (f > 0) met++;
      }
      lifeCircles.push({ key: circle.key, minutes: circle.minutes, met, assessed });
    }
  }

  return {
    communities: rows.length,
    synthetic,
    households: households.sum,
    householdsReported: households.reported,
    residents: residents.sum,
    residentsReported: residents.reported,
    done,
    completionRate: rows.length ? done / rows.length : null,
    fundTotal,
    fundByChannel,
    fundReported: reports.reduce((a, b) => a + b, 0),
    lifeCircles,
  };
}
