/** Web Mercator arithmetic of the basemap checks: where a coordinate lands on the screen. */

/** Pixel offset, at `zoom` (512 px tiles), of `to` from `from`. */
export function pixelOffset(from: readonly number[], to: readonly number[], zoom: number): [number, number] {
  const world = (lng: number, lat: number) => {
    const phi = (lat * Math.PI) / 180;
    return [(lng + 180) / 360, (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2];
  };
  const [ax, ay] = world(from[0]!, from[1]!);
  const [bx, by] = world(to[0]!, to[1]!);
  const scale = 512 * 2 ** zoom;
  return [(bx! - ax!) * scale, (by! - ay!) * scale];
}
