/**
 * The checks a polygon layer (boundaries, footprints) needs before the tiler sees it: nesting
 * as GeoJSON defines it and coordinates in degrees. GeoJSON from a file is whatever its writer
 * made it, and the tiler crashes on a ring that is a string or a projected metre grid.
 */

/** What the coordinates of each polygon type are, for messages. */
const NESTING: Readonly<Record<string, string>> = {
  Polygon: 'an array of rings, each an array of [longitude, latitude] positions',
  MultiPolygon: 'an array of polygons, each an array of rings of [longitude, latitude] positions',
};

/**
 * What is wrong with a Polygon or MultiPolygon's coordinates, as a phrase that follows a name
 * ("feature 3 has malformed coordinates: …", "… has coordinate (500000, 4400000), not
 * longitude/latitude in degrees: …"), or null when they are arrays of [longitude, latitude]
 * number pairs in range. Iterative, and without spreading arrays into calls: a ring may hold
 * hundreds of thousands of vertices, more than a call takes as arguments.
 */
export function polygonCoordinateIssue(geometry: { type: string; coordinates?: unknown }): string | null {
  const malformed = (what: string) =>
    `has malformed coordinates: ${what} (a ${geometry.type} is ${NESTING[geometry.type] ?? 'nested arrays'})`;
  // Each entry: an array and how many array levels lie between it and its positions.
  const stack: [unknown, number][] = [[geometry.coordinates, geometry.type === 'MultiPolygon' ? 3 : 2]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (!Array.isArray(item))
      return malformed(`found ${item === null ? 'null' : typeof item} where an array belongs`);
    if (depth > 0) {
      // Pushed last to first, so the first bad position in the file is the one reported.
      for (let i = item.length - 1; i >= 0; i--) stack.push([item[i], depth - 1]);
      continue;
    }
    const [x, y] = item as unknown[];
    if (typeof x !== 'number' || typeof y !== 'number')
      return malformed(`a position reads ${JSON.stringify(item).slice(0, 40)}, not [longitude, latitude]`);
    if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) {
      return (
        `has coordinate (${x}, ${y}), not longitude/latitude in degrees: reproject to WGS84 (EPSG:4326) ` +
        'or CGCS2000 (EPSG:4490)'
      );
    }
  }
  return null;
}
