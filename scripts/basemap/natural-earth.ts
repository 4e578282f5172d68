/**
 * Natural Earth land and country borders out of world-atlas TopoJSON, as GeoJSON features ready
 * for the tiler. Pure: the topologies are read elsewhere (build-basemap.ts).
 */
import type { Feature, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** The Natural Earth scales world-atlas ships. */
export type NaturalEarthScale = '10m' | '50m' | '110m';

function objectOf(topology: Topology, name: string, what: string): GeometryCollection {
  const object = topology.objects[name] as GeometryCollection | undefined;
  if (!object) throw new Error(`${what} topology has no "${name}" object`);
  return object;
}

/**
 * Land as one feature per polygon. world-atlas merges all land into one MultiPolygon; split,
 * each island gets its own bounding box, so the tiler skips it in every tile it does not touch
 * instead of clipping the whole world's coastline at every split.
 */
export function landFeatures(land: Topology): Feature<Polygon>[] {
  const collection = feature(land, objectOf(land, 'land', 'land'));
  const out: Feature<Polygon>[] = [];
  for (const f of collection.features) {
    const geometry = f.geometry as Polygon | MultiPolygon | null;
    if (!geometry) continue;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const coordinates of polygons)
      out.push({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } });
  }
  return out;
}

/**
 * Country borders: the arcs two countries share (a mesh), so a coastline is never drawn as a
 * border and each border is one line, split into one feature per line for the same reason as
 * the land.
 */
export function borderFeatures(countries: Topology): Feature<LineString>[] {
  const lines: MultiLineString = mesh(
    countries,
    objectOf(countries, 'countries', 'countries'),
    (a, b) => a !== b,
  );
  return lines.coordinates.map((coordinates) => ({
    type: 'Feature',
    properties: {},
    geometry: { type: 'LineString', coordinates },
  }));
}
