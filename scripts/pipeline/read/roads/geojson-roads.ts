/**
 * Roads from GeoJSON: LineString and MultiLineString features (a MultiLineString gives one line
 * per part), in WGS84 unless a `crs` member or `--roads-crs` says otherwise. Every other feature
 * is rejected and reported, never dropped silently: another geometry type, no geometry,
 * coordinates that are not number pairs, vertices that are not finite, not degrees, or outside
 * China, a line with fewer than two distinct vertices.
 */
import type { RoadLine } from '../../../../src/domain/walk-network/types';
import { describeJson, geoJsonFeatures } from '../json-input';
import { roadAttributes } from './road-attributes';
import { chooseSystem, geographicSystem, systemFromGeoJsonCrs } from './road-crs';
import { featureLines, type LineIssue, type PointCheck } from './road-line';
import type { RoadFeatureIssue, RoadsContent, RoadsCrsOption } from './road-types';

/** A GeoJSON position array as x, y pairs, or why it is not one. */
function positionsToXy(positions: unknown): Float64Array | LineIssue {
  if (!Array.isArray(positions))
    return { value: describeJson(positions), reason: 'coordinates are not an array' };
  const xy = new Float64Array(2 * positions.length);
  for (let i = 0; i < positions.length; i++) {
    const p: unknown = positions[i];
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
      return {
        value: JSON.stringify(p)?.slice(0, 60) ?? String(p),
        reason: `vertex ${i + 1} is not a [longitude, latitude] pair of numbers`,
      };
    }
    xy[2 * i] = p[0];
    xy[2 * i + 1] = p[1];
  }
  return xy;
}

/** The parts of a line geometry as x, y arrays, or why the geometry is not a line. */
function lineParts(geometry: unknown): Float64Array[] | LineIssue {
  if (geometry === null || geometry === undefined) return { value: 'null', reason: 'no geometry' };
  const type: unknown = typeof geometry === 'object' ? (geometry as { type?: unknown }).type : undefined;
  const coordinates: unknown = (geometry as { coordinates?: unknown }).coordinates;
  if (type === 'LineString') {
    const xy = positionsToXy(coordinates);
    return xy instanceof Float64Array ? [xy] : xy;
  }
  if (type === 'MultiLineString') {
    if (!Array.isArray(coordinates))
      return { value: describeJson(coordinates), reason: 'coordinates are not an array of lines' };
    const parts: Float64Array[] = [];
    for (let p = 0; p < coordinates.length; p++) {
      const xy = positionsToXy(coordinates[p]);
      if (!(xy instanceof Float64Array)) return { value: xy.value, reason: `part ${p + 1}: ${xy.reason}` };
      parts.push(xy);
    }
    return parts;
  }
  return {
    value: typeof type === 'string' ? type : describeJson(geometry),
    reason:
      typeof type === 'string' ? `a ${type}, not a LineString or MultiLineString` : 'not a GeoJSON geometry',
  };
}

/** Options of `readGeoJsonRoads`. */
export interface GeoJsonRoadsOptions {
  /** `--roads-crs` (see `chooseSystem`). Default none: the `crs` member, else WGS84. */
  crs?: RoadsCrsOption;
  /** Where a vertex may lie (default `checkChinaPoint`, see `projectLine`). */
  checkPoint?: PointCheck;
}

/**
 * Reads the roads of a parsed GeoJSON value (a FeatureCollection, or one Feature). Throws
 * InputError naming the file for a value that is not GeoJSON features and for a `crs` member
 * naming a system that is not converted.
 */
export function readGeoJsonRoads(
  file: string,
  value: unknown,
  options: GeoJsonRoadsOptions = {},
): RoadsContent {
  const features = geoJsonFeatures(file, value, true);
  const declared = systemFromGeoJsonCrs(file, (value as { crs?: unknown }).crs);
  const system = chooseSystem(
    file,
    declared && { system: declared, source: 'the "crs" member' },
    options.crs,
    // RFC 7946: GeoJSON without a crs member is WGS84.
    geographicSystem('WGS84'),
  );
  const lines: RoadLine[] = [];
  const rejected: RoadFeatureIssue[] = [];
  let filtered = 0;
  features.forEach((feature, i) => {
    if (feature === null || typeof feature !== 'object' || Array.isArray(feature)) {
      rejected.push({
        feature: i + 1,
        column: '',
        value: describeJson(feature),
        reason: 'not a GeoJSON Feature',
      });
      return;
    }
    const f = feature as { geometry?: unknown; properties?: unknown };
    const properties =
      f.properties !== null && typeof f.properties === 'object' && !Array.isArray(f.properties)
        ? (f.properties as Record<string, unknown>)
        : {};
    const attributes = roadAttributes(properties);
    if (!attributes.walkable) {
      filtered++;
      return;
    }
    const parts = lineParts(f.geometry);
    const result = Array.isArray(parts)
      ? featureLines(parts, system, attributes.roadClass, attributes.name)
      : parts;
    if (Array.isArray(result)) for (const line of result) lines.push(line);
    else rejected.push({ feature: i + 1, column: '', ...result });
  });
  return { lines, crs: system.label, featuresRead: features.length, filtered, rejected };
}
