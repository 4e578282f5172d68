/**
 * A selected community's walking catchments as the map draws them: the areas within 300 / 500 /
 * 1000 m on foot (the life circles of GB 50180-2018) from where the community joins the street
 * network, walked in the browser over walk-network.bin (src/domain/walk-network/catchment.ts),
 * in the basemap's coordinate system. Pure.
 */
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { geometryToDisplayCrs, type DisplayCrs } from '../../domain/display-crs';
import { LIFE_CIRCLES, type LifeCircleKey } from '../../domain/vocabulary';
import { catchmentPolygons, type CatchmentOptions } from '../../domain/walk-network/catchment';
import { CATCHMENT_OPTIONS } from './catchment-options';
import { snapAt, type SnapColumns, type WalkGraph } from '../../domain/walk-network/types';

/** Properties of one catchment polygon. */
export interface CatchmentProperties {
  circle: LifeCircleKey;
  radius_m: number;
}

/** The walking network as the site holds it (what walk-network.bin decodes to). */
export interface WalkNetwork {
  graph: WalkGraph;
  /** Where each community (the explore index's row order) joins the network. */
  communitySnaps: SnapColumns;
}

/**
 * The catchments of the community at explore row `row`, largest first (so the smaller ones are
 * drawn over it), in `crs`. Null when the community is not joined to the network (farther than
 * the access limit from any street): it has no walking catchment to draw.
 */
export function communityCatchments(
  network: WalkNetwork,
  row: number,
  crs: DisplayCrs = 'WGS84',
  options: CatchmentOptions = CATCHMENT_OPTIONS,
): FeatureCollection<MultiPolygon, CatchmentProperties> | null {
  if (!(row >= 0 && row < network.communitySnaps.edge.length)) return null;
  const snap = snapAt(network.communitySnaps, row);
  if (!snap) return null;
  const circles = [...LIFE_CIRCLES].sort((a, b) => b.radius_m - a.radius_m);
  const polygons = catchmentPolygons(
    network.graph,
    snap,
    circles.map((c) => c.radius_m),
    options,
  );
  const collection: FeatureCollection<MultiPolygon, CatchmentProperties> = {
    type: 'FeatureCollection',
    features: polygons.map((p, i) => ({
      type: 'Feature',
      properties: { circle: circles[i]!.key, radius_m: p.radius },
      geometry: p.geometry,
    })),
  };
  return crs === 'WGS84' ? collection : geometryToDisplayCrs(crs, collection);
}
