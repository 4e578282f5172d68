import { communityProperties, type CommunityLifeCircle } from '../../../src/domain/community-properties';
import { evaluateCoverage } from '../../../src/domain/life-circles';
import type { AmenityRecord, CommunityRecord } from '../../../src/domain/schema';
import { AMENITY_TYPES } from '../../../src/domain/vocabulary';
import type { FlatProperties } from '../../../src/contracts/tile-properties';
import { EdgeIndex } from '../../../src/domain/walk-network/edge-index';
import {
  networkNearestDistances,
  type NetworkDistances,
} from '../../../src/domain/walk-network/network-distances';
import { NO_SNAP, type WalkGraph } from '../../../src/domain/walk-network/types';
import { distancesOf, nearestAmenityDistances, type NearestDistanceTable } from '../life-circle-distances';
import { probeOffNetwork } from './network-warnings';
import type { Lap, Progress } from './step-timer';

/** Straight-line search radius for the nearest amenity of each type. */
export const MAX_SEARCH_METRES = 3000;

/** Each community's life-circle result, by record index. */
export type LifeCircles = CommunityLifeCircle[];

/** Where communities and amenities joined the walking network. */
export interface NetworkJoin {
  distances: NetworkDistances;
  /**
   * For the points that did not join, by index: metres to the nearest road, for the report. The
   * nearest-edge index that measured them is not kept (about 200 MB at national scale).
   */
  offNetwork: {
    communities: ReadonlyMap<number, number | null>;
    amenities: ReadonlyMap<number, number | null>;
  };
}

/** What the life-circle step made. */
export interface LifeCircleResults {
  /** Per community; undefined when no amenities were given: no claim either way. */
  circles: LifeCircles | undefined;
  /** With a road network (even without amenities, for the catchments): the join and its counts. */
  network?: NetworkJoin;
}

/**
 * Distance from each community to the nearest amenity of each type, and what it covers. Without
 * a graph, straight-line. With one, walking metres along it (same types, same search distance);
 * a community farther than the access limit from any road keeps its straight-line distances, and
 * each community's `distance_method` says which it got. With a graph but no amenities, only the
 * join is made (walk-network.bin needs where each community meets the network).
 */
export function computeLifeCircles(
  records: readonly CommunityRecord[],
  amenities: readonly AmenityRecord[] | undefined,
  graph: WalkGraph | undefined,
  progress: Progress,
  lap: Lap,
): LifeCircleResults {
  const t = performance.now();
  progress('life circles', 0, records.length);
  const maxSearchMetres = MAX_SEARCH_METRES;
  let circles: LifeCircles | undefined;
  let network: NetworkJoin | undefined;
  if (!graph) {
    if (amenities) {
      const nearest = nearestAmenityDistances(records, amenities, { maxSearchMetres });
      circles = records.map((_, i) => circleOf(nearest, i));
    }
  } else {
    const edgeIndex = new EdgeIndex(graph);
    // nearestAmenityDistances' default types (vocabulary first, then the file's own), passed to
    // both measures so a community's record has the same keys whichever it got.
    const types = amenities
      ? [...new Set([...AMENITY_TYPES.map((a) => a.type), ...amenities.map((a) => a.type)])]
      : [];
    const distances = networkNearestDistances(graph, records, amenities ?? [], {
      types,
      maxSearchMetres,
      edgeIndex,
    });
    network = {
      distances,
      offNetwork: {
        communities: probeOffNetwork(records, distances.communitySnaps, edgeIndex),
        amenities: probeOffNetwork(amenities ?? [], distances.amenitySnaps, edgeIndex),
      },
    };
    if (amenities) {
      const snapped = distances.communitySnaps.edge;
      // Straight-line distances only for the communities the network did not reach.
      const off = records.filter((_, i) => snapped[i] === NO_SNAP);
      const straight = nearestAmenityDistances(off, amenities, { maxSearchMetres, types });
      let k = 0;
      circles = records.map((_, i) =>
        snapped[i] === NO_SNAP
          ? { ...circleOf(straight, k++), distance_method: 'straight_line' }
          : { ...circleOf(distances.table, i), distance_method: 'network' },
      );
    }
  }
  progress('life circles', records.length, records.length);
  lap('life_circles', t);
  return { circles, ...(network ? { network } : {}) };
}

/** One community's distances and what they cover. */
function circleOf(table: NearestDistanceTable, i: number): CommunityLifeCircle {
  const nearest = distancesOf(table, i);
  return { nearest, ...evaluateCoverage(nearest) };
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
