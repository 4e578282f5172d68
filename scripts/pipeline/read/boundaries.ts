/**
 * Reads administrative boundaries (区 / 街道 / 社区 polygons) from GeoJSON or a zipped shapefile,
 * mapping the property names Chinese GIS exports use onto `{ name, level, code }`.
 *
 * The shapefile reader is our own (about 150 lines) because only polygons, one layer and
 * attribute text are needed; zip members are read through the zip guard (`zip-guard.ts`), which
 * inflates only the layer's own members and refuses a zip bomb before inflating it.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { InputError } from '../table';
import { geoJsonFeatures, parseJsonInput } from './json-input';
import { polygonCoordinateIssue } from './polygon-check';
import { pickShapefileMembers, readShpParts } from './shapefile-layer';
import { DEFAULT_ZIP_LIMITS, inflateMember, type ZipLimits } from './zip-guard';

/** Administrative level of a boundary. */
export type BoundaryLevel = 'district' | 'street' | 'community';

export interface BoundaryProperties {
  name: string;
  level?: BoundaryLevel;
  /** Statistical division code as written (6, 9 or 12 digits). */
  code?: string;
}

export type BoundaryCollection = FeatureCollection<Polygon | MultiPolygon, BoundaryProperties>;

// Property names, compared case-insensitively, in order of preference. XZQMC/XZQDM (行政区名称/
// 代码) and QHMC/QHDM (区划名称/代码) are the names in Chinese land-survey and civil-affairs data;
// adcode is DataV's.
const NAME_KEYS = ['name', '名称', '区划名称', '行政区划名称', '行政区名称', 'xzqmc', 'qhmc', 'mc'];
const CODE_KEYS = ['code', 'adcode', '区划代码', '行政区划代码', 'xzqdm', 'qhdm', 'pac'];
const LEVEL_KEYS = ['level', '级别', '层级'];

const LEVEL_WORDS: Record<BoundaryLevel, readonly string[]> = {
  district: ['district', 'county', '区', '县', '区县', '县区', '县级'],
  street: ['street', 'town', 'township', '街道', '乡镇', '镇街', '镇', '乡', '乡级'],
  community: ['community', 'village', '社区', '村', '居委会', '村居', '村级'],
};

/** Options of `readBoundaries`. */
export interface ReadBoundariesOptions {
  /** What a zipped shapefile may inflate to (default `DEFAULT_ZIP_LIMITS`); tests lower them. */
  zipLimits?: Readonly<ZipLimits>;
}

/**
 * Reads a boundary file: `.geojson` / `.json` (FeatureCollection or Feature), or `.zip` holding
 * one shapefile layer (.shp + .dbf, optionally .prj and .cpg; other members are not inflated). Properties are mapped to `name`
 * (name/NAME/名称/XZQMC…), `code` (code/adcode/区划代码/XZQDM…) and `level` (level/级别 with
 * district/street/community or 区/街道/社区 words). Without a recognised level, a division code
 * tells it: 12 digits ending in 000 is a street, other 12-digit codes a community, and so on.
 *
 * Throws InputError for any feature that is not a Polygon or MultiPolygon or whose coordinates
 * are not arrays of number pairs (boundaries are never dropped silently), for coordinates that
 * are not degrees, for a .prj that is projected or on a datum other than WGS84 / CGCS2000, for
 * invalid JSON (see `parseJsonInput`) and for a zip that would inflate past the limits.
 */
export function readBoundaries(
  file: string,
  bytes: Uint8Array,
  options: ReadBoundariesOptions = {},
): BoundaryCollection {
  const lower = file.toLowerCase();
  let raw: RawFeature[];
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) raw = readGeoJsonFeatures(file, bytes);
  else if (lower.endsWith('.zip'))
    raw = readZippedShapefile(file, bytes, options.zipLimits ?? DEFAULT_ZIP_LIMITS);
  else if (lower.endsWith('.shp')) {
    throw new InputError(`${file}: give a shapefile as a .zip holding its .shp, .dbf and .prj`, file);
  } else {
    throw new InputError(`${file}: unsupported boundary format: use .geojson or a zipped shapefile`, file);
  }

  const keys = raw.flatMap((f) => Object.keys(f.properties));
  const nameKey = findKey(keys, NAME_KEYS);
  if (nameKey === undefined) {
    throw new InputError(
      `${file}: no name property in the boundaries (looked for ${NAME_KEYS.join(', ')}); found: ${[...new Set(keys)].join(', ')}`,
      file,
    );
  }
  const codeKey = findKey(keys, CODE_KEYS);
  const levelKey = findKey(keys, LEVEL_KEYS);

  const features = raw.map((f, i): Feature<Polygon | MultiPolygon, BoundaryProperties> => {
    const where = `${file}: feature ${i + 1}`;
    const type: unknown = typeof f.geometry === 'object' ? f.geometry?.type : undefined;
    if (!f.geometry || (type !== 'Polygon' && type !== 'MultiPolygon')) {
      const what = !f.geometry ? 'empty' : typeof type === 'string' ? `a ${type}` : 'not a GeoJSON geometry';
      throw new InputError(`${where} is ${what}; boundaries must be Polygon or MultiPolygon`, file);
    }
    const issue = polygonCoordinateIssue(f.geometry);
    if (issue !== null) throw new InputError(`${where} ${issue}`, file);
    const properties: BoundaryProperties = { name: propertyText(f.properties[nameKey]) };
    const code = codeKey === undefined ? '' : propertyText(f.properties[codeKey]);
    if (code !== '') properties.code = code;
    const level =
      levelOf(levelKey === undefined ? '' : propertyText(f.properties[levelKey])) ?? levelFromCode(code);
    if (level) properties.level = level;
    return { type: 'Feature', properties, geometry: f.geometry as Polygon | MultiPolygon };
  });
  return { type: 'FeatureCollection', features };
}

interface RawFeature {
  geometry: { type: string; coordinates?: unknown } | null;
  properties: Record<string, unknown>;
}

function readGeoJsonFeatures(file: string, bytes: Uint8Array): RawFeature[] {
  const list = geoJsonFeatures(file, parseJsonInput(file, bytes), true) as {
    geometry?: RawFeature['geometry'];
    properties?: Record<string, unknown> | null;
  }[];
  return list.map((f) => {
    const properties = f?.properties;
    return {
      geometry: f?.geometry ?? null,
      // An array or a string where the properties object belongs carries no usable names.
      properties:
        properties !== null && typeof properties === 'object' && !Array.isArray(properties) ? properties : {},
    };
  });
}

function findKey(keys: string[], candidates: readonly string[]): string | undefined {
  for (const candidate of candidates) {
    const key = keys.find((k) => k.trim().toLowerCase() === candidate);
    if (key !== undefined) return key;
  }
  return undefined;
}

function propertyText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

function levelOf(word: string): BoundaryLevel | undefined {
  const w = word.toLowerCase();
  if (w === '') return undefined;
  return (Object.keys(LEVEL_WORDS) as BoundaryLevel[]).find((level) => LEVEL_WORDS[level].includes(w));
}

/**
 * Level from a statistical division code (GB/T 2260 + 统计用区划代码): 2 province, 2 city,
 * 2 county, 3 township, 3 village digits. Codes for a higher level are padded with zeros.
 */
export function levelFromCode(code: string): BoundaryLevel | undefined {
  if (!/^(\d{6}|\d{9}|\d{12})$/.test(code)) return undefined;
  const full = code.padEnd(12, '0');
  if (full.slice(9) !== '000') return 'community';
  if (full.slice(6, 9) !== '000') return 'street';
  if (full.slice(4, 6) !== '00') return 'district';
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Zipped shapefile

function readZippedShapefile(file: string, bytes: Uint8Array, limits: Readonly<ZipLimits>): RawFeature[] {
  const {
    shp: shpMember,
    dbf: dbfMember,
    prj: prjMember,
    cpg: cpgMember,
  } = pickShapefileMembers(file, bytes, limits, 'layer');
  const prj = prjMember && inflateMember(file, bytes, prjMember);
  if (prj) checkPrj(file, new TextDecoder().decode(prj));
  const cpg = cpgMember && inflateMember(file, bytes, cpgMember);
  const shp = inflateMember(file, bytes, shpMember);
  const dbf = inflateMember(file, bytes, dbfMember);

  const geometries = readShp(file, shp);
  const records = readDbf(file, dbf, cpg ? new TextDecoder().decode(cpg) : undefined);
  if (records.length !== geometries.length) {
    throw new InputError(
      `${file}: the .shp has ${geometries.length} shapes but the .dbf ${records.length} records`,
      file,
    );
  }
  return geometries.map((geometry, i) => ({ geometry, properties: records[i]! }));
}

const GEOGRAPHIC_DATUMS = ['wgs84', 'wgs1984', 'china2000', 'cgcs2000', 'chinageodeticcoordinatesystem2000'];

/** Accepts a geographic WGS84 or CGCS2000 .prj (WKT 1 or 2); anything else is an InputError. */
export function checkPrj(file: string, wkt: string): void {
  const text = wkt.trim();
  const firstName = (keyword: string) =>
    new RegExp(`${keyword}\\s*\\[\\s*"([^"]*)"`, 'i').exec(text)?.[1] ?? '';
  if (/^(PROJCS|PROJCRS|PROJECTEDCRS)\b/i.test(text)) {
    throw new InputError(
      `${file}: the .prj is a projected system (${firstName('PROJ(?:CS|CRS|ECTEDCRS)')}); boundaries must be ` +
        'longitude/latitude: reproject to WGS84 (EPSG:4326) or CGCS2000 (EPSG:4490)',
      file,
    );
  }
  if (!/^(GEOGCS|GEOGCRS|GEODCRS|GEOGRAPHICCRS)\b/i.test(text)) {
    throw new InputError(
      `${file}: the .prj is not a recognised coordinate system: ${text.slice(0, 80)}`,
      file,
    );
  }
  const datum = firstName('DATUM');
  const key = datum
    .toLowerCase()
    .replace(/^d_/, '')
    .replace(/[^a-z0-9]/g, '');
  if (!GEOGRAPHIC_DATUMS.some((d) => key.includes(d))) {
    throw new InputError(
      `${file}: the .prj datum is ${datum || 'unknown'}; only WGS84 and CGCS2000 are accepted ` +
        '(Beijing 1954 and Xian 1980 need a datum transformation first)',
      file,
    );
  }
}

const POLYGON_TYPES = new Set([5, 15, 25]);

/**
 * Polygons of a .shp (types 5, 15, 25; Z and M values ignored), one entry per record, null for a
 * null shape. Rings are grouped into polygons by orientation (shapefile outer rings run
 * clockwise, holes counter-clockwise) and rewound to RFC 7946 (outer counter-clockwise).
 */
export function readShp(file: string, bytes: Uint8Array): (Polygon | MultiPolygon | null)[] {
  const records = readShpParts(
    file,
    bytes,
    POLYGON_TYPES,
    'boundaries must be polygons',
    (type) => `${type}, not a polygon`,
  );
  return records.map((rings) => rings && ringsToGeometry(rings.map(xyToRing)));
}

/** A ring as read (`[x0, y0, x1, y1, …]`) as GeoJSON positions. */
function xyToRing(xy: Float64Array): Position[] {
  return Array.from({ length: xy.length / 2 }, (_, k) => [xy[2 * k]!, xy[2 * k + 1]!]);
}

/** Twice the signed area: positive counter-clockwise (x east, y north). */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return sum;
}

function ringContains(ring: Position[], [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > y! !== yj! > y! && x! < ((xj! - xi!) * (y! - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

function ringsToGeometry(rings: Position[][]): Polygon | MultiPolygon | null {
  const closed = rings.filter((r) => r.length >= 3).map(closeRing);
  const withArea = closed.map((ring) => ({ ring, area: signedArea(ring) })).filter((r) => r.area !== 0);
  let outers = withArea.filter((r) => r.area < 0);
  let holes = withArea.filter((r) => r.area > 0);
  // A writer that ignored the winding rule: every ring is an outer ring.
  if (outers.length === 0) [outers, holes] = [holes, []];
  const polygons = outers.map((o) => ({ area: Math.abs(o.area), rings: [ccw(o.ring)] }));
  for (const hole of holes) {
    const owner = polygons
      .filter((p) => ringContains(p.rings[0]!, hole.ring[0]!))
      .sort((a, b) => a.area - b.area)[0];
    if (owner) owner.rings.push(cw(hole.ring));
    else polygons.push({ area: Math.abs(hole.area), rings: [ccw(hole.ring)] });
  }
  if (polygons.length === 0) return null;
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0]!.rings };
  return { type: 'MultiPolygon', coordinates: polygons.map((p) => p.rings) };
}

function closeRing(ring: Position[]): Position[] {
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

const ccw = (ring: Position[]) => (signedArea(ring) > 0 ? ring : [...ring].reverse());
const cw = (ring: Position[]) => (signedArea(ring) < 0 ? ring : [...ring].reverse());

/**
 * Records of a .dbf (dBASE III) as objects keyed by field name. Text fields are decoded with the
 * .cpg's code page; without one, with GBK when the header's language driver says 936, else UTF-8
 * when every byte is valid UTF-8, else GBK (Chinese ArcGIS writes the system code page).
 * Numbers (N, F) become numbers, logicals booleans, dates `YYYY-MM-DD` text, blanks null.
 */
export function readDbf(file: string, bytes: Uint8Array, cpg?: string): Record<string, unknown>[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 32) throw new InputError(`${file}: the .dbf is truncated`, file);
  const count = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  // The count comes from the file: four billion empty records would never end.
  if (count > 0 && (recordLength === 0 || headerLength + count * recordLength > bytes.length))
    throw new InputError(`${file}: the .dbf is truncated`, file);
  const decoder = new TextDecoder(dbfEncoding(bytes, headerLength, cpg));

  const fields: { name: string; type: string; offset: number; length: number }[] = [];
  let recordOffset = 1; // byte 0 of a record is the deletion flag
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const rawName = bytes.subarray(at, at + 11);
    const nul = rawName.indexOf(0);
    const length = bytes[at + 16]!;
    fields.push({
      name: decoder.decode(nul >= 0 ? rawName.subarray(0, nul) : rawName).trim(),
      type: String.fromCharCode(bytes[at + 11]!),
      offset: recordOffset,
      length,
    });
    recordOffset += length;
  }

  const records: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const start = headerLength + i * recordLength;
    if (start + recordLength > bytes.length) throw new InputError(`${file}: the .dbf is truncated`, file);
    const record: Record<string, unknown> = {};
    for (const field of fields) {
      const raw = bytes.subarray(start + field.offset, start + field.offset + field.length);
      record[field.name] = dbfValue(field.type, decoder.decode(raw).trim());
    }
    records.push(record);
  }
  return records;
}

function dbfValue(type: string, text: string): unknown {
  if (text === '') return null;
  switch (type) {
    case 'N':
    case 'F': {
      const n = Number(text);
      return Number.isFinite(n) ? n : null; // '*****' marks an overflowed number
    }
    case 'L':
      return /^[TtYy]$/.test(text) ? true : /^[FfNn]$/.test(text) ? false : null;
    case 'D':
      return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6)}` : text;
    default:
      return text;
  }
}

const CODE_PAGES: Record<string, string> = {
  utf8: 'utf-8',
  '65001': 'utf-8',
  gbk: 'gb18030',
  cp936: 'gb18030',
  '936': 'gb18030',
  ansi936: 'gb18030',
  gb2312: 'gb18030',
  gb18030: 'gb18030',
  cp1252: 'windows-1252',
  '1252': 'windows-1252',
  ansi1252: 'windows-1252',
  latin1: 'iso-8859-1',
  iso88591: 'iso-8859-1',
  '88591': 'iso-8859-1',
};

/** Language driver ids that mean code page 936 (GBK). */
const GBK_DRIVERS = new Set([0x4d, 0x7a]);

function dbfEncoding(bytes: Uint8Array, headerLength: number, cpg: string | undefined): string {
  if (cpg !== undefined) {
    const key = cpg
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    const label = CODE_PAGES[key];
    if (label) return label;
    try {
      return new TextDecoder(cpg.trim()).encoding;
    } catch {
      // An unknown code page name: detect from the bytes as if there were no .cpg.
    }
  }
  if (GBK_DRIVERS.has(bytes[29] ?? 0)) return 'gb18030';
  // Field descriptors hold binary lengths, so only names and records are tested.
  const texts = [bytes.subarray(headerLength)];
  for (let at = 32; at + 32 <= headerLength && bytes[at] !== 0x0d; at += 32) {
    const name = bytes.subarray(at, at + 11);
    const nul = name.indexOf(0);
    texts.push(nul >= 0 ? name.subarray(0, nul) : name);
  }
  return texts.every(isUtf8) ? 'utf-8' : 'gb18030';
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
