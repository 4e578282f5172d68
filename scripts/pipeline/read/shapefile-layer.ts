/**
 * What the polygon reader (boundaries.ts) and the polyline reader (roads/) share about a zipped
 * shapefile layer: which zip members make up the one layer, and the .shp header checks. Kept in
 * one place so both readers accept and refuse the same files with the same words.
 */
import { InputError } from '../table';
import { checkDeclaredSizes, listZipMembers, type ZipLimits, type ZipMember } from './zip-guard';

/** Names listed in a message about a zip's contents; a zip may hold thousands. */
const NAMES_SHOWN = 20;

/** Shapefile shape types by number, to name a type a reader does not take. */
export const SHAPE_TYPES: Readonly<Record<number, string>> = {
  1: 'Point',
  3: 'PolyLine',
  5: 'Polygon',
  8: 'MultiPoint',
  11: 'PointZ',
  13: 'PolyLineZ',
  15: 'PolygonZ',
  18: 'MultiPointZ',
  21: 'PointM',
  23: 'PolyLineM',
  25: 'PolygonM',
  28: 'MultiPointM',
  31: 'MultiPatch',
};

/** The zip members of one shapefile layer; the .shx index is not needed to read the .shp in order. */
export interface ShapefileMembers {
  shp: ZipMember;
  dbf: ZipMember;
  prj: ZipMember | undefined;
  cpg: ZipMember | undefined;
}

/**
 * The members of the one shapefile layer in a zip, their declared sizes checked against `limits`
 * before anything is inflated. Throws InputError naming the file for a zip with no .shp or more
 * than one (`layer` words the one-per-file advice), or a .shp without its .dbf.
 */
export function pickShapefileMembers(
  file: string,
  bytes: Uint8Array,
  limits: Readonly<ZipLimits>,
  layer: string,
): ShapefileMembers {
  // macOS Finder adds __MACOSX/ resource forks with the same names; they are not layers.
  const members = listZipMembers(file, bytes).filter(
    (m) => !m.name.startsWith('__MACOSX/') && !m.name.endsWith('/'),
  );
  const shps = members.filter((m) => m.name.toLowerCase().endsWith('.shp'));
  if (shps.length !== 1) {
    const list = (all: string[]) =>
      all.slice(0, NAMES_SHOWN).join(', ') +
      (all.length > NAMES_SHOWN ? ` and ${all.length - NAMES_SHOWN} more` : '');
    throw new InputError(
      shps.length === 0
        ? `${file}: no .shp in the zip (found: ${list(members.map((m) => m.name)) || 'nothing'})`
        : `${file}: the zip holds ${shps.length} shapefiles (${list(shps.map((m) => m.name))}): zip one ${layer} per file`,
      file,
    );
  }
  const shp = shps[0]!;
  const base = shp.name.slice(0, -4).toLowerCase();
  const sibling = (ext: string) => members.find((m) => m.name.toLowerCase() === base + ext);
  const dbf = sibling('.dbf');
  if (!dbf) throw new InputError(`${file}: ${shp.name} has no .dbf beside it in the zip`, file);
  const prj = sibling('.prj');
  const cpg = sibling('.cpg');
  // Only the layer's own members are checked (and later inflated); anything else in the zip is
  // not ours to inflate.
  checkDeclaredSizes(
    file,
    [shp, dbf, prj, cpg].filter((m) => m !== undefined),
    limits,
  );
  return { shp, dbf, prj, cpg };
}

/**
 * The .shp's little-endian view and the end of its records (the header's length, capped at the
 * bytes there are). Throws InputError naming the file for bytes that are not a shapefile and a
 * layer whose shape type is not in `accepted` (an empty layer, type 0, is taken), with `mustBe`
 * saying what the layer must hold.
 */
function readShpHeader(
  file: string,
  bytes: Uint8Array,
  accepted: ReadonlySet<number>,
  mustBe: string,
): { view: DataView; end: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 100 || view.getInt32(0, false) !== 9994) {
    throw new InputError(`${file}: the .shp is not a shapefile (bad file code)`, file);
  }
  const fileType = view.getInt32(32, true);
  if (fileType !== 0 && !accepted.has(fileType)) {
    throw new InputError(
      `${file}: the shapefile holds ${SHAPE_TYPES[fileType] ?? `type ${fileType}`} shapes; ${mustBe}`,
      file,
    );
  }
  return { view, end: Math.min(bytes.length, view.getInt32(24, false) * 2) };
}

/**
 * The records of a .shp whose shapes are made of parts (polylines, polygons): one entry per
 * record, its parts each as x, y pairs `[x0, y0, x1, y1, …]` in the file's system (Z and M values
 * ignored), or null for a null shape. Counts read from the file must fit the record before
 * anything is allocated. Throws InputError naming the file for bytes that are not a shapefile, a
 * layer not of the `accepted` types (`mustBe` says what it must hold), a record of another type
 * (`wrongType` words its type), and a truncated or damaged record.
 */
export function readShpParts(
  file: string,
  bytes: Uint8Array,
  accepted: ReadonlySet<number>,
  mustBe: string,
  wrongType: (type: number) => string,
): (Float64Array[] | null)[] {
  const { view, end } = readShpHeader(file, bytes, accepted, mustBe);
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
    else if (accepted.has(type)) {
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
      throw new InputError(`${file}: shape ${shapes.length + 1} is of type ${wrongType(type)}`, file);
    }
    offset = contentEnd;
  }
  return shapes;
}
