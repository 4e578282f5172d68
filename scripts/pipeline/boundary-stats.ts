/**
 * Completion of the communities inside each boundary polygon, so the status map can shade a
 * district, street or residents' committee by how much of its programme is done without the
 * browser ever joining points to polygons.
 */
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import KDBush from 'kdbush';
import { isDoneStage } from '../../src/domain/metrics';
import type { BoundaryCollection, BoundaryLevel, BoundaryProperties } from './read/boundaries';

/** What a boundary gains: community counts and the completed share. */
export interface BoundaryStats {
  /** Communities whose point lies inside (or on the edge of) the polygon. */
  communities: number;
  /** Of those, communities at a done stage (`isDoneStage`). */
  completed: number;
  /** completed ÷ communities, 4 decimals; absent when the polygon holds no community. */
  completion_rate?: number;
}

/** What `boundaryStats` reads from a community (a `CommunityRecord` fits). */
export interface StatsCommunity {
  lng: number;
  lat: number;
  stage?: string;
}

function bboxOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings: Position[][] =
    geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings)
    for (const [x, y] of ring) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  return [w, s, e, n];
}

/**
 * The boundaries with `communities`, `completed` and `completion_rate` added to each feature's
 * properties (a new collection; the input is not changed). Points are found through a k-d tree
 * on the polygon's bounding box first, so a national run costs about the points near each
 * polygon, not every point for every polygon. Nested levels each count their own points.
 */
export function boundaryStats(
  boundaries: BoundaryCollection,
  communities: readonly StatsCommunity[],
): {
  type: 'FeatureCollection';
  features: Feature<Polygon | MultiPolygon, BoundaryProperties & BoundaryStats>[];
} {
  const index = communities.length ? new KDBush(communities.length) : null;
  if (index) {
    for (const c of communities) index.add(c.lng, c.lat);
    index.finish();
  }
  const features = boundaries.features.map((f) => {
    let inside = 0;
    let completed = 0;
    if (index) {
      const [w, s, e, n] = bboxOf(f.geometry);
      for (const i of index.range(w, s, e, n)) {
        const c = communities[i]!;
        if (!booleanPointInPolygon([c.lng, c.lat], f.geometry)) continue;
        inside++;
        if (isDoneStage(c.stage)) completed++;
      }
    }
    const stats: BoundaryStats = { communities: inside, completed };
    if (inside) stats.completion_rate = Math.round((completed / inside) * 10000) / 10000;
    return { ...f, properties: { ...f.properties, ...stats } };
  });
  return { type: 'FeatureCollection', features };
}

/** Administrative levels present among the boundaries, coarse to fine. */
export function boundaryLevels(boundaries: BoundaryCollection): BoundaryLevel[] {
  const present = new Set(boundaries.features.map((f) => f.properties.level));
  return (['district', 'street', 'community'] as const).filter((l) => present.has(l));
}
