/**
 * Roads from a zipped polyline shapefile: .shp + .dbf, with the .prj that says what the
 * coordinates are (any system road-crs.ts accepts, CGCS2000 Gauss–Krüger included) and the
 * optional .cpg naming the .dbf's code page (GBK when absent and the bytes are not UTF-8, as
 * Chinese ArcGIS writes them). Members are read through the zip guard, which inflates only the
 * layer's own files and refuses a zip bomb first. The .dbf is read by boundaries.ts's `readDbf`;
 * the polylines by `readShpLines` (boundaries.ts reads polygons only).
 */
import type { RoadLine } from '../../../../src/domain/walk-network/types';
import { InputError } from '../../table';
import { readDbf } from '../boundaries';
import { pickShapefileMembers } from '../shapefile-layer';
import { DEFAULT_ZIP_LIMITS, inflateMember, type ZipLimits } from '../zip-guard';
import { roadAttributes } from './road-attributes';
import { chooseSystem, systemFromPrj } from './road-crs';
import { featureLines, type PointCheck } from './road-line';
import { readShpLines } from './shp-lines';
import type { RoadFeatureIssue, RoadsContent, RoadsCrsOption } from './road-types';

/** Options of `readShapefileRoads`. */
export interface ShapefileRoadsOptions {
  /** `--roads-crs`: the system of a layer without a .prj (see `chooseSystem`). Default none. */
  crs?: RoadsCrsOption;
  /** What the zip may inflate to (default `DEFAULT_ZIP_LIMITS`); tests lower them. */
  zipLimits?: Readonly<ZipLimits>;
  /** Where a vertex may lie (default `checkChinaPoint`, see `projectLine`). */
  checkPoint?: PointCheck;
}

/**
 * Reads the one polyline layer of a zipped shapefile. A record per feature: a null shape, or a
 * part with bad coordinates, rejects the record (reported with its 1-based number); a record
 * whose class says nobody walks there is filtered. Throws InputError naming the file for a zip
 * without exactly one .shp, a missing .dbf, no .prj and no `crs`, a .prj that is not accepted,
 * a layer that is not polylines, damaged members and a .shp and .dbf that disagree on the count.
 */
export function readShapefileRoads(
  file: string,
  bytes: Uint8Array,
  options: ShapefileRoadsOptions = {},
): RoadsContent {
  const {
    shp: shpMember,
    dbf: dbfMember,
    prj: prjMember,
    cpg: cpgMember,
  } = pickShapefileMembers(file, bytes, options.zipLimits ?? DEFAULT_ZIP_LIMITS, 'road layer');

  const prj = prjMember && new TextDecoder().decode(inflateMember(file, bytes, prjMember));
  const system = chooseSystem(
    file,
    prj === undefined ? undefined : { system: systemFromPrj(file, prj), source: 'the .prj' },
    options.crs,
    `${file}: ${shpMember.name} has no .prj, so what its coordinates are is unknown: add the layer's .prj ` +
      'to the zip (projected coordinates such as Gauss-Kruger need it), or give --roads-crs ' +
      'WGS84|CGCS2000|GCJ-02|BD-09 for longitude/latitude',
  );
  const cpg = cpgMember && new TextDecoder().decode(inflateMember(file, bytes, cpgMember));
  const shapes = readShpLines(file, inflateMember(file, bytes, shpMember));
  const records = readDbf(file, inflateMember(file, bytes, dbfMember), cpg);
  if (records.length !== shapes.length) {
    throw new InputError(
      `${file}: the .shp has ${shapes.length} shapes but the .dbf ${records.length} records`,
      file,
    );
  }

  const lines: RoadLine[] = [];
  const rejected: RoadFeatureIssue[] = [];
  let filtered = 0;
  shapes.forEach((parts, i) => {
    const attributes = roadAttributes(records[i]!);
    if (!attributes.walkable) {
      filtered++;
      return;
    }
    if (parts === null) {
      rejected.push({ feature: i + 1, column: '', value: 'null shape', reason: 'no geometry' });
      return;
    }
    const result = featureLines(parts, system, attributes.roadClass, attributes.name, options.checkPoint);
    if (Array.isArray(result)) for (const line of result) lines.push(line);
    else rejected.push({ feature: i + 1, column: '', ...result });
  });
  return { lines, crs: system.label, featuresRead: shapes.length, filtered, rejected };
}
