import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AtlasConfigError, loadAtlasConfig, resolveAtlasConfig, tileOrigins } from './online-basemaps';

describe('resolveAtlasConfig', () => {
  it('offers only the offline basemap without configuration', () => {
    const { basemaps, defaultBasemap } = resolveAtlasConfig({});
    expect(basemaps.map((b) => b.id)).toEqual(['offline']);
    expect(basemaps[0]!.raster).toEqual([]);
    expect(defaultBasemap).toBe('offline');
    expect(tileOrigins(basemaps)).toEqual([]);
  });

  it('builds Tianditu from the key in the environment: map and labels on the _w matrix, t0–t7', () => {
    const { basemaps } = resolveAtlasConfig({ basemaps: [{ type: 'tianditu' }] }, { TIANDITU_KEY: 'abc123' });
    const tdt = basemaps.find((b) => b.id === 'tianditu')!;
    expect(tdt.crs).toBe('WGS84');
    expect(tdt.raster).toHaveLength(2);
    const [map, labels] = tdt.raster;
    expect(map!.tiles).toHaveLength(8);
    for (const url of map!.tiles) {
      const u = new URL(url.replace(/\{[a-z]\}/g, '0'));
      expect(u.pathname).toBe('/vec_w/wmts');
      expect(u.searchParams.get('TILEMATRIXSET')).toBe('w');
      expect(u.searchParams.get('tk')).toBe('abc123');
    }
    expect(map!.tiles[0]).toContain('TILEMATRIX={z}&TILEROW={y}&TILECOL={x}');
    expect(labels!.tiles[0]).toContain('/cva_w/wmts');
    expect(tdt.attribution).toMatch(/天地图/);
    expect(tileOrigins(basemaps)).toEqual(
      Array.from({ length: 8 }, (_, n) => `https://t${n}.tianditu.gov.cn`),
    );
  });

  it('prefers a key in the file, and refuses Tianditu without one', () => {
    const { basemaps } = resolveAtlasConfig(
      { basemaps: [{ type: 'tianditu', key: 'FILEKEY', labels: false }] },
      { TIANDITU_KEY: 'env' },
    );
    expect(basemaps[1]!.raster).toHaveLength(1);
    expect(basemaps[1]!.raster[0]!.tiles[0]).toContain('tk=FILEKEY');
    expect(() => resolveAtlasConfig({ basemaps: [{ type: 'tianditu' }] }, {})).toThrow(/TIANDITU_KEY/);
    expect(() => resolveAtlasConfig({ basemaps: [{ type: 'tianditu', key: 'a&b=c' }] })).toThrow(
      /letters and digits/,
    );
  });

  it('draws AMap in GCJ-02 and OpenStreetMap in WGS84, each with its attribution', () => {
    const { basemaps } = resolveAtlasConfig({ basemaps: [{ type: 'osm' }, { type: 'amap' }] });
    const [offline, osm, amap] = basemaps;
    expect(offline!.id).toBe('offline');
    expect(osm).toMatchObject({ id: 'osm', crs: 'WGS84' });
    expect(osm!.attribution).toMatch(/OpenStreetMap contributors/);
    expect(amap).toMatchObject({ id: 'amap', crs: 'GCJ-02' });
    expect(amap!.attribution).toMatch(/高德/);
    expect(tileOrigins(basemaps)).toEqual([
      'https://tile.openstreetmap.org',
      'https://webrd01.is.autonavi.com',
      'https://webrd02.is.autonavi.com',
      'https://webrd03.is.autonavi.com',
      'https://webrd04.is.autonavi.com',
    ]);
  });

  it('takes tile URLs, ids, labels and a default from the file', () => {
    const { basemaps, defaultBasemap } = resolveAtlasConfig({
      basemaps: [
        {
          type: 'osm',
          id: 'intranet',
          label: { zh: '内网底图', en: 'Intranet' },
          tiles: 'http://10.0.0.5:8080/{z}/{x}/{y}.png',
        },
        { type: 'offline' },
      ],
      default_basemap: 'intranet',
    });
    expect(basemaps.map((b) => b.id)).toEqual(['intranet', 'offline']);
    expect(basemaps[0]!.label).toEqual({ zh: '内网底图', en: 'Intranet' });
    expect(defaultBasemap).toBe('intranet');
    expect(tileOrigins(basemaps)).toEqual(['http://10.0.0.5:8080']);
  });

  it('names the mistake', () => {
    const bad: [unknown, RegExp][] = [
      [[], /JSON object/],
      [{ basemap: [] }, /unknown key "basemap"/],
      [{ basemaps: [{ type: 'google' }] }, /type must be/],
      [{ basemaps: [{ type: 'osm', url: 'x' }] }, /unknown key "url"/],
      [{ basemaps: [{ type: 'osm', tiles: 'ftp://x/{z}/{x}/{y}' }] }, /http\(s\)/],
      [{ basemaps: [{ type: 'osm', tiles: 'https://x/{z}/{x}' }] }, /lacks \{y\}/],
      [{ basemaps: [{ type: 'osm' }, { type: 'osm' }] }, /used twice/],
      [{ basemaps: [{ type: 'osm', id: 'Big Map' }] }, /lowercase/],
      [{ basemaps: [{ type: 'amap', crs: 'BD-09' }] }, /crs must be/],
      [{ default_basemap: 'amap' }, /default_basemap must be one of offline/],
    ];
    for (const [json, message] of bad)
      expect(() => resolveAtlasConfig(json), JSON.stringify(json)).toThrow(message);
    expect(() => resolveAtlasConfig([])).toThrow(AtlasConfigError);
  });
});

describe('atlas.config.example.json', () => {
  it('is a valid configuration offering all four basemaps', () => {
    const root = new URL('../..', import.meta.url).pathname;
    const config = loadAtlasConfig(root, { ATLAS_CONFIG: 'atlas.config.example.json', TIANDITU_KEY: 'k' });
    expect(config.basemaps.map((b) => b.id)).toEqual(['offline', 'tianditu', 'osm', 'amap']);
    expect(config.defaultBasemap).toBe('offline');
  });
});

describe('loadAtlasConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads atlas.config.json at the root, or the file ATLAS_CONFIG names', () => {
    expect(loadAtlasConfig(dir, {})).toMatchObject({ file: null, defaultBasemap: 'offline' });
    writeFileSync(join(dir, 'atlas.config.json'), JSON.stringify({ basemaps: [{ type: 'osm' }] }));
    expect(loadAtlasConfig(dir, {}).basemaps.map((b) => b.id)).toEqual(['offline', 'osm']);
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ basemaps: [{ type: 'amap' }] }));
    expect(loadAtlasConfig(dir, { ATLAS_CONFIG: 'other.json' }).basemaps.map((b) => b.id)).toEqual([
      'offline',
      'amap',
    ]);
    expect(loadAtlasConfig(dir, { ATLAS_CONFIG: 'none' }).basemaps.map((b) => b.id)).toEqual(['offline']);
    expect(() => loadAtlasConfig(dir, { ATLAS_CONFIG: 'missing.json' })).toThrow(/does not exist/);
    writeFileSync(join(dir, 'broken.json'), '{');
    expect(() => loadAtlasConfig(dir, { ATLAS_CONFIG: 'broken.json' })).toThrow(/broken\.json/);
  });
});
