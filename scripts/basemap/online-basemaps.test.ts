import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePmtiles } from '../pipeline/tiles/pmtiles-writer';
import { writeProtomapsExtract } from '../fixtures/protomaps/make-extract';
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

describe('pmtiles basemaps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-pmtiles-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ship the extract with the site, in WGS84, following the theme unless a flavor is given', () => {
    const { basemaps, archives } = resolveAtlasConfig(
      {
        basemaps: [
          {
            type: 'pmtiles',
            id: 'city',
            file: 'maps/xiangtan.pmtiles',
            label: { zh: '湘潭', en: 'Xiangtan' },
          },
          { type: 'pmtiles', id: 'night', file: '/srv/night.pmtiles', flavor: 'dark', attribution: '© OSM' },
        ],
      },
      {},
      '/etc/atlas',
    );
    const [, city, night] = basemaps;
    expect(city).toEqual({
      id: 'city',
      kind: 'pmtiles',
      crs: 'WGS84',
      label: { zh: '湘潭', en: 'Xiangtan' },
      raster: [],
      vector: { path: 'basemap/city.pmtiles', flavor: 'auto' },
      attribution: '© OpenStreetMap contributors (ODbL) · Protomaps',
    });
    expect(night!.vector).toEqual({ path: 'basemap/night.pmtiles', flavor: 'dark' });
    expect(night!.attribution).toBe('© OSM');
    // Relative to the configuration's folder; the site sees only the path in the site.
    expect(archives).toEqual([
      {
        id: 'city',
        file: '/etc/atlas/maps/xiangtan.pmtiles',
        path: 'basemap/city.pmtiles',
        where: 'basemaps[0]',
      },
      { id: 'night', file: '/srv/night.pmtiles', path: 'basemap/night.pmtiles', where: 'basemaps[1]' },
    ]);
    expect(JSON.stringify(basemaps)).not.toContain('/etc/atlas');
    // Read from the site's own origin: nothing for the Content-Security-Policy to allow.
    expect(tileOrigins(basemaps)).toEqual([]);
  });

  it('names the mistake in the entry', () => {
    const bad: [unknown, RegExp][] = [
      [{ type: 'pmtiles' }, /basemaps\[0\] \(pmtiles\) needs "file"/],
      [{ type: 'pmtiles', file: '' }, /file must be a non-empty string/],
      [{ type: 'pmtiles', file: 'a.pmtiles', flavor: 'sepia' }, /flavor must be one of light, dark, auto/],
      [{ type: 'pmtiles', file: 'a.pmtiles', crs: 'GCJ-02' }, /unknown key "crs"/],
      [{ type: 'pmtiles', file: 'a.pmtiles', tiles: 'https://x/{z}/{x}/{y}' }, /unknown key "tiles"/],
    ];
    for (const [entry, message] of bad)
      expect(() => resolveAtlasConfig({ basemaps: [entry] }), JSON.stringify(entry)).toThrow(message);
  });

  /** A configuration naming `file` (relative to the configuration), read as the build reads it. */
  const load = (file: string) => {
    writeFileSync(
      join(dir, 'atlas.config.json'),
      JSON.stringify({ basemaps: [{ type: 'pmtiles', id: 'city', file }] }),
    );
    return loadAtlasConfig(dir, {});
  };

  it('accepts a Protomaps extract, relative to the configuration file', () => {
    writeProtomapsExtract(join(dir, 'xiangtan.pmtiles'));
    const config = load('xiangtan.pmtiles');
    expect(config.basemaps.map((b) => b.id)).toEqual(['offline', 'city']);
    expect(config.archives[0]!.file).toBe(join(dir, 'xiangtan.pmtiles'));
  });

  it('refuses a missing file, a file that is not PMTiles, and an archive of another schema, naming both files', () => {
    const config = join(dir, 'atlas.config.json');
    expect(() => load('gone.pmtiles')).toThrow(
      `${config}: basemaps[0] (pmtiles): ${join(dir, 'gone.pmtiles')} does not exist`,
    );
    writeFileSync(join(dir, 'page.pmtiles'), '<!doctype html><title>404</title>');
    expect(() => load('page.pmtiles')).toThrow(/page\.pmtiles is not a PMTiles archive/);
    // An archive of the data build: vector tiles, but communities, not a basemap.
    writeFileSync(
      join(dir, 'communities.pmtiles'),
      writePmtiles(
        new Map(),
        { minZoom: 0, maxZoom: 14, bounds: [112, 27, 113, 28], center: [112.5, 27.5, 10] },
        { vector_layers: [{ id: 'communities', minzoom: 0, maxzoom: 14, fields: {} }] },
      ),
    );
    expect(() => load('communities.pmtiles')).toThrow(
      /communities\.pmtiles is not in the Protomaps basemap schema: it has no earth or roads layer \(its vector_layers: communities\)/,
    );
  });
});
