/**
 * WGS84 ↔ GCJ-02, the published obfuscation formula, written out so the site does not ship the
 * whole of gcoord (3.4 KiB gzip on the first load, for the two functions an AMap basemap needs).
 * Every operation is gcoord 1.0.7's, in its order, so the results are the same to the bit:
 * the build (scripts/pipeline/display-crs.ts, through ./display-crs.ts) and the site must move
 * positions alike, and ledger rows in GCJ-02 are still read by gcoord (./parse/coordinates.ts).
 * Pure.
 */

/** Semi-major axis (m) and first eccentricity squared of Krasovsky 1940, the formula's ellipsoid. */
const A = 6378245;
const EE = 0.006693421622965823;

/** The inverse stops once the round trip lands this close (degrees, about 0.1 m), as gcoord's does. */
const INVERSE_TOLERANCE = 1e-6;

/** Outside this rough box around China GCJ-02 equals WGS84 (no offset is applied). */
function inChinaBox(lng: number, lat: number): boolean {
  return lng >= 72.004 && lng <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

function offsetLat(x: number, y: number): number {
  const { sin, sqrt, abs, PI } = Math;
  let ret = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x));
  ret += ((20 * sin(6 * x * PI) + 20 * sin(2 * x * PI)) * 2) / 3;
  ret += ((20 * sin(y * PI) + 40 * sin((y / 3) * PI)) * 2) / 3;
  ret += ((160 * sin((y / 12) * PI) + 320 * sin((y * PI) / 30)) * 2) / 3;
  return ret;
}

function offsetLng(x: number, y: number): number {
  const { sin, sqrt, abs, PI } = Math;
  let ret = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x));
  ret += ((20 * sin(6 * x * PI) + 20 * sin(2 * x * PI)) * 2) / 3;
  ret += ((20 * sin(x * PI) + 40 * sin((x / 3) * PI)) * 2) / 3;
  ret += ((150 * sin((x / 12) * PI) + 300 * sin((x / 30) * PI)) * 2) / 3;
  return ret;
}

/** A WGS84 position in GCJ-02 (unchanged outside China's box). */
export function wgs84ToGcj02(lng: number, lat: number): [number, number] {
  if (!inChinaBox(lng, lat)) return [lng, lat];
  const radLat = (lat / 180) * Math.PI;
  const s = Math.sin(radLat);
  const magic = 1 - EE * s * s;
  const sqrtMagic = Math.sqrt(magic);
  const dLng = (offsetLng(lng - 105, lat - 35) * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  const dLat = (offsetLat(lng - 105, lat - 35) * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  return [lng + dLng, lat + dLat];
}

/**
 * The WGS84 position that `wgs84ToGcj02` moves to (lng, lat): the formula has no closed
 * inverse, so it is walked back until the round trip is within 1e-6 degrees.
 */
export function gcj02ToWgs84(lng: number, lat: number): [number, number] {
  if (!inChinaBox(lng, lat)) return [lng, lat];
  let wgsLng = lng;
  let wgsLat = lat;
  let [gLng, gLat] = wgs84ToGcj02(wgsLng, wgsLat);
  let dx = gLng - lng;
  let dy = gLat - lat;
  while (Math.abs(dx) > INVERSE_TOLERANCE || Math.abs(dy) > INVERSE_TOLERANCE) {
    wgsLng -= dx;
    wgsLat -= dy;
    [gLng, gLat] = wgs84ToGcj02(wgsLng, wgsLat);
    dx = gLng - lng;
    dy = gLat - lat;
  }
  return [wgsLng, wgsLat];
}
