/**
 * Reads a road file (`--roads FILE`) into WGS84 `RoadLine`s for the walking network: GeoJSON
 * lines, a zipped polyline shapefile (with its .prj: CGCS2000 Gauss–Krüger and other
 * projections are converted), or an OpenStreetMap extract (.osm.pbf; walkable ways only). The
 * format follows the extension. See README.md in this folder for the rules.
 */
import { readInputFile } from '../input-file';
import { InputError } from '../../table';
import { streamGeoJsonRoads } from './geojson-roads-stream';
import { readOsmPbfRoads } from './osm-pbf-roads';
import type { RoadsContent, RoadsCrsOption, RoadsFormat, RoadsRead } from './road-types';
import { readShapefileRoads } from './shapefile-roads';

export type { RoadFeatureIssue, RoadsCrsOption, RoadsFormat, RoadsRead } from './road-types';

/** The format a road file's name says, or the InputError for a name that says none. */
export function roadsFormat(file: string): RoadsFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  if (lower.endsWith('.zip')) return 'shapefile';
  if (lower.endsWith('.osm.pbf')) return 'osm-pbf';
  const hint = lower.endsWith('.shp')
    ? ': give a shapefile as a .zip holding its .shp, .dbf and .prj'
    : lower.endsWith('.osm') || lower.endsWith('.osm.bz2')
      ? ': OSM XML is not read; convert it with `osmium cat FILE -o FILE.osm.pbf`'
      : lower.endsWith('.pbf')
        ? ': an OpenStreetMap extract must be named .osm.pbf'
        : '';
  throw new InputError(
    `${file}: unsupported road file format${hint || ': use .geojson, a zipped shapefile (.zip) or an OpenStreetMap extract (.osm.pbf)'}`,
    file,
  );
}

/** The InputError for a file that gave no line, saying why; undefined when it gave some. */
export function emptyRoadsError(
  file: string,
  format: RoadsFormat,
  read: RoadsContent,
): InputError | undefined {
  if (read.lines.length > 0) return undefined;
  const osm = format === 'osm-pbf';
  const first = read.rejected[0];
  const example = first
    ? `; ${osm ? 'way' : 'feature'} ${first.feature}: ${first.reason}` +
      (read.rejected.length > 1 ? ` (and ${read.rejected.length - 1} more rejected)` : '')
    : '';
  let message: string;
  if (read.featuresRead === 0) {
    message = osm ? 'no highway ways in the extract' : 'no line features: the file holds no features';
  } else if (read.rejected.length === 0) {
    message = osm
      ? `no walkable ways: all ${read.featuresRead} highway ways were filtered out (motorways, private, foot=no …)`
      : `no walkable roads: all ${read.featuresRead} features are classed as roads nobody walks on (motorways)`;
  } else {
    message =
      `no line features: ${read.featuresRead} ${osm ? 'highway ways' : 'features'} read, ` +
      `${read.filtered} filtered, ${read.rejected.length} rejected${example}`;
  }
  return new InputError(`${file}: ${message}`, file);
}

/**
 * Reads a road file. `opts.crs` is `--roads-crs`: the longitude/latitude system of a GeoJSON
 * without a `crs` member or a shapefile without a .prj (also the way to read GCJ-02 or BD-09
 * coordinates, which no .prj can declare); an OSM extract is always WGS84. Bad features are
 * returned in `rejected`, never dropped silently. Throws InputError naming the file when it
 * cannot be read, is not the format its name says, declares an unknown or unaccepted CRS, has
 * a shapefile without a .prj and no `crs`, or yields no line at all (e.g. "no walkable ways").
 */
export async function readRoads(
  file: string,
  opts: { crs?: 'WGS84' | 'CGCS2000' | 'GCJ-02' | 'BD-09' } = {},
): Promise<RoadsRead> {
  const format = roadsFormat(file);
  const crs: RoadsCrsOption | undefined = opts.crs;
  let read: RoadsContent;
  if (format === 'osm-pbf') {
    if (crs === 'GCJ-02' || crs === 'BD-09') {
      throw new InputError(
        `${file}: --roads-crs ${crs} does not apply to an OpenStreetMap extract, which is always WGS84`,
        file,
      );
    }
    read = await readOsmPbfRoads(file);
  } else if (format === 'geojson') {
    // Streamed: a national network is larger than the longest string a whole file could decode to.
    read = await streamGeoJsonRoads(file, { crs });
  } else {
    read = readShapefileRoads(file, await readInputFile(file), { crs });
  }
  const empty = emptyRoadsError(file, format, read);
  if (empty) throw empty;
  return { ...read, format };
}
