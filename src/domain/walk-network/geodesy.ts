/**
 * The one sphere distances are measured on. Edge lengths, access distances and the straight-line
 * distances (scripts/pipeline/life-circle-distances.ts) must agree to the centimetre, or a walk
 * could come out shorter than the straight line it replaces; so the radius and the formula are
 * written here once, for both.
 */

/** Mean Earth radius in metres (IUGG), the one @turf/distance and the straight-line distances use. */
export const EARTH_RADIUS_M = 6371008.8;

/** Degrees to radians. */
export const RAD = Math.PI / 180;

/** Metres per degree of latitude (and of longitude at the equator) on that sphere. */
export const METRES_PER_DEGREE = EARTH_RADIUS_M * RAD;

/** Great-circle distance in metres between two points given in degrees. */
export function haversineMetres(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const sinDLat = Math.sin(((lat2 - lat1) * RAD) / 2);
  const sinDLng = Math.sin(((lng2 - lng1) * RAD) / 2);
  const h = sinDLat * sinDLat + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * sinDLng * sinDLng;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(Math.min(1, h)));
}

/** Whether a pair is usable longitude/latitude: finite, within ±180° and ±90°. */
export function isValidLngLat(lng: number, lat: number): boolean {
  return Number.isFinite(lng) && Number.isFinite(lat) && lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180;
}

/**
 * Metres east per degree of longitude at `lat`, never below a millimetre per degree so a point
 * at a pole does not divide by zero.
 */
export function metresPerDegreeLng(lat: number): number {
  return Math.max(1e-3, METRES_PER_DEGREE * Math.cos(lat * RAD));
}
