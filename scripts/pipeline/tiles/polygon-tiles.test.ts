import type { Feature, Geometry, Polygon } from 'geojson';
import { tileIdToZxy } from 'pmtiles';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedArea } from './mvt-encode';
import { writePmtiles } from './pmtiles-writer';
import { tilePolygons } from './polygon-tiles';
import type { TileSet } from './tile-set';
import { decodeTile, openArchive, worldXY } from './test-utils';

const MAX_ZOOM = 14;
const HOLE_CENTER: [number, number] = [121.4605, 31.2305];

function square(lng: number, lat: number, half: number): [number, number][] {
  return [
    [lng - half, lat - half],
    [lng + half, lat - half],
    [lng + half, lat + half],
    [lng - half, lat + half],
    [lng - half, lat - half],
  ];
}

const features: Feature<Geometry | null>[] = [
  {
    type: 'Feature',
    properties: {
      name: '黄浦区',
      code: 310101,
      label: '<b>楼</b>',
      area_km2: 20.46,
      is_core: true,
      note: null,
    },
    // Wound the "wrong" way (clockwise outer) on purpose: the output must follow MVT's winding anyway.
    geometry: {
      type: 'Polygon',
      coordinates: [square(121.47, 31.23, 0.05).reverse(), square(HOLE_CENTER[0], HOLE_CENTER[1], 0.002)],
    },
  },
  {
    type: 'Feature',
    properties: { name: '崇明岛', parts: 2 },
    geometry: {
      type: 'MultiPolygon',
      coordinates: [[square(121.6, 31.6, 0.03)], [square(121.8, 31.55, 0.02)]],
    },
  },
  {
    type: 'Feature',
    properties: { name: '苏州河', kind: 'river' },
    geometry: {
      type: 'LineString',
      coordinates: [
        [121.3, 31.24],
        [121.4, 31.25],
        [121.49, 31.245],
      ],
    },
  },
  { type: 'Feature', properties: { name: 'no geometry' }, geometry: null },
  // A 10 m square: simplified away at low zooms, present near the top.
  {
    type: 'Feature',
    properties: { name: 'kiosk' },
    geometry: { type: 'Polygon', coordinates: [square(121.5, 31.2, 0.00005)] },
  },
];

interface Piece {
  z: number;
  x: number;
  y: number;
  id: number | undefined;
  type: number;
  properties: Record<string, unknown>;
  rings: { x: number; y: number }[][];
  geojson: Feature;
}

function tileAt(lng: number, lat: number, z: number): [number, number] {
  const [x, y] = worldXY(lng, lat);
  return [Math.floor(x * 2 ** z), Math.floor(y * 2 ** z)];
}

describe('tilePolygons', () => {
  let result: TileSet;
  let pieces: Piece[];

  beforeAll(async () => {
    result = tilePolygons(features, { layer: 'boundaries', minZoom: 2, maxZoom: MAX_ZOOM, workers: 0 });
    const archive = openArchive(
      writePmtiles(
        result.tiles,
        { minZoom: 2, maxZoom: MAX_ZOOM, bounds: [121, 31, 122, 32], center: [121.5, 31.3, 10] },
        {},
      ),
    );
    pieces = [];
    for (const id of result.tiles.keys()) {
      const [z, x, y] = tileIdToZxy(id);
      const tile = decodeTile((await archive.getZxy(z, x, y))!.data);
      expect(Object.keys(tile.layers)).toEqual(['boundaries']);
      const layer = tile.layers.boundaries!;
      expect(layer.extent).toBe(4096);
      for (let i = 0; i < layer.length; i++) {
        const f = layer.feature(i);
        pieces.push({
          z,
          x,
          y,
          id: f.id,
          type: f.type,
          properties: f.properties,
          rings: f.loadGeometry(),
          geojson: f.toGeoJSON(x, y, z),
        });
      }
    }
  });

  it('writes each feature with its layer, id and properties', () => {
    expect(pieces.length).toBeGreaterThan(0);
    for (const piece of pieces) {
      const source = features[piece.id!]!;
      const expected = Object.fromEntries(
        Object.entries(source.properties ?? {}).filter(([, v]) => v !== null),
      );
      expect(piece.properties).toEqual(expected);
      expect(piece.type).toBe(source.geometry!.type === 'LineString' ? 2 : 3);
    }
    expect(pieces.find((p) => p.id === 0)!.properties.label).toBe('<b>楼</b>');
    expect(Math.min(...pieces.map((p) => p.z))).toBe(2);
  });

  it('winds outer rings clockwise on screen and keeps the hole', () => {
    for (const piece of pieces.filter((p) => p.type === 3)) {
      expect(
        signedArea(piece.rings[0]!.flatMap((p) => [p.x, p.y])),
        `${piece.z}/${piece.x}/${piece.y}`,
      ).toBeGreaterThan(0);
    }
    const [hx, hy] = tileAt(HOLE_CENTER[0], HOLE_CENTER[1], MAX_ZOOM);
    const district = pieces.find((p) => p.id === 0 && p.z === MAX_ZOOM && p.x === hx && p.y === hy)!;
    expect(district.rings.length).toBe(2);
    expect(Math.sign(signedArea(district.rings[1]!.flatMap((p) => [p.x, p.y])))).toBe(-1);
    expect(district.geojson.geometry.type).toBe('Polygon');
    const hole = (district.geojson.geometry as Polygon).coordinates[1]!;
    const lngs = hole.map(([lng]) => lng!);
    expect(Math.min(...lngs)).toBeCloseTo(HOLE_CENTER[0] - 0.002, 4);
    expect(Math.max(...lngs)).toBeCloseTo(HOLE_CENTER[0] + 0.002, 4);
  });

  it('covers the polygon at every zoom and keeps its outline at maxZoom', () => {
    for (let z = 2; z <= MAX_ZOOM; z++) {
      const [x, y] = tileAt(121.47, 31.23, z);
      expect(
        pieces.some((p) => p.id === 0 && p.z === z && p.x === x && p.y === y),
        `z${z}`,
      ).toBe(true);
    }
    const coords = pieces
      .filter((p) => p.id === 0 && p.z === MAX_ZOOM)
      .flatMap((p) => (p.geojson.geometry as Polygon).coordinates[0]!);
    const lngs = coords.map(([lng]) => lng!);
    const lats = coords.map(([, lat]) => lat!);
    // The buffer lets pieces reach slightly past the outline; the outline itself is within a tile unit.
    expect(Math.min(...lngs)).toBeLessThanOrEqual(121.42 + 1e-4);
    expect(Math.max(...lngs)).toBeGreaterThanOrEqual(121.52 - 1e-4);
    expect(Math.min(...lats)).toBeLessThanOrEqual(31.18 + 1e-4);
    expect(Math.max(...lats)).toBeGreaterThanOrEqual(31.28 - 1e-4);
    expect(Math.min(...lngs)).toBeGreaterThan(121.42 - 0.01);
  });

  it('writes multipolygons and lines', () => {
    const [x, y] = tileAt(121.7, 31.57, 9);
    const island = pieces.find((p) => p.id === 1 && p.z === 9 && p.x === x && p.y === y)!;
    expect(island.geojson.geometry.type).toBe('MultiPolygon');
    const river = pieces.filter((p) => p.id === 2);
    expect(river.length).toBeGreaterThan(0);
    expect(river.every((p) => p.type === 2 && p.properties.kind === 'river')).toBe(true);
  });

  it('reports features per zoom and features absent from a zoom', () => {
    for (let z = 2; z <= MAX_ZOOM; z++) {
      expect(result.stats.featuresPerZoom[z]).toBe(pieces.filter((p) => p.z === z).length);
      const shown = new Set(pieces.filter((p) => p.z === z).map((p) => p.id));
      expect(result.stats.dropped[z]).toBe(features.length - shown.size);
    }
    expect(pieces.some((p) => p.id === 4 && p.z === MAX_ZOOM)).toBe(true);
    expect(pieces.some((p) => p.id === 4 && p.z === 2)).toBe(false);
    expect(result.stats.dropped[MAX_ZOOM]).toBe(1); // only the feature without geometry
    expect(result.stats.tiles).toBe(result.tiles.size);
  });

  it('lists the layer fields', () => {
    expect(result.vectorLayer).toEqual({
      id: 'boundaries',
      minzoom: 2,
      maxzoom: MAX_ZOOM,
      fields: {
        name: 'String',
        code: 'Number',
        label: 'String',
        area_km2: 'Number',
        is_core: 'Boolean',
        parts: 'Number',
        kind: 'String',
      },
    });
  });

  it('rejects impossible zooms', () => {
    expect(() => tilePolygons([], { layer: 'x', maxZoom: 25 })).toThrow(
      /maxZoom must be an integer from 0 to 24/,
    );
    expect(() => tilePolygons([], { layer: 'x', minZoom: 3, maxZoom: 2 })).toThrow(/minZoom must be/);
    expect(tilePolygons([], { layer: 'x' }).tiles.size).toBe(0);
  });
});
