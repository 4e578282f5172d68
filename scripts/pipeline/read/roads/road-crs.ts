/**
 * The coordinate system a road file is written in, and the conversion of its coordinates to WGS84
 * longitude/latitude: a shapefile's .prj (WKT 1, ESRI or OGC, or WKT 2, read by proj4), a GeoJSON
 * `crs` member (an EPSG code), or `--roads-crs` for a file that declares none.
 *
 * Accepted: geographic WGS84 and CGCS2000 (passed through: the two differ by centimetres, as the
 * rest of the build treats them), GCJ-02 and BD-09 (by `--roads-crs` only: no .prj can say so;
 * converted with gcoord), and any projection proj4 can invert on the WGS84 or CGCS2000 ellipsoid:
 * the CGCS2000 Gauss–Krüger zones EPSG:4491–4554 (see gauss-kruger.ts), UTM, Web Mercator.
 * Beijing 1954 and Xian 1980 are refused: reaching WGS84 from them needs local transformation
 * parameters that a .prj does not carry.
 */
import proj4 from 'proj4';
import { toWgs84 } from '../../../../src/domain/parse/coordinates';
import { InputError } from '../../table';
import {
  cgcs2000GaussKruger,
  gaussKrugerProj4,
  matchCgcs2000GaussKruger,
  zoneNumberHint,
  type GaussKrugerSystem,
} from './gauss-kruger';
import type { RoadsCrsOption } from './road-types';

/** How a file's coordinates become WGS84 longitude/latitude. */
export interface CoordinateSystem {
  /** As reported, e.g. `WGS84`, `GCJ-02`, `EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E)`. */
  label: string;
  /** True for metres of a projection, false for degrees. */
  projected: boolean;
  /** WGS84 [lng, lat] of (x, y); NaN where the conversion fails. */
  toWgs84(x: number, y: number): [number, number];
  /** Why a point converted to somewhere outside China may have done so, when the system can tell. */
  hint?(x: number, y: number): string | undefined;
}

/** A longitude/latitude system: WGS84 and CGCS2000 as they are, GCJ-02 and BD-09 through gcoord. */
export function geographicSystem(crs: RoadsCrsOption): CoordinateSystem {
  return { label: crs, projected: false, toWgs84: (x, y) => toWgs84(x, y, crs) };
}

function projectedSystem(
  label: string,
  definition: string,
  gaussKruger?: GaussKrugerSystem,
): CoordinateSystem {
  // One argument: a converter between WGS84 and the definition; `inverse` leaves the projection.
  const converter = proj4(definition);
  const system: CoordinateSystem = {
    label,
    projected: true,
    toWgs84(x, y) {
      try {
        const [lng = NaN, lat = NaN] = converter.inverse([x, y]);
        return [lng, lat];
      } catch {
        return [NaN, NaN];
      }
    },
  };
  if (gaussKruger) system.hint = (x) => zoneNumberHint(gaussKruger, x);
  return system;
}

const WEB_MERCATOR = [3857, 900913, 3785, 102100, 102113];

/**
 * The system an EPSG code names, for a GeoJSON `crs` member: 4326 and 4490 (longitude/latitude),
 * the CGCS2000 Gauss–Krüger zones 4491–4554, WGS84 UTM 32601–32660, Web Mercator 3857. Undefined
 * for any other code.
 */
export function systemFromEpsg(epsg: number): CoordinateSystem | undefined {
  if (epsg === 4326) return geographicSystem('WGS84');
  if (epsg === 4490) return geographicSystem('CGCS2000');
  const gk = cgcs2000GaussKruger(epsg);
  if (gk) return projectedSystem(`EPSG:${epsg} (${gk.name})`, gaussKrugerProj4(gk), gk);
  if (epsg >= 32601 && epsg <= 32660) {
    const zone = epsg - 32600;
    return projectedSystem(
      `EPSG:${epsg} (WGS 84 / UTM zone ${zone}N)`,
      `+proj=utm +zone=${zone} +datum=WGS84`,
    );
  }
  if (WEB_MERCATOR.includes(epsg))
    return projectedSystem(`EPSG:3857 (WGS 84 / Pseudo-Mercator)`, 'EPSG:3857');
  return undefined;
}

/**
 * The system a GeoJSON `crs` member (GeoJSON 2008; RFC 7946 dropped it) names: `{"type": "name",
 * "properties": {"name": "urn:ogc:def:crs:EPSG::4547"}}` (or `EPSG:4547`, or OGC CRS84) or
 * `{"type": "EPSG", "properties": {"code": 4547}}`. Undefined when the member is absent; throws
 * InputError naming the file for a member that names no system `systemFromEpsg` knows.
 */
export function systemFromGeoJsonCrs(file: string, crs: unknown): CoordinateSystem | undefined {
  if (crs === undefined || crs === null) return undefined;
  const properties =
    typeof crs === 'object' ? (crs as { properties?: Record<string, unknown> }).properties : undefined;
  const named = properties?.name ?? properties?.code;
  const text = typeof named === 'string' || typeof named === 'number' ? String(named).trim() : '';
  if (/(^|:)CRS84$/i.test(text)) return geographicSystem('WGS84');
  const code = /(?:^|[:/])(?:EPSG)?:*(\d{4,6})$/i.exec(text)?.[1];
  const system = code === undefined ? undefined : systemFromEpsg(Number(code));
  if (system) return system;
  throw new InputError(
    `${file}: the "crs" member names ${text === '' ? 'no coordinate system' : `"${text}"`}, which is not ` +
      'a system the build converts (EPSG:4326, 4490, 4491–4554 CGCS2000 Gauss-Kruger, 32601–32660 UTM, 3857); ' +
      'write the file in WGS84 longitude/latitude and drop the "crs" member',
    file,
  );
}

const GRS80_RF = 298.257222101;
const WGS84_RF = 298.257223563;
const TRANSVERSE_MERCATOR = [
  'transversemercator',
  'gausskruger',
  'tmerc',
  'etmerc',
  'extendedtransversemercator',
];

/** The fields of a parsed proj4 projection read here (proj4's own type leaves most out). */
interface ParsedProjection {
  projName?: string;
  a?: number;
  b?: number;
  rf?: number;
  x0?: number;
  y0?: number;
  long0?: number;
  lat0?: number;
  k0?: number;
  title?: string;
  srsCode?: string;
  name?: string;
  datumName?: string;
  datumCode?: string;
}

/**
 * The system a shapefile's .prj declares. Throws InputError naming the file for WKT proj4 cannot
 * read, a projection it does not implement, and an ellipsoid other than WGS84's or CGCS2000's.
 */
export function systemFromPrj(file: string, wkt: string): CoordinateSystem {
  const text = wkt.replace(/^\uFEFF/, '').trim();
  const shown = text.length > 100 ? `${text.slice(0, 100)}…` : text;
  if (text === '')
    throw new InputError(`${file}: the .prj is empty; add the layer's coordinate system`, file);
  let parsed: ParsedProjection;
  try {
    parsed = new proj4.Proj(text) as unknown as ParsedProjection;
  } catch (error) {
    // proj4 throws strings that repeat the whole WKT; only an unknown projection is worth naming.
    const reason = error instanceof Error ? error.message : String(error ?? '');
    const method = /(?:PROJECTION|METHOD)\s*\[\s*"([^"]*)"/i.exec(text)?.[1];
    throw new InputError(
      reason.startsWith('Could not get projection name') && method !== undefined
        ? `${file}: the .prj's projection "${method}" is not one proj4 implements: ${shown}`
        : `${file}: the .prj is not a coordinate system proj4 can read: ${shown}`,
      file,
    );
  }
  // The name the WKT opens with; proj4 replaces EPSG:3857 with its own nameless definition.
  const name = /^\w+\s*\[\s*"([^"]*)"/.exec(text)?.[1] || parsed.srsCode || parsed.name || '';
  const a = parsed.a ?? NaN;
  const rf = parsed.rf ?? (parsed.b !== undefined && parsed.b !== a ? a / (a - parsed.b) : Infinity);
  const onGrs80 = Math.abs(rf - GRS80_RF) < 1e-6;
  // EPSG:3857 arrives as proj4's own Web Mercator definition, a sphere of WGS84's radius.
  const webMercator = parsed.projName === 'merc' && a === 6378137 && parsed.b === 6378137;
  if (a !== 6378137 || (!onGrs80 && Math.abs(rf - WGS84_RF) >= 1e-6 && !webMercator)) {
    const datum = /DATUM\s*\[\s*"([^"]*)"/i.exec(text)?.[1] ?? parsed.datumName ?? 'unknown';
    throw new InputError(
      `${file}: the .prj's datum is ${datum} (ellipsoid a=${a}, 1/f=${Number.isFinite(rf) ? rf : '∞'}); only ` +
        'WGS84 and CGCS2000 are accepted: Beijing 1954 and Xian 1980 need a datum transformation with local ' +
        'parameters first (reproject to CGCS2000, e.g. EPSG:4490 or its Gauss-Kruger zone)',
      file,
    );
  }
  if (parsed.projName === 'longlat') {
    const cgcs = onGrs80 || /2000|china/i.test(`${name} ${parsed.datumCode ?? ''}`);
    return geographicSystem(cgcs ? 'CGCS2000' : 'WGS84');
  }
  // The system's own code closes the WKT: `AUTHORITY["EPSG","4547"]]` (WKT 1), `ID["EPSG",4547]]` (WKT 2).
  const authority =
    /^EPSG:(\d+)$/i.exec(parsed.title ?? '')?.[1] ??
    /(?:AUTHORITY|ID)\s*\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]$/i.exec(text)?.[1];
  const epsg = authority === undefined ? undefined : Number(authority);
  const projection = (parsed.projName ?? '').toLowerCase().replace(/[^a-z]/g, '');
  const gk =
    onGrs80 && TRANSVERSE_MERCATOR.includes(projection)
      ? matchCgcs2000GaussKruger({
          centralMeridian: ((parsed.long0 ?? 0) * 180) / Math.PI,
          falseEasting: parsed.x0 ?? 0,
          falseNorthing: parsed.y0 ?? 0,
          scale: parsed.k0 ?? 1,
          latitudeOfOrigin: ((parsed.lat0 ?? 0) * 180) / Math.PI,
          name,
          epsg,
        })
      : undefined;
  const label = gk
    ? `EPSG:${gk.epsg} (${gk.name})`
    : epsg !== undefined
      ? `EPSG:${epsg} (${name})`
      : name || 'the .prj projection';
  return projectedSystem(label, text, gk);
}

/** Where a file's own coordinate system was found, for messages: `the .prj`, `the "crs" member`. */
export interface DeclaredSystem {
  system: CoordinateSystem;
  source: string;
}

/**
 * The system to read a file in. The file's own declaration, unless `--roads-crs` is given: then
 * the option, which is how a GCJ-02 or BD-09 file is read (a .prj cannot say so, and WGS84 and
 * CGCS2000 are read alike). An option beside a projected declaration is a contradiction and an
 * InputError. Without either, `fallback`: a system (GeoJSON's WGS84) or the message of the
 * InputError to throw (a shapefile without a .prj).
 */
export function chooseSystem(
  file: string,
  declared: DeclaredSystem | undefined,
  option: RoadsCrsOption | undefined,
  fallback: CoordinateSystem | string,
): CoordinateSystem {
  if (declared && option) {
    if (declared.system.projected) {
      throw new InputError(
        `${file}: ${declared.source} declares ${declared.system.label}, a projected system in metres, but ` +
          `--roads-crs says ${option} (longitude/latitude): leave out --roads-crs for this file`,
        file,
      );
    }
    return geographicSystem(option);
  }
  if (declared) return declared.system;
  if (option) return geographicSystem(option);
  if (typeof fallback === 'string') throw new InputError(fallback, file);
  return fallback;
}
