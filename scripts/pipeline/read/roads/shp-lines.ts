/**
 * The polylines of a .shp. boundaries.ts reads polygons only (`readShp`); this is its sibling for
 * shape types 3 (PolyLine), 13 (PolyLineZ) and 23 (PolyLineM), with the same checks that counts
 * read from the file fit the record before anything is allocated.
 */
import { InputError } from '../../table';
import { readShpHeader, SHAPE_TYPES } from '../shapefile-layer';

const POLYLINE_TYPES = new Set([3, 13, 23]);

/**
 * One entry per record: its parts, each as x, y pairs `[x0, y0, x1, y1, …]` in the file's system
 * (Z and M values ignored), or null for a null shape. Throws InputError naming the file for
 * bytes that are not a shapefile, a layer of another shape type, and a truncated or damaged
 * record.
 */
export function readShpLines(file: string, bytes: Uint8Array): (Float64Array[] | null)[] {
  const { view, end } = readShpHeader(
    file,
    bytes,
    POLYLINE_TYPES,
    'roads must be polylines (PolyLine, PolyLineZ or PolyLineM)',
  );
  const shapes: (Float64Array[] | null)[] = [];
  const damaged = () => new InputError(`${file}: shape ${shapes.length + 1} in the .shp is damaged`, file);
  let offset = 100;
  while (offset + 12 <= end) {
    const contentStart = offset + 8;
    const contentLength = view.getInt32(offset + 4, false) * 2;
    const contentEnd = contentStart + contentLength;
    if (contentEnd > bytes.length) throw new InputError(`${file}: the .shp is truncated`, file);
    // A record shorter than its type field would never move `offset` on.
    if (contentLength < 4) throw damaged();
    const type = view.getInt32(contentStart, true);
    if (type === 0) shapes.push(null);
    else if (POLYLINE_TYPES.has(type)) {
      const numParts = contentLength >= 44 ? view.getInt32(contentStart + 36, true) : -1;
      const numPoints = contentLength >= 44 ? view.getInt32(contentStart + 40, true) : -1;
      const partsAt = contentStart + 44;
      const pointsAt = partsAt + 4 * numParts;
      if (numParts < 0 || numPoints < 0 || pointsAt + 16 * numPoints > contentEnd) throw damaged();
      const parts: Float64Array[] = [];
      for (let p = 0; p < numParts; p++) {
        const from = view.getInt32(partsAt + 4 * p, true);
        const to = p + 1 < numParts ? view.getInt32(partsAt + 4 * (p + 1), true) : numPoints;
        if (from < 0 || to > numPoints || from > to) throw damaged();
        const xy = new Float64Array(2 * (to - from));
        for (let k = from; k < to; k++) {
          const at = pointsAt + 16 * k;
          xy[2 * (k - from)] = view.getFloat64(at, true);
          xy[2 * (k - from) + 1] = view.getFloat64(at + 8, true);
        }
        parts.push(xy);
      }
      shapes.push(parts);
    } else {
      throw new InputError(
        `${file}: shape ${shapes.length + 1} is of type ${SHAPE_TYPES[type] ?? type}, not a polyline`,
        file,
      );
    }
    offset = contentEnd;
  }
  return shapes;
}
