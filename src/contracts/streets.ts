/**
 * The street layer (`streets.pmtiles`, source-layer `streets`), written by the build when a road
 * network is given (`--roads`) and drawn by the site under the data. One feature per street
 * segment between junctions. The accessibility view colours each segment by `acc_<type>`.
 */
import type { RoadClass } from '../domain/walk-network/types';

/** The MVT source-layer name. */
export const STREETS_LAYER = 'streets';

/** Property holding a segment's walking distance to the nearest amenity of `type`. */
export function accessibilityField(type: string): `acc_${string}` {
  return `acc_${type}`;
}

/** Properties of one street segment. */
export interface StreetProperties {
  /** `major` | `minor` | `path`. */
  class: RoadClass;
  /** Street name when the road file has one. */
  name?: string;
  /**
   * `acc_<type>`: walking metres (rounded) from the segment's midpoint to the nearest amenity of
   * that type along the network; absent when none lies within the search distance.
   */
  [acc: `acc_${string}`]: number | undefined;
}

/** Zoom from which each class is in the tiles: major roads earlier than paths. */
export const STREET_MINZOOM: Readonly<Record<RoadClass, number>> = { major: 9, minor: 12, path: 13 };
