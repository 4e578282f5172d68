import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import type { VectorTile } from '@mapbox/vector-tile';
import { decodeTile, openArchive, worldXY } from '../pipeline/tiles/test-utils';
import {
  BASEMAP_ARCHIVE,
  BASEMAP_LAYERS,
  buildBasemap,
  buildBasemapFromPackage,
  checkBands,
  type BasemapFiles,
} from './build-basemap';

/** Two unit squares side by side sharing one edge (arc 1). */
const countries: Topology = {
  type: 'Topology',
  arcs: [
    [
      [1, 0],
      [0, 0],
      [0, 1],
      [1, 1],
    ],
    [
      [1, 1],
      [1, 0],
    ],
    [
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
    ],
  ],
  objects: {
    countries: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', arcs: [[0, 1]] },
        { type: 'Polygon', arcs: [[2, ~1]] },
      ],
    },
  },
};
/** Their union, as a land topology, and a small island east of it. */
const land: Topology = {
  type: 'Topology',
  arcs: [
    [
      [0, 0],
      [2, 0],
      [2, 1],
      [0, 1],
      [0, 0],
    ],
    [
      [5, 0],
      [6, 0],
      [6, 1],
      [5, 1],
      [5, 0],
    ],
  ],
  objects: {
    land: { type: 'GeometryCollection', geometries: [{ type: 'MultiPolygon', arcs: [[[0]], [[1]]] }] },
  },
};

const archiveOf = (files: BasemapFiles) => openArchive(files[BASEMAP_ARCHIVE]!);

/** The tile of zoom `z` holding a point, and the point in that tile's coordinates (0–extent). */
function tileAt(lng: number, lat: number, z: number) {
  const [wx, wy] = worldXY(lng, lat);
  const n = 2 ** z;
  const x = Math.floor(wx * n);
  const y = Math.floor(wy * n);
  return { x, y, fx: wx * n - x, fy: wy * n - y };
}

/**
 * Whether a point lies on land in a decoded tile: even-odd over every ring of every land
 * feature (land polygons never overlap, and a hole flips the count back).
 */
function onLand(tile: VectorTile, fx: number, fy: number): boolean {
  const layer = tile.layers[BASEMAP_LAYERS.land];
  if (!layer) return false;
  const px = fx * layer.extent;
  const py = fy * layer.extent;
  let inside = false;
  for (let i = 0; i < layer.length; i++) {
    for (const ring of layer.feature(i).loadGeometry()) {
      for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
        const p = ring[a]!;
        const q = ring[b]!;
        if (p.y > py !== q.y > py && px < ((q.x - p.x) * (py - p.y)) / (q.y - p.y) + p.x) inside = !inside;
      }
    }
  }
  return inside;
}

describe('checkBands', () => {
  it('refuses two bands claiming one zoom, and a band running backwards', () => {
    expect(() =>
      checkBands([
        { scale: '50m', minZoom: 0, maxZoom: 5 },
        { scale: '10m', minZoom: 5, maxZoom: 8 },
      ]),
    ).toThrow(/zoom 5 is in two bands \(50m and 10m\)/);
    expect(() => checkBands([{ scale: '10m', minZoom: 6, maxZoom: 5 }])).toThrow(/band 10m has zooms 6–5/);
    expect(() => checkBands([])).toThrow(/no zoom bands/);
  });
});

describe('buildBasemap', () => {
  const bands = [{ scale: '110m', minZoom: 0, maxZoom: 3 }] as const;

  it('writes one archive with land and only the borders two countries share, in one tile', async () => {
    const files = buildBasemap({ '110m': { land, countries } }, { bands });
    expect(Object.keys(files)).toEqual(['basemap/offline.pmtiles']);
    const archive = archiveOf(files);
    const header = await archive.getHeader();
    expect([header.minZoom, header.maxZoom]).toEqual([0, 3]);
    const metadata = (await archive.getMetadata()) as { vector_layers: { id: string }[] };
    expect(metadata.vector_layers.map((l) => l.id)).toEqual(['land', 'borders']);

    const z0 = decodeTile((await archive.getZxy(0, 0, 0))!.data);
    expect(Object.keys(z0.layers).sort()).toEqual(['borders', 'land']);
    // Both squares and the island, each its own feature.
    expect(z0.layers.land!.length).toBe(2);
    expect(z0.layers.borders!.length).toBe(1);
    const border = z0.layers.borders!.feature(0).toGeoJSON(0, 0, 0).geometry;
    expect(border.type).toBe('LineString');
    // The shared edge runs along 1°E (within a z0 tile unit, ~0.09°); no coastline is a border.
    for (const [lng] of (border as { coordinates: number[][] }).coordinates) expect(lng).toBeCloseTo(1, 0);
  });

  it('tiles each band from its own scale', async () => {
    const small: Topology = { ...land, objects: { land: { type: 'GeometryCollection', geometries: [] } } };
    const files = buildBasemap(
      { '110m': { land: small, countries }, '50m': { land, countries } },
      {
        bands: [
          { scale: '110m', minZoom: 0, maxZoom: 1 },
          { scale: '50m', minZoom: 2, maxZoom: 3 },
        ],
      },
    );
    const archive = archiveOf(files);
    // The 110m land is empty here, so z0–1 tiles carry only borders; z2 has the 50m land.
    const z1 = decodeTile((await archive.getZxy(1, 1, 0))!.data);
    expect(Object.keys(z1.layers)).toEqual(['borders']);
    const z2 = decodeTile((await archive.getZxy(2, 2, 1))!.data);
    expect(Object.keys(z2.layers).sort()).toEqual(['borders', 'land']);
  });

  it('names a topology that lacks its object, and a scale no source gives', () => {
    expect(() => buildBasemap({ '110m': { land: { ...land, objects: {} }, countries } }, { bands })).toThrow(
      /land topology has no "land" object/,
    );
    expect(() => buildBasemap({ '50m': { land, countries } }, { bands })).toThrow(
      /no Natural Earth 110m topologies for zooms 0–3/,
    );
  });
});

/**
 * Xiamen island (24.48°N 118.10°E), the city-zoom check of issue 12. The points were chosen on
 * the real map and checked against the 1:10m data itself:
 * - 24.46°N 118.09°E, the old town by Zhongshan Park: land (1:50m puts it in the sea: its island
 *   is a trapezoid whose west side runs along 118.0902°E);
 * - 24.525°N 118.17°E, the island's north-east near Wutong: land (1:50m's north-east edge cuts
 *   the corner off);
 * - 24.48°N 118.12°E, the island's middle: land at both scales;
 * - 24.48°N 118.23°E, the water between Xiamen and Kinmen: sea at both scales.
 */
const XIAMEN = [
  { lat: 24.46, lng: 118.09, land10m: true, land50m: false },
  { lat: 24.525, lng: 118.17, land10m: true, land50m: false },
  { lat: 24.48, lng: 118.12, land10m: true, land50m: true },
  { lat: 24.48, lng: 118.23, land10m: false, land50m: false },
] as const;

describe('the Natural Earth basemap from world-atlas', () => {
  // Built once for the tests that read the default archive (a few seconds).
  let built: Promise<BasemapFiles> | null = null;
  const defaultArchive = async () => archiveOf(await (built ??= buildBasemapFromPackage()));

  it('draws Xiamen island at its 1:10m outline where the map shows it at city zoom', async () => {
    const archive = await defaultArchive();
    const header = await archive.getHeader();
    expect([header.minZoom, header.maxZoom]).toEqual([0, 8]);
    // At z12 MapLibre draws the archive's last level, z8, overzoomed: that tile is what a reader sees.
    for (const p of XIAMEN) {
      const t = tileAt(p.lng, p.lat, header.maxZoom);
      const tile = decodeTile((await archive.getZxy(header.maxZoom, t.x, t.y))!.data);
      expect(onLand(tile, t.fx, t.fy), `${p.lat}N ${p.lng}E on land`).toBe(p.land10m);
    }
  }, 120_000);

  it('would not with 1:50m, the scale it replaces', async () => {
    const archive = archiveOf(
      await buildBasemapFromPackage({ bands: [{ scale: '50m', minZoom: 8, maxZoom: 8 }] }),
    );
    for (const p of XIAMEN) {
      const t = tileAt(p.lng, p.lat, 8);
      const found = await archive.getZxy(8, t.x, t.y);
      expect(found && onLand(decodeTile(found.data), t.fx, t.fy), `${p.lat}N ${p.lng}E on land`).toBe(
        p.land50m,
      );
    }
  }, 120_000);

  it('keeps the coarse scales at the low zooms, so the first view stays small', async () => {
    const archive = await defaultArchive();
    // The site's default view, all of China at z3–4: a dozen tiles of a few KiB each.
    let bytes = 0;
    for (const [x, y] of [
      [11, 5],
      [12, 5],
      [13, 5],
      [11, 6],
      [12, 6],
      [13, 6],
    ] as const) {
      const tile = await archive.getZxy(4, x, y);
      expect(tile, `4/${x}/${y}`).toBeDefined();
      bytes += tile!.data.byteLength;
    }
    expect(bytes).toBeLessThan(60 * 1024);
  }, 120_000);
});
