/**
 * Community footprints (小区范围 polygons): a GeoJSON FeatureCollection joined to the accepted
 * communities by the `id` property. A footprint that cannot be drawn is reported, not dropped
 * silently and not allowed to stop the build: it is one row of an optional layer.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { RowIssue } from '../table';
import { geoJsonFeatures } from './json-input';
import { polygonCoordinateIssue } from './polygon-check';

/** The footprints to draw, and one issue (row = feature number) for each one left out. */
export interface FootprintsResult {
  features: Feature<Polygon | MultiPolygon>[];
  issues: RowIssue[];
}

/**
 * Picks the drawable footprints of a parsed GeoJSON value: features whose `properties.id` is
 * the id of an accepted community and whose geometry is a Polygon or MultiPolygon of
 * [longitude, latitude] positions. Each other feature gives an issue with its 1-based number
 * as `row`, column `id`, its id as `value` and why. Throws InputError naming the file when the
 * value is not a FeatureCollection.
 */
export function readFootprints(
  file: string,
  value: unknown,
  knownIds: ReadonlySet<string>,
): FootprintsResult {
  const features: Feature<Polygon | MultiPolygon>[] = [];
  const issues: RowIssue[] = [];
  geoJsonFeatures(file, value).forEach((item, i) => {
    const isFeature = item !== null && typeof item === 'object' && !Array.isArray(item);
    const f = (isFeature ? item : {}) as Partial<Feature>;
    const rawId: unknown =
      f.properties !== null && typeof f.properties === 'object' ? f.properties?.id : undefined;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : '';
    const geometry = f.geometry !== null && typeof f.geometry === 'object' ? f.geometry : null;
    const polygon = geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon';
    let reason: string | null = null;
    if (!isFeature) reason = 'footprint is not a GeoJSON Feature object';
    else if (!knownIds.has(id)) reason = 'footprint id matches no accepted community';
    else if (!polygon) reason = 'footprint is not a polygon';
    else {
      const issue = polygonCoordinateIssue(geometry);
      if (issue !== null) reason = `footprint ${issue}`;
    }
    if (reason === null) features.push(f as Feature<Polygon | MultiPolygon>);
    else issues.push({ row: i + 1, column: 'id', value: id, reason });
  });
  return { features, issues };
}
