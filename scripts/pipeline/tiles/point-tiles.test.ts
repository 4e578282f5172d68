import type { VectorTileFeature } from '@mapbox/vector-tile';
import { tileIdToZxy } from 'pmtiles';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePmtiles } from './pmtiles-writer';
import {
  DENSITY_PROPERTY,
  tilePoints,
  type PointSource,
  type PointTileOptions,
  type TilePoint,
} from './point-tiles';
import type { TileSet } from './tile-set';
import { decodeTile, openArchive, seededRandom, worldXY } from './test-utils';

const MAX_ZOOM = 14;
const DISTRICTS = ['黄浦区', '徐汇区', '长宁区', '静安区', '普陀区'];

/**
 * 3,000 communities: most packed around Shanghai (so low zooms must thin), the rest across
 * China, one on a z14 tile edge, two sharing a spot, and a name that looks like markup.
 */
function makePoints(): TilePoint[] {
  const random = seededRandom(20240601);
  const points: TilePoint[] = [];
  for (let i = 0; i < 3000; i++) {
    const dense = i < 2500;
    const lng = dense ? 121.47 + (random() - 0.5) * 0.2 : 80 + random() * 45;
    const lat = dense ? 31.23 + (random() - 0.5) * 0.16 : 22 + random() * 24;
    points.push({
      lng,
      lat,
      properties: {
        id: `C${String(i).padStart(5, '0')}`,
        name: i === 0 ? '<b>楼</b>' : `幸福里${i}号小区`,
        district: DISTRICTS[i % DISTRICTS.length]!,
        households: 10 + Math.floor(random() * 2000),
        approval_rate: Math.round(random() * 1000) / 1000,
        lc5_met: random() < 0.5,
        year_built: i % 7 === 0 ? null : 1970 + (i % 30),
        note: i % 5 === 0 ? undefined : '加装电梯；管网改造',
        delta: (i % 3) - 1,
      },
    });
  }
  // Exactly on the boundary between z14 columns 13653 and 13654 (a binary fraction of the world).
  points.push({ lng: -180 + (360 * 13654) / 16384, lat: 31.2, properties: { id: 'EDGE', households: 1 } });
  // Two at one spot with equal households: the earlier one must win a shared cell.
  points.push({ lng: 100.5, lat: 30.5, properties: { id: 'TWIN-A', households: 50 } });
  points.push({ lng: 100.5, lat: 30.5, properties: { id: 'TWIN-B', households: 50 } });
  // The most important point of all, in the middle of the dense cluster.
  points.push({ lng: 121.47, lat: 31.23, properties: { id: 'TOP', households: 999_999 } });
  return points;
}

interface DecodedFeature {
  z: number;
  x: number;
  y: number;
  properties: Record<string, unknown>;
  /** Position in tile extent units. */
  px: number;
  py: number;
}

/** Every feature of every tile, read back through the pmtiles reader. */
async function readAll(result: TileSet, layer: string): Promise<DecodedFeature[]> {
  const archive = openArchive(
    writePmtiles(
      result.tiles,
      { minZoom: 0, maxZoom: MAX_ZOOM, bounds: [73, 18, 135, 54], center: [121, 31, 10] },
      {},
    ),
  );
  const features: DecodedFeature[] = [];
  for (const id of result.tiles.keys()) {
    const [z, x, y] = tileIdToZxy(id);
    const response = await archive.getZxy(z, x, y);
    const tile = decodeTile(response!.data);
    expect(Object.keys(tile.layers)).toEqual([layer]);
    const l = tile.layers[layer]!;
    for (let i = 0; i < l.length; i++) {
      const f: VectorTileFeature = l.feature(i);
      expect(f.type).toBe(1);
      const p = f.loadGeometry()[0]![0]!;
      features.push({ z, x, y, properties: f.properties, px: p.x, py: p.y });
    }
  }
  return features;
}

function expectedProperties(point: TilePoint): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(point.properties ?? {}).filter(([, v]) => v !== null && v !== undefined),
  );
}

function tileOf(point: TilePoint, z: number): [number, number] {
  const [wx, wy] = worldXY(point.lng, point.lat);
  return [Math.floor(wx * 2 ** z), Math.floor(wy * 2 ** z)];
}

describe('tilePoints', () => {
  const points = makePoints();
  const byId = new Map(points.map((p) => [p.properties!.id as string, p]));
  const options: PointTileOptions = {
    layer: 'communities',
    maxZoom: MAX_ZOOM,
    maxFeaturesPerTile: 200,
    lowZoomProperties: ['id', 'name', 'households'],
  };
  let result: TileSet;
  let features: DecodedFeature[];

  beforeAll(async () => {
    result = tilePoints(points, options);
    features = await readAll(result, 'communities');
  });

  it('puts every point in exactly one maxZoom tile with its properties intact', () => {
    const atMax = features.filter((f) => f.z === MAX_ZOOM);
    expect(atMax.length).toBe(points.length);
    const seen = new Map<string, DecodedFeature>();
    for (const f of atMax) {
      const id = f.properties.id as string;
      expect(seen.has(id), `${id} twice`).toBe(false);
      seen.set(id, f);
    }
    for (const point of points) {
      const f = seen.get(point.properties!.id as string)!;
      expect(f.properties).toEqual({ ...expectedProperties(point), [DENSITY_PROPERTY]: 1 });
      // Inside its tile, at the point's position to within the 1/4096 grid.
      const [wx, wy] = worldXY(point.lng, point.lat);
      const n = 2 ** MAX_ZOOM;
      expect([f.x, f.y]).toEqual(tileOf(point, MAX_ZOOM));
      expect(Math.abs((f.x + f.px / 4096) / n - wx) * n * 4096).toBeLessThanOrEqual(1);
      expect(Math.abs((f.y + f.py / 4096) / n - wy) * n * 4096).toBeLessThanOrEqual(1);
    }
    expect(seen.get('C00000')!.properties.name).toBe('<b>楼</b>');
    expect(seen.get('C00001')!.properties).toMatchObject({
      name: '幸福里1号小区',
      note: '加装电梯；管网改造',
    });
    expect(seen.get('EDGE')!.x).toBe(13654);
  });

  it('thins lower zooms to at most maxFeaturesPerTile, with densities summing to the points beneath', () => {
    const perTile = new Map<string, DecodedFeature[]>();
    for (const f of features) {
      const key = `${f.z}/${f.x}/${f.y}`;
      perTile.set(key, [...(perTile.get(key) ?? []), f]);
    }
    const pointsPerTile = new Map<string, number>();
    for (const point of points) {
      for (let z = 0; z <= MAX_ZOOM; z++) {
        const key = `${z}/${tileOf(point, z).join('/')}`;
        pointsPerTile.set(key, (pointsPerTile.get(key) ?? 0) + 1);
      }
    }
    expect([...perTile.keys()].sort()).toEqual([...pointsPerTile.keys()].sort());
    for (const [key, list] of perTile) {
      const z = Number(key.split('/')[0]);
      if (z < MAX_ZOOM) expect(list.length, key).toBeLessThanOrEqual(200);
      const densitySum = list.reduce((sum, f) => sum + (f.properties[DENSITY_PROPERTY] as number), 0);
      expect(densitySum, key).toBe(pointsPerTile.get(key));
    }
    // The dense cluster really was thinned, and stats agree with the tiles.
    for (let z = 0; z <= MAX_ZOOM; z++) {
      const count = features.filter((f) => f.z === z).length;
      expect(result.stats.featuresPerZoom[z]).toBe(count);
      expect(result.stats.dropped[z]).toBe(points.length - count);
    }
    expect(result.stats.dropped[10]).toBeGreaterThan(1000);
    expect(result.stats.dropped[MAX_ZOOM]).toBe(0);
    expect(result.stats.tiles).toBe(result.tiles.size);
    expect(result.stats.bytes).toBe([...result.tiles.values()].reduce((sum, t) => sum + t.length, 0));
  });

  it('keeps the points of each zoom among those of the zoom below', () => {
    const idsAt = (z: number): Set<string> =>
      new Set(features.filter((f) => f.z === z).map((f) => f.properties.id as string));
    for (let z = 0; z < MAX_ZOOM; z++) {
      const deeper = idsAt(z + 1);
      for (const id of idsAt(z)) expect(deeper.has(id), `${id} at z${z} but not z${z + 1}`).toBe(true);
    }
  });

  it('keeps only lowZoomProperties below maxZoom', () => {
    for (const f of features.filter((x) => x.z < MAX_ZOOM)) {
      const point = byId.get(f.properties.id as string)!;
      const expected = expectedProperties(point);
      expect(f.properties).toEqual({
        id: expected.id,
        ...(expected.name === undefined ? {} : { name: expected.name }),
        households: expected.households,
        [DENSITY_PROPERTY]: f.properties[DENSITY_PROPERTY],
      });
    }
  });

  it('prefers higher households, then the earlier point', () => {
    for (let z = 0; z <= MAX_ZOOM; z++) {
      const ids = features.filter((f) => f.z === z).map((f) => f.properties.id);
      expect(ids, `z${z}`).toContain('TOP');
      // The twins share every cell; the first listed keeps it wherever they merge.
      if (z < MAX_ZOOM) expect(ids, `z${z}`).not.toContain('TWIN-B');
    }
    const topAtZ0 = features.find((f) => f.z === 0 && f.properties.id === 'TOP')!;
    expect(topAtZ0.properties[DENSITY_PROPERTY]).toBeGreaterThan(1000);
  });

  it("takes a point's own priority over its properties, without reading them for ranking", async () => {
    let reads = 0;
    const twins = (withPriority: boolean) =>
      [0, 1].map((i) => ({
        lng: 100.5,
        lat: 30.5,
        ...(withPriority ? { priority: i === 1 ? 10 : 1 } : {}),
        get properties() {
          reads++;
          return { id: `P${i}`, households: i === 0 ? 10 : 1 };
        },
      }));
    const options = { layer: 'communities', minZoom: 13, maxZoom: 14 };
    tilePoints(twins(false), options);
    const readsWithout = reads;
    reads = 0;
    const set = tilePoints(twins(true), options);
    expect(reads).toBe(readsWithout - 2);
    const z13 = (await readAll(set, 'communities')).filter((f) => f.z === 13).map((f) => f.properties.id);
    expect(z13).toEqual(['P1']);
  });

  it('writes vector_layers fields', () => {
    expect(result.vectorLayer).toEqual({
      id: 'communities',
      minzoom: 0,
      maxzoom: MAX_ZOOM,
      fields: {
        id: 'String',
        name: 'String',
        district: 'String',
        households: 'Number',
        approval_rate: 'Number',
        lc5_met: 'Boolean',
        year_built: 'Number',
        note: 'String',
        delta: 'Number',
        density: 'Number',
      },
    });
  });

  it('is deterministic, with or without worker threads', () => {
    const again = tilePoints(points, { ...options, workers: 0 });
    expect([...again.tiles.keys()]).toEqual([...result.tiles.keys()]);
    const differing = [...result.tiles].filter(
      ([id, bytes]) => !Buffer.from(bytes).equals(again.tiles.get(id)!),
    );
    expect(differing.map(([id]) => tileIdToZxy(id).join('/'))).toEqual([]);
  });

  it('writes the same tiles from a point source as from point objects, reading each property once', () => {
    const reads = new Uint8Array(points.length);
    const source: PointSource = {
      count: points.length,
      lng: (i) => points[i]!.lng,
      lat: (i) => points[i]!.lat,
      properties: (i) => {
        reads[i]!++;
        return points[i]!.properties;
      },
    };
    const fromSource = tilePoints(source, { ...options, workers: 0 });
    expect([...fromSource.tiles.keys()]).toEqual([...result.tiles.keys()]);
    for (const [id, bytes] of result.tiles)
      expect(Buffer.from(fromSource.tiles.get(id)!).equals(bytes)).toBe(true);
    // Once to rank (no priority given), once to encode; the 256-point sample that sizes the tables reads a few a third time.
    expect(Math.min(...reads)).toBe(2);
    expect(Math.max(...reads)).toBeLessThanOrEqual(3);

    // Given pair by pair, the properties are encoded from the pairs, never from the objects.
    reads.fill(0);
    const pairs: PointSource = {
      ...source,
      priority: (i) => Number(points[i]!.properties!.households ?? 0),
      eachProperty: (i, sink) => {
        for (const [key, value] of Object.entries(points[i]!.properties!)) sink(key, value);
      },
    };
    const fromPairs = tilePoints(pairs, { ...options, workers: 0 });
    for (const [id, bytes] of result.tiles)
      expect(Buffer.from(fromPairs.tiles.get(id)!).equals(bytes)).toBe(true);
    // Only the few hundred points sampled to size the tables are read as objects.
    expect(reads.reduce((a, b) => a + b, 0)).toBeLessThan(points.length / 10);
  });

  it('without dropDensest thins on the base grid only', () => {
    const loose = tilePoints(points, { ...options, dropDensest: false, minZoom: 8, workers: 0 });
    const strict = tilePoints(points, { ...options, minZoom: 8, workers: 0 });
    expect(loose.stats.featuresPerZoom[MAX_ZOOM]).toBe(points.length);
    expect(loose.stats.featuresPerZoom[12]!).toBeGreaterThan(strict.stats.featuresPerZoom[12]!);
    const largest = Math.max(
      ...[...loose.tiles]
        .filter(([id]) => tileIdToZxy(id)[0] === 12)
        .map(([, bytes]) => decodeTile(bytes).layers.communities!.length),
    );
    expect(largest).toBeGreaterThan(200);
    expect(Object.keys(loose.stats.featuresPerZoom).map(Number)).toEqual([8, 9, 10, 11, 12, 13, 14]);
  });

  it('keeps values right once a property is found to be mostly distinct', async () => {
    // 12,000 points: names distinct for the first half, then three names repeated, so the
    // table stops de-duplicating `name` part-way and repeated names meet in one tile.
    const random = seededRandom(99);
    const many: TilePoint[] = Array.from({ length: 12_000 }, (_, i) => ({
      lng: 116.3 + random() * 0.02,
      lat: 39.9 + random() * 0.02,
      properties: { id: i, name: i < 6000 ? `名${i}` : `重名${i % 3}`, stage: i % 2 ? '已完工' : '施工中' },
    }));
    const tiled = tilePoints(many, {
      layer: 'c',
      minZoom: 12,
      maxZoom: MAX_ZOOM,
      lowZoomProperties: ['id', 'name'],
    });
    const archive = openArchive(
      writePmtiles(
        tiled.tiles,
        { minZoom: 12, maxZoom: MAX_ZOOM, bounds: [116, 39, 117, 40], center: [116.3, 39.9, 12] },
        {},
      ),
    );
    const found = new Map<number, Record<string, unknown>>();
    let lowZoomChecked = 0;
    for (const id of tiled.tiles.keys()) {
      const [z, x, y] = tileIdToZxy(id);
      const layer = decodeTile((await archive.getZxy(z, x, y))!.data).layers.c!;
      for (let i = 0; i < layer.length; i++) {
        const properties = layer.feature(i).properties;
        if (z === MAX_ZOOM) found.set(properties.id as number, properties);
        else {
          expect(Object.keys(properties).sort()).toEqual(['density', 'id', 'name']);
          expect(properties.name).toBe(many[properties.id as number]!.properties!.name);
          lowZoomChecked++;
        }
      }
    }
    expect(found.size).toBe(many.length);
    for (const [i, point] of many.entries())
      expect(found.get(i)).toEqual({ ...point.properties, density: 1 });
    expect(lowZoomChecked).toBeGreaterThan(0);
  });

  it('tiles a single zoom and an empty input', () => {
    const single = tilePoints(points.slice(0, 10), { layer: 'x', minZoom: 5, maxZoom: 5, workers: 0 });
    expect([...single.tiles.keys()].every((id) => tileIdToZxy(id)[0] === 5)).toBe(true);
    expect(single.stats.featuresPerZoom).toEqual({ 5: 10 });
    const empty = tilePoints([], { layer: 'x' });
    expect(empty.tiles.size).toBe(0);
    expect(empty.stats.featuresPerZoom[0]).toBe(0);
  });

  it('rejects bad input with specific errors', () => {
    expect(() => tilePoints([{ lng: NaN, lat: 30, properties: {} }], { layer: 'x' })).toThrow(
      /point 0 has coordinates/,
    );
    expect(() => tilePoints([{ lng: 190, lat: 30, properties: {} }], { layer: 'x' })).toThrow(
      /outside WGS84/,
    );
    expect(() => tilePoints([{ lng: 1, lat: 2, properties: { density: 3 } }], { layer: 'x' })).toThrow(
      /"density"/,
    );
    expect(() => tilePoints([], { layer: 'x', maxZoom: 19 })).toThrow(
      /maxZoom must be an integer from 0 to 18/,
    );
    expect(() => tilePoints([], { layer: 'x', minZoom: 15 })).toThrow(/minZoom must be/);
    expect(() => tilePoints([], { layer: 'x', gridSize: 48 })).toThrow(/power of two/);
    expect(() => tilePoints([], { layer: 'x', maxFeaturesPerTile: 0 })).toThrow(/positive integer/);
  });

  it('clamps latitudes beyond Web Mercator to its edge', () => {
    const polar = tilePoints([{ lng: 10, lat: 89.9, properties: { id: 'N' } }], {
      layer: 'x',
      maxZoom: 3,
      workers: 0,
    });
    const ids = [...polar.tiles.keys()].map((id) => tileIdToZxy(id));
    expect(ids).toContainEqual([3, 4, 0]);
    const tile = decodeTile(
      polar.tiles.get([...polar.tiles.keys()].find((id) => tileIdToZxy(id)[0] === 3)!)!,
    );
    expect(tile.layers.x!.feature(0).properties.id).toBe('N');
  });
});
