/**
 * One line's vertices, as a file gives them, into the WGS84 `coords` of a `RoadLine`: every
 * vertex a finite number pair, in degrees when the system is geographic, converted, inside
 * China's extent; consecutive repeats dropped (they would be zero-length edges); at least two
 * distinct vertices left.
 */
import { checkChinaPoint, SWAPPED_REASON } from '../../../../src/domain/parse/coordinates';
import type { RoadClass, RoadLine } from '../../../../src/domain/walk-network/types';
import type { CoordinateSystem } from './road-crs';

/** Why a line cannot be used, with the vertex or count that shows it. */
export interface LineIssue {
  value: string;
  reason: string;
}

/** Says why a WGS84 point cannot be on a road of this atlas, or null when it can. */
export type PointCheck = (lng: number, lat: number) => string | null;

/**
 * WGS84 `[lng0, lat0, lng1, lat1, …]` of the vertices `xy` (x, y pairs in `system`), or the
 * first problem found. `checkPoint` defaults to `checkChinaPoint` (the atlas maps China; a point
 * outside it says the coordinate system is wrong); tests of published control points outside
 * China pass their own.
 */
export function projectLine(
  xy: ArrayLike<number>,
  system: CoordinateSystem,
  checkPoint: PointCheck = checkChinaPoint,
): Float64Array | LineIssue {
  const n = Math.floor(xy.length / 2);
  const out = new Float64Array(2 * n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!;
    const y = xy[2 * i + 1]!;
    // The issue's text is built only on the error path: a national file has millions of vertices.
    const value = () => `${x}, ${y}`;
    if (!Number.isFinite(x) || !Number.isFinite(y))
      return { value: value(), reason: `vertex ${i + 1} is not a pair of numbers` };
    if (!system.projected && (Math.abs(x) > 180 || Math.abs(y) > 90)) {
      if (checkPoint(y, x) === null) return { value: value(), reason: `vertex ${i + 1}: ${SWAPPED_REASON}` };
      return {
        value: value(),
        reason:
          `vertex ${i + 1} is not longitude/latitude in degrees (${system.label}); metres of a projection ` +
          'need the coordinate system declared (a .prj beside the shapefile, a "crs" member in GeoJSON)',
      };
    }
    const [lng, lat] = system.toWgs84(x, y);
    if (!Number.isFinite(lng) || !Number.isFinite(lat))
      return hinted(system, x, y, `vertex ${i + 1} cannot be converted from ${system.label}`);
    const outside = checkPoint(lng, lat);
    if (outside !== null) {
      const where = system.projected ? ` (${lng.toFixed(5)}, ${lat.toFixed(5)} in WGS84)` : '';
      return hinted(system, x, y, `vertex ${i + 1}${where}: ${outside}`);
    }
    if (count > 0 && out[2 * count - 2] === lng && out[2 * count - 1] === lat) continue;
    out[2 * count] = lng;
    out[2 * count + 1] = lat;
    count++;
  }
  if (count < 2) {
    return {
      value: `${n} ${n === 1 ? 'vertex' : 'vertices'}`,
      reason: count === 1 && n > 1 ? 'every vertex is the same point' : 'fewer than 2 vertices',
    };
  }
  return count === n ? out : out.slice(0, 2 * count);
}

/**
 * The `RoadLine`s of one feature, one per part (a MultiLineString's lines, a shapefile record's
 * parts), or the first problem found; a problem in any part rejects the whole feature, so that a
 * road is never half read.
 */
export function featureLines(
  parts: readonly ArrayLike<number>[],
  system: CoordinateSystem,
  roadClass: RoadClass,
  name: string | undefined,
  checkPoint: PointCheck = checkChinaPoint,
): RoadLine[] | LineIssue {
  if (parts.length === 0) return { value: '0 parts', reason: 'no vertices' };
  const lines: RoadLine[] = [];
  for (let p = 0; p < parts.length; p++) {
    const coords = projectLine(parts[p]!, system, checkPoint);
    if (!(coords instanceof Float64Array)) {
      return parts.length === 1 ? coords : { value: coords.value, reason: `part ${p + 1}: ${coords.reason}` };
    }
    lines.push(name === undefined ? { coords, roadClass } : { coords, roadClass, name });
  }
  return lines;
}

/** A vertex's issue, with the coordinate system's hint (e.g. which EPSG zone would fit) when it has one. */
function hinted(system: CoordinateSystem, x: number, y: number, reason: string): LineIssue {
  const hint = system.hint?.(x, y);
  return { value: `${x}, ${y}`, reason: hint ? `${reason}; ${hint}` : reason };
}
