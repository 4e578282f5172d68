import { communityProperties, type CommunityLifeCircle } from '../../../src/domain/community-properties';
import { evaluateCoverage } from '../../../src/domain/life-circles';
import type { AmenityRecord, CommunityRecord } from '../../../src/domain/schema';
import type { FlatProperties } from '../../../src/contracts/tile-properties';
import { distancesOf, nearestAmenityDistances } from '../life-circle-distances';
import type { Lap, Progress } from './step-timer';

/** Straight-line search radius for the nearest amenity of each type. */
export const MAX_SEARCH_METRES = 3000;

/** Each community's life-circle result, by record index. */
export type LifeCircles = CommunityLifeCircle[];

/** Straight-line distance from each community to the nearest amenity of each type, and what it covers. */
export function computeLifeCircles(
  records: readonly CommunityRecord[],
  amenities: readonly AmenityRecord[],
  progress: Progress,
  lap: Lap,
): LifeCircles {
  const t = performance.now();
  progress('life circles', 0, records.length);
  const nearest = nearestAmenityDistances(records, amenities, { maxSearchMetres: MAX_SEARCH_METRES });
  const circles = records.map((_, i) => {
    const n = distancesOf(nearest, i);
    return { nearest: n, ...evaluateCoverage(n) };
  });
  progress('life circles', records.length, records.length);
  lap('life_circles', t);
  return circles;
}

/** A community's output properties by record index. */
export type PropertiesOf = (i: number) => FlatProperties;

/**
 * Output properties computed on demand rather than held: 220,000 property objects at once cost
 * gigabytes, and each step that needs them reads them once.
 */
export function propertiesLookup(
  records: readonly CommunityRecord[],
  lifeCircles: LifeCircles | undefined,
): PropertiesOf {
  return (i) => communityProperties(records[i]!, lifeCircles?.[i]);
}
