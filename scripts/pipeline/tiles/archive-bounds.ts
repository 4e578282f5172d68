/** [west, south, east, north] in degrees. */
export type Bbox = [west: number, south: number, east: number, north: number];

/** Fallback bounds for an empty layer: mainland China. */
export const CHINA_BOUNDS: Bbox = [73, 18, 135, 54];

/**
 * Half the width, in degrees, given to a bounding box that has none along an axis (about 100 m).
 * The pmtiles reader rejects an archive whose bounds have zero area, which a one-community
 * ledger, or communities all on one street line, would otherwise produce.
 */
export const MIN_HALF_EXTENT = 0.001;

/**
 * The bounds written into a PMTiles header: the data's bounding box, widened where it has no
 * extent, or mainland China when the layer is empty.
 */
export function archiveBounds(bbox: Bbox | null): Bbox {
  if (!bbox) return CHINA_BOUNDS;
  let [w, s, e, n] = bbox;
  if (e - w < 2 * MIN_HALF_EXTENT) {
    const mid = (w + e) / 2;
    w = mid - MIN_HALF_EXTENT;
    e = mid + MIN_HALF_EXTENT;
  }
  if (n - s < 2 * MIN_HALF_EXTENT) {
    const mid = (s + n) / 2;
    s = mid - MIN_HALF_EXTENT;
    n = mid + MIN_HALF_EXTENT;
  }
  return [w, s, e, n];
}

/** The bounding box of `count` positions read by index, or null when there are none. */
export function bboxOf(count: number, lng: (i: number) => number, lat: (i: number) => number): Bbox | null {
  if (count === 0) return null;
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < count; i++) {
    const x = lng(i);
    const y = lat(i);
    if (x < box[0]) box[0] = x;
    if (x > box[2]) box[2] = x;
    if (y < box[1]) box[1] = y;
    if (y > box[3]) box[3] = y;
  }
  return box;
}
