import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection, Point } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBuildArgs, UsageError } from '../cli/build-args';
import { buildData } from './build';
import { parseDisplayCrs, shiftCoordinates, shiftPoints } from './display-crs';
import { decodeTile, openArchive, worldXY } from './tiles/test-utils';

/**
 * WGS84 → GCJ-02 pairs published as the test vectors of googollee/eviltransform (test.py), an
 * implementation independent of gcoord: [wgsLng, wgsLat, gcjLng, gcjLat]. Shanghai, Shenzhen, Beijing.
 */
const VECTORS = [
  [121.5272106, 31.1774276, 121.531541859215, 31.17530398364597],
  [113.912316, 22.543847, 113.9171764808363, 22.540796131694766],
  [116.377817, 39.911954, 116.38404722455657, 39.91334545536069],
] as const;

/** Metres between two nearby positions (equirectangular; exact enough below a kilometre). */
function metres(a: readonly number[], b: readonly number[]): number {
  const k = (Math.PI / 180) * 6371008.8;
  return Math.hypot((a[0]! - b[0]!) * k * Math.cos((a[1]! * Math.PI) / 180), (a[1]! - b[1]!) * k);
}

/**
 * The position of the feature of `layer` whose `key` property is `id` in the z14 tile holding
 * `near`, decoded from the archive; for a polygon, its vertex nearest to `near`.
 */
async function positionInTiles(
  file: string,
  layer: string,
  id: string,
  near: readonly number[],
  key = 'id',
): Promise<number[] | null> {
  const z = 14;
  const [wx, wy] = worldXY(near[0]!, near[1]!);
  const x = Math.floor(wx * 2 ** z);
  const y = Math.floor(wy * 2 ** z);
  const tile = await openArchive(new Uint8Array(readFileSync(file))).getZxy(z, x, y);
  if (!tile) return null;
  const decoded = decodeTile(tile.data).layers[layer];
  for (let i = 0; decoded && i < decoded.length; i++) {
    const feature = decoded.feature(i);
    if (feature.properties[key] !== id) continue;
    const geometry = feature.toGeoJSON(x, y, z).geometry;
    if (geometry.type === 'Point') return geometry.coordinates;
    if (geometry.type === 'Polygon')
      return geometry.coordinates[0]!.reduce((a, b) => (metres(a, near) <= metres(b, near) ? a : b));
  }
  return null;
}

describe('display-CRS tile sets', () => {
  let dir: string;
  let out: string;
  let manifest: Record<string, unknown> & { display_layers: Record<string, Record<string, { url: string }>> };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-display-crs-'));
    out = join(dir, 'out');
    const rows = VECTORS.map(([lng, lat], i) => `c${i},小区${i},测试市,测试区,${lng},${lat},500,施工中`);
    writeFileSync(
      join(dir, 'communities.csv'),
      ['编号,小区名称,市,区县,经度,纬度,户数,改造状态', ...rows].join('\n'),
    );
    const amenities = VECTORS.map(([lng, lat], i) => `a${i},菜场${i},菜市场,${lng},${lat}`);
    writeFileSync(join(dir, 'amenities.csv'), ['编号,名称,类型,经度,纬度', ...amenities].join('\n'));
    // A 100 m square whose first corner is the Shanghai vector.
    const [lng, lat] = VECTORS[0];
    const square = [
      [lng, lat],
      [lng + 0.001, lat],
      [lng + 0.001, lat + 0.001],
      [lng, lat + 0.001],
      [lng, lat],
    ];
    writeFileSync(
      join(dir, 'boundaries.geojson'),
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { id: 'b0', name: '测试社区', level: 'community' },
            geometry: { type: 'Polygon', coordinates: [square] },
          },
        ],
      }),
    );
    await buildData({
      communities: join(dir, 'communities.csv'),
      amenities: join(dir, 'amenities.csv'),
      boundaries: join(dir, 'boundaries.geojson'),
      out,
      displayCrs: ['GCJ-02'],
      buildTime: new Date(0),
    });
    manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as typeof manifest;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the GCJ-02 tile sets in the manifest, each saying its CRS', () => {
    expect(manifest.crs).toBe('WGS84');
    const gcj = manifest.display_layers['GCJ-02']!;
    expect(Object.keys(gcj)).toEqual(['communities', 'amenities', 'boundaries']);
    for (const [name, ref] of Object.entries(gcj)) {
      expect(ref).toMatchObject({ url: `gcj02/${name}.pmtiles`, layer: name, crs: 'GCJ-02' });
      expect(existsSync(join(out, ref.url)), ref.url).toBe(true);
    }
  });

  it.each(VECTORS.map((v, i) => [i, v] as const))(
    'draws community c%i at its published GCJ-02 position in gcj02/, at its WGS84 one in the main tiles',
    async (i, [lng, lat, gLng, gLat]) => {
      const gcj = await positionInTiles(join(out, 'gcj02/communities.pmtiles'), 'communities', `c${i}`, [
        gLng,
        gLat,
      ]);
      const wgs = await positionInTiles(join(out, 'communities.pmtiles'), 'communities', `c${i}`, [lng, lat]);
      expect(gcj, 'found in the GCJ-02 tile of its GCJ-02 position').not.toBeNull();
      expect(wgs, 'found in the WGS84 tile of its WGS84 position').not.toBeNull();
      // A z14 tile has 4096 units across ~2.4 km: positions are exact to about a metre.
      expect(metres(gcj!, [gLng, gLat])).toBeLessThan(1.5);
      expect(metres(wgs!, [lng, lat])).toBeLessThan(1.5);
      expect(metres(gcj!, wgs!)).toBeGreaterThan(100);
    },
  );

  it('shifts amenities and boundaries too', async () => {
    const [, , gLng, gLat] = VECTORS[1];
    const amenity = await positionInTiles(join(out, 'gcj02/amenities.pmtiles'), 'amenities', 'a1', [
      gLng,
      gLat,
    ]);
    expect(metres(amenity!, [gLng, gLat])).toBeLessThan(1.5);
    const [, , bLng, bLat] = VECTORS[0];
    const corner = await positionInTiles(
      join(out, 'gcj02/boundaries.pmtiles'),
      'boundaries',
      '测试社区',
      [bLng, bLat],
      'name',
    );
    // The square's first corner is the Shanghai vector: a vertex of the GCJ-02 ring lies at its GCJ-02 position.
    expect(corner).not.toBeNull();
    expect(metres(corner!, [bLng, bLat])).toBeLessThan(1.5);
  });

  it('keeps communities.geojson in WGS84', () => {
    const fc = JSON.parse(readFileSync(join(out, 'communities.geojson'), 'utf8')) as FeatureCollection<Point>;
    for (const [i, [lng, lat]] of VECTORS.entries()) {
      const f = fc.features.find((x) => x.properties?.id === `c${i}`)!;
      expect(metres(f.geometry.coordinates, [lng, lat])).toBeLessThan(0.01);
    }
  });

  it('removes the GCJ-02 set when a later build does not ask for it', async () => {
    const again = join(dir, 'again');
    await buildData({ communities: join(dir, 'communities.csv'), out: again, displayCrs: ['GCJ-02'] });
    expect(existsSync(join(again, 'gcj02/communities.pmtiles'))).toBe(true);
    await buildData({ communities: join(dir, 'communities.csv'), out: again });
    expect(existsSync(join(again, 'gcj02'))).toBe(false);
    const m = JSON.parse(readFileSync(join(again, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(m.display_layers).toBeUndefined();
  });
});

describe('shiftPoints', () => {
  it('reads the original properties only when asked', () => {
    let reads = 0;
    const original = {
      lng: 121.5,
      lat: 31.2,
      priority: 3,
      get properties() {
        reads++;
        return { id: 'x' };
      },
    };
    const shifted = shiftPoints([original], 'GCJ-02');
    expect(reads).toBe(0);
    expect(shifted.count).toBe(1);
    expect(shifted.priority?.(0)).toBe(3);
    expect(shifted.properties(0)).toEqual({ id: 'x' });
    expect(reads).toBe(1);
    // Moved by GCJ-02's offset (hundreds of metres in Shanghai), not left in place.
    expect(metres([shifted.lng(0), shifted.lat(0)], [121.5, 31.2])).toBeGreaterThan(100);
  });
});

describe('shiftCoordinates', () => {
  it('moves every lng, lat pair of a flat array as the published vectors say', () => {
    const shifted = shiftCoordinates(
      Float64Array.from(VECTORS.flatMap(([lng, lat]) => [lng, lat])),
      'GCJ-02',
    );
    VECTORS.forEach(([, , gcjLng, gcjLat], i) => {
      expect(metres([shifted[2 * i]!, shifted[2 * i + 1]!], [gcjLng, gcjLat])).toBeLessThan(0.5);
    });
  });
});

describe('--display-crs', () => {
  it('accepts GCJ-02 in its usual spellings and drops WGS84', () => {
    expect(parseDisplayCrs('GCJ-02')).toEqual(['GCJ-02']);
    expect(parseDisplayCrs('gcj02, wgs84')).toEqual(['GCJ-02']);
    expect(parseDisplayCrs('WGS84')).toEqual([]);
    expect(parseDisplayCrs('BD-09')).toBeNull();
  });

  it('is an option of build:data, with the demo too', () => {
    expect(parseBuildArgs(['--display-crs', 'gcj02']).displayCrs).toEqual(['GCJ-02']);
    expect(parseBuildArgs(['--communities', 'a.csv', '--display-crs=GCJ-02']).displayCrs).toEqual(['GCJ-02']);
    expect(parseBuildArgs(['--display-crs', 'WGS84']).displayCrs).toBeUndefined();
    expect(() => parseBuildArgs(['--display-crs', 'BD-09'])).toThrow(UsageError);
  });
});
