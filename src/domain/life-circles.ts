/**
 * Life-circle rules of GB 50180-2018 (城市居住区规划设计标准), shared by the build and the site.
 *
 * A circle is **met** when every amenity type whose requirement is that circle has its nearest
 * facility within that circle's radius (distance ≤ radius, inclusive). Each circle stands on its
 * own: a type required by the 5-minute circle is judged against 300 m only, so a kindergarten at
 * 800 m counts for nothing, even though 800 m is inside the 15-minute circle. Conversely the
 * 15-minute circle is judged only on its own types (middle school, health centre …), never on
 * whether the smaller circles are met.
 *
 * Distances are whatever the caller measured (straight-line unless a walking network was used);
 * these rules do not care, but the map must say which.
 *
 * Pure: no I/O, no DOM, no Node APIs.
 */
import { AMENITY_TYPES, LIFE_CIRCLES, type LifeCircleKey } from './vocabulary';

/** Result of judging one community against all three circles. */
export interface CoverageResult {
  lc5_met: boolean;
  lc10_met: boolean;
  lc15_met: boolean;
  /**
   * Share (0..1) of all required types, across the three circles, whose nearest facility lies
   * within its own circle's radius. Every type weighs the same, so the 14 five-minute types
   * dominate; that mirrors the standard, which asks for more near facilities than far ones.
   */
  coverage_score: number;
  /** Types not met, 5-minute circle first, then 10, then 15; vocabulary order within a circle. */
  missing_types: string[];
}

/** Nearest distance in metres per amenity type; `null` or an absent key means none found. */
export type NearestDistances = Readonly<Record<string, number | null | undefined>>;

const RADIUS_BY_CIRCLE: ReadonlyMap<LifeCircleKey, number> = new Map(
  LIFE_CIRCLES.map((c) => [c.key, c.radius_m]),
);

/** Circle keys from smallest to largest, the order `missing_types` is reported in. */
const CIRCLE_ORDER: readonly LifeCircleKey[] = [...LIFE_CIRCLES]
  .sort((a, b) => a.radius_m - b.radius_m)
  .map((c) => c.key);

const TYPES_BY_CIRCLE: ReadonlyMap<LifeCircleKey, readonly string[]> = new Map(
  CIRCLE_ORDER.map((key) => [key, AMENITY_TYPES.filter((a) => a.circle === key).map((a) => a.type)]),
);

/** Amenity types whose requirement is the given circle, in vocabulary order. */
export function requiredTypes(circle: LifeCircleKey): readonly string[] {
  const types = TYPES_BY_CIRCLE.get(circle);
  if (!types)
    throw new Error(`Unknown life circle "${String(circle)}"; expected one of ${CIRCLE_ORDER.join(', ')}`);
  return types;
}

/** Walking radius of a circle in metres (300, 500, 1000). */
export function circleRadius(circle: LifeCircleKey): number {
  const radius = RADIUS_BY_CIRCLE.get(circle);
  if (radius === undefined)
    throw new Error(`Unknown life circle "${String(circle)}"; expected one of ${CIRCLE_ORDER.join(', ')}`);
  return radius;
}

/** True when a measured distance satisfies a radius. NaN and negative values never do. */
function within(distance: number | null | undefined, radius: number): boolean {
  return typeof distance === 'number' && distance >= 0 && distance <= radius;
}

/**
 * Judges one community's nearest-facility distances against the three circles.
 * Types absent from `nearest` count as "none found"; extra keys are ignored.
 */
export function evaluateCoverage(nearest: NearestDistances): CoverageResult {
  const met: Record<LifeCircleKey, boolean> = { lc5: true, lc10: true, lc15: true };
  const missing: string[] = [];
  let required = 0;
  for (const circle of CIRCLE_ORDER) {
    const radius = circleRadius(circle);
    for (const type of requiredTypes(circle)) {
      required++;
      if (!within(nearest[type], radius)) {
        met[circle] = false;
        missing.push(type);
      }
    }
  }
  return {
    lc5_met: met.lc5,
    lc10_met: met.lc10,
    lc15_met: met.lc15,
    // Four decimals: enough to tell one type in 25 apart (0.04) without float noise in outputs.
    coverage_score: required === 0 ? 0 : Math.round(((required - missing.length) / required) * 10000) / 10000,
    missing_types: missing,
  };
}
