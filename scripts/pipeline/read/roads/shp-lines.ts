/**
 * The polylines of a .shp. boundaries.ts reads polygons only (`readShp`); this is its sibling for
 * shape types 3 (PolyLine), 13 (PolyLineZ) and 23 (PolyLineM), with the same checks that counts
 * read from the file fit the record before anything is allocated.
 */
import { readShpParts, SHAPE_TYPES } from '../shapefile-layer';

const POLYLINE_TYPES = new Set([3, 13, 23]);

/**
 * One entry per record: its parts, each as x, y pairs `[x0, y0, x1, y1, …]` in the file's system
 * (Z and M values ignored), or null for a null shape. Throws InputError naming the file for
 * bytes that are not a shapefile, a layer of another shape type, and a truncated or damaged
 * record.
 */
export function readShpLines(file: string, bytes: Uint8Array): (Float64Array[] | null)[] {
  return readShpParts(
    file,
    bytes,
    POLYLINE_TYPES,
    'roads must be polylines (PolyLine, PolyLineZ or PolyLineM)',
    (type) => `${SHAPE_TYPES[type] ?? type}, not a polyline`,
  );
}
