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
import { chooseSystem, geographicSystem, systemFromGeoJsonCrs, type CoordinateSystem } from './road-crs';
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
 * The coordinate system of a GeoJSON road file: its `crs` member (`crs`, undefined when it has
 * none) weighed against `--roads-crs`. Throws InputError naming the file for a `crs` member naming
 * a system that is not converted, or one that contradicts `--roads-crs`.
 */
export function geoJsonRoadsSystem(
  file: string,
  crs: unknown,
  options: GeoJsonRoadsOptions = {},
): CoordinateSystem {
  const declared = systemFromGeoJsonCrs(file, crs);
  return chooseSystem(
    file,
    declared && { system: declared, source: 'the "crs" member' },
    options.crs,
    // RFC 7946: GeoJSON without a crs member is WGS84.
    geographicSystem('WGS84'),
  );
}

/**
 * Turns GeoJSON features into road lines one at a time, in file order, so that a whole parsed
 * FeatureCollection and a file streamed feature by feature (`geojson-roads-stream.ts`) give the
 * same lines, counts and rejects. Features are numbered from 1 in the order they are added.
 */
export class GeoJsonRoadCollector {
  private readonly lines: RoadLine[] = [];
  private readonly rejected: RoadFeatureIssue[] = [];
  private filtered = 0;
  private count = 0;

  constructor(private readonly system: CoordinateSystem) {}

  /** Reads the next feature: its lines, or it is counted as filtered, or rejected with the reason. */
  add(feature: unknown): void {
    const number = ++this.count;
    if (feature === null || typeof feature !== 'object' || Array.isArray(feature)) {
      this.rejected.push({
        feature: number,
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
      this.filtered++;
      return;
    }
    const parts = lineParts(f.geometry);
    const result = Array.isArray(parts)
      ? featureLines(parts, this.system, attributes.roadClass, attributes.name)
      : parts;
    if (Array.isArray(result)) for (const line of result) this.lines.push(line);
    else this.rejected.push({ feature: number, column: '', ...result });
  }

  /** What the features added so far gave. */
  content(): RoadsContent {
    return {
      lines: this.lines,
      crs: this.system.label,
      featuresRead: this.count,
      filtered: this.filtered,
      rejected: this.rejected,
    };
  }
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
  const collector = new GeoJsonRoadCollector(
    geoJsonRoadsSystem(file, (value as { crs?: unknown }).crs, options),
  );
  for (const feature of features) collector.add(feature);
  return collector.content();
}
