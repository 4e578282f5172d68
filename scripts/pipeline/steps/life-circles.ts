import {
  communityProperties,
  eachCommunityProperty,
  type CommunityLifeCircle,
  type PropertySink,
} from '../../../src/domain/community-properties';
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

/** One community's life-circle result by record index. */
export type CircleOf = (i: number) => CommunityLifeCircle;

/**
 * Every community's life-circle result, kept as the distance tables' Float32Array columns and
 * computed when read (`circleAt`): as 220,000 objects the results held ~480 MB of heap from the
 * life-circle step to the end of the build; the columns hold 4 bytes per community and type.
 * `circleAt` builds exactly the object the build used to keep, key order included, so the
 * outputs do not change. Each read allocates a fresh object: callers may keep or drop it.
 */
export class LifeCircleColumns {
  /** Communities, the length of every column. */
  readonly count: number;

  /**
   * `straight` holds the straight-line distances; `network`, when the build had roads, the walking
   * ones of every community, and then `straightRow[i]` is community i's row in `straight`, or -1
   * when the network reached it.
   */
  constructor(
    private readonly straight: NearestDistanceTable,
    private readonly network?: { table: NearestDistanceTable; straightRow: Int32Array },
  ) {
    this.count = network ? network.table.count : straight.count;
    if (network && network.straightRow.length !== this.count)
      throw new Error(
        `life-circle columns: ${network.straightRow.length} straight-line rows for ${this.count} communities`,
      );
  }

  /** Community i's result, as `computeLifeCircles` used to hold it. */
  readonly circleAt: CircleOf = (i) => {
    if (!this.network) return circleOf(this.straight, i);
    const row = this.network.straightRow[i]!;
    return row < 0
      ? { ...circleOf(this.network.table, i), distance_method: 'network' }
      : { ...circleOf(this.straight, row), distance_method: 'straight_line' };
  };
}

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
  circles: LifeCircleColumns | undefined;
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
  let circles: LifeCircleColumns | undefined;
  let network: NetworkJoin | undefined;
  if (!graph) {
    if (amenities) {
      const nearest = nearestAmenityDistances(records, amenities, { maxSearchMetres });
      circles = new LifeCircleColumns(nearest);
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
      const off: CommunityRecord[] = [];
      const straightRow = new Int32Array(records.length).fill(-1);
      for (let i = 0; i < records.length; i++) {
        if (snapped[i] !== NO_SNAP) continue;
        straightRow[i] = off.length;
        off.push(records[i]!);
      }
      const straight = nearestAmenityDistances(off, amenities, { maxSearchMetres, types });
      circles = new LifeCircleColumns(straight, { table: distances.table, straightRow });
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
  circleAt: CircleOf | undefined,
): PropertiesOf {
  return (i) => communityProperties(records[i]!, circleAt?.(i));
}

/** A community's output properties by record index, handed pair by pair to a sink. */
export type EachPropertyOf = (i: number, sink: PropertySink) => void;

/** `propertiesLookup` for consumers that take the pairs as they come (the tiler). */
export function eachPropertyLookup(
  records: readonly CommunityRecord[],
  circleAt: CircleOf | undefined,
): EachPropertyOf {
  return (i, sink) => eachCommunityProperty(records[i]!, circleAt?.(i), sink);
}
