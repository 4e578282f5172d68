/**
 * The made-up landscape of each city of the national TEST data: one river through it and one
 * large park. The road generator (roads.ts) keeps its streets out of both, so the walking network
 * has banks joined only by bridges and a hole with nothing to walk on; the ledger generator
 * (generate.ts) puts a few communities and amenities inside the park, where the nearest street is
 * farther than the access limit and the build must fall back to straight-line distances.
 *
 * Pure and deterministic: a city's layout depends on the seed and the city alone, not on how many
 * rows are asked for, so the ledger and the road network agree on it.
 */
import { mulberry32 } from '../../src/domain/mulberry32';
import { METRES_PER_DEGREE, metresPerDegreeLng } from '../../src/domain/walk-network/geodesy';
import type { CityCentre } from './cities';

/** Width of every river, in metres. Streets stop this far apart, half of it on each bank. */
export const RIVER_WIDTH_M = 300;

/**
 * Steepest the river's course turns against its main axis (metres across per metre along), so
 * that it reads as a river and its banks as streets beside it rather than a zigzag.
 */
export const MAX_RIVER_SLOPE = 0.5;

/** Radius of the park, metres: no street inside it. */
export const PARK_RADIUS_M = 700;

/**
 * The remote points sit within this distance of the park's centre, so at least 700 − 250 m from
 * the nearest street: well past `ACCESS_LIMIT_M` (300 m).
 */
export const PARK_SCATTER_M = 250;

/** Vertices of a river's centre line, this far apart along its axis (metres). */
const RIVER_STEP_M = 100;

/**
 * A river as a function of its axis: an east–west river (`axis` 'lng') is lat = f(lng); a
 * north–south one (`axis` 'lat') is lng = f(lat). `u` is the axis coordinate, `v` the other one,
 * both in degrees; f is the polyline through (u0 + k·du, v[k]).
 */
export interface River {
  axis: 'lng' | 'lat';
  /** First vertex's axis coordinate, degrees. */
  u0: number;
  /** Axis step between vertices, degrees. */
  du: number;
  /** The centre line's cross coordinate at each vertex, degrees. */
  v: Float64Array;
  /** Metres per degree of `v` (across the river) and of `u` (along it), at the city's latitude. */
  metresPerV: number;
  metresPerU: number;
}

/** A round park: no street inside `PARK_RADIUS_M` of its centre. */
export interface Park {
  lng: number;
  lat: number;
}

/** One city's landscape. */
export interface CityLayout {
  river: River;
  park: Park;
}

/** Last axis coordinate of a river's centre line. */
export function riverEnd(river: River): number {
  return river.u0 + (river.v.length - 1) * river.du;
}

/** The river's centre line at axis coordinate `u` (degrees), or NaN beyond its ends. */
export function riverAt(river: River, u: number): number {
  if (!(u >= river.u0 - 1e-12 && u <= riverEnd(river) + 1e-12)) return Number.NaN;
  const last = river.v.length - 1;
  // Clamped: the ends themselves count, whatever the rounding of u0 + last·du.
  const k = Math.min(last, Math.max(0, (u - river.u0) / river.du));
  const i = Math.min(Math.floor(k), last - 1);
  const f = k - i;
  return (river.v[i] as number) * (1 - f) + (river.v[i + 1] as number) * f;
}

/**
 * Metres from the river's centre line, measured across its axis, of the point (lng, lat):
 * positive on the north (east-west river) or east (north-south river) side, NaN beyond its ends.
 */
export function acrossRiver(river: River, lng: number, lat: number): number {
  const [u, v] = river.axis === 'lng' ? [lng, lat] : [lat, lng];
  return (v - riverAt(river, u)) * river.metresPerV;
}

/** The river's centre line as lng, lat pairs. */
export function riverLine(river: River): Float64Array {
  const out = new Float64Array(2 * river.v.length);
  for (let k = 0; k < river.v.length; k++) {
    const u = river.u0 + k * river.du;
    const v = river.v[k] as number;
    out[2 * k] = river.axis === 'lng' ? u : v;
    out[2 * k + 1] = river.axis === 'lng' ? v : u;
  }
  return out;
}

/**
 * Half the length of a city's river, in metres: past the farthest point the generators put
 * around that city (3 σ of the suburb ring, amenities spread 1.3 times wider; see generate.ts),
 * so no street of the city reaches round its end.
 */
export function riverHalfLengthM(city: CityCentre): number {
  const coreKm = 2 + 1.2 * Math.sqrt(city.weight / 100);
  return (3 * 2.5 * coreKm * 1.3 + 2) * 1000;
}

/** Layout seed of the city at `index`: the seed and the index, mixed so neighbours differ. */
function layoutSeed(seed: number, index: number): number {
  return Math.imul((seed >>> 0) ^ 0x27d4eb2f, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35);
}

/**
 * The layout of `city`, the `index`-th of the list, for `seed`. The river passes within 1.5 km of
 * the centre, meandering (two sine waves, their slopes bounded by `MAX_RIVER_SLOPE`); the park's
 * centre lies 2–4 km from the centre and at least a park radius plus the river's width plus the
 * scatter from the river.
 */
export function cityLayout(city: CityCentre, index: number, seed: number): CityLayout {
  const rng = mulberry32(layoutSeed(seed, index));
  const axis: River['axis'] = rng() < 0.5 ? 'lng' : 'lat';
  const mLng = metresPerDegreeLng(city.lat);
  const mLat = METRES_PER_DEGREE;
  const [metresPerU, metresPerV] = axis === 'lng' ? [mLng, mLat] : [mLat, mLng];
  const [uc, vc] = axis === 'lng' ? [city.lng, city.lat] : [city.lat, city.lng];

  const offset = (rng() * 2 - 1) * 1500;
  const a1 = 200 + rng() * 300; // ≤ 500 m over ≥ 10 km: slope ≤ 0.315
  const l1 = 10_000 + rng() * 6000;
  const a2 = 20 + rng() * 40; // ≤ 60 m over ≥ 3 km: slope ≤ 0.126
  const l2 = 3000 + rng() * 2000;
  const p1 = rng() * 2 * Math.PI;
  const p2 = rng() * 2 * Math.PI;
  const half = Math.ceil(riverHalfLengthM(city) / RIVER_STEP_M);
  const v = new Float64Array(2 * half + 1);
  for (let k = -half; k <= half; k++) {
    const s = k * RIVER_STEP_M;
    const across =
      offset + a1 * Math.sin((2 * Math.PI * s) / l1 + p1) + a2 * Math.sin((2 * Math.PI * s) / l2 + p2);
    v[k + half] = vc + across / metresPerV;
  }
  const river: River = {
    axis,
    u0: uc - (half * RIVER_STEP_M) / metresPerU,
    du: RIVER_STEP_M / metresPerU,
    v,
    metresPerU,
    metresPerV,
  };

  const clearance = PARK_RADIUS_M + RIVER_WIDTH_M + PARK_SCATTER_M;
  let park: Park = { lng: city.lng, lat: city.lat };
  for (let attempt = 0; attempt < 200; attempt++) {
    const angle = rng() * 2 * Math.PI;
    const r = 2000 + rng() * 2000;
    park = { lng: city.lng + (r * Math.cos(angle)) / mLng, lat: city.lat + (r * Math.sin(angle)) / mLat };
    if (Math.abs(acrossRiver(river, park.lng, park.lat)) >= clearance) break;
  }
  return { river, park };
}

/** Layouts of every city of the list, in its order. */
export function cityLayouts(cities: readonly CityCentre[], seed: number): CityLayout[] {
  return cities.map((city, i) => cityLayout(city, i, seed));
}

/** A point scattered within `PARK_SCATTER_M` of the park's centre (uniform over the disc). */
export function pointInPark(rng: () => number, park: Park): [number, number] {
  const r = PARK_SCATTER_M * Math.sqrt(rng());
  const angle = rng() * 2 * Math.PI;
  return [
    park.lng + (r * Math.cos(angle)) / metresPerDegreeLng(park.lat),
    park.lat + (r * Math.sin(angle)) / METRES_PER_DEGREE,
  ];
}
