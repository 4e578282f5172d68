import { describe, expect, it } from 'vitest';
import {
  basemapTheme,
  BASEMAP_ID_PATTERN,
  chooseBasemap,
  OFFLINE_BASEMAP,
  themeFromSearch,
  usableBasemaps,
  vectorBasemapPath,
  type BasemapDefinition,
} from './basemaps';

const raster = [{ tiles: ['https://x.example/{z}/{x}/{y}.png'], tileSize: 256, minzoom: 0, maxzoom: 18 }];
const osm: BasemapDefinition = {
  id: 'osm',
  kind: 'osm',
  crs: 'WGS84',
  label: { zh: 'OSM', en: 'OSM' },
  raster,
  attribution: '© OpenStreetMap contributors',
};
const amap: BasemapDefinition = {
  ...osm,
  id: 'amap',
  kind: 'amap',
  crs: 'GCJ-02',
  attribution: '© 高德地图',
};

describe('usableBasemaps', () => {
  it('drops a GCJ-02 basemap when the data has no GCJ-02 tiles, and keeps the offline one', () => {
    expect(usableBasemaps([OFFLINE_BASEMAP, osm, amap], ['WGS84']).map((b) => b.id)).toEqual([
      'offline',
      'osm',
    ]);
    expect(usableBasemaps([OFFLINE_BASEMAP, osm, amap], ['WGS84', 'GCJ-02']).map((b) => b.id)).toEqual([
      'offline',
      'osm',
      'amap',
    ]);
    expect(usableBasemaps([amap], ['WGS84']).map((b) => b.id)).toEqual(['offline']);
  });
});

describe('chooseBasemap', () => {
  const usable = [OFFLINE_BASEMAP, osm, amap];
  it('takes the requested one, else the default, else the first', () => {
    expect(chooseBasemap(usable, 'amap', 'offline').id).toBe('amap');
    expect(chooseBasemap(usable, 'tianditu', 'osm').id).toBe('osm');
    expect(chooseBasemap(usable, null, 'gone').id).toBe('offline');
    expect(chooseBasemap([], 'osm', 'osm')).toBe(OFFLINE_BASEMAP);
  });
});

describe('vector basemaps', () => {
  it('keep their archive beside the offline basemap, named by the id alone', () => {
    expect(vectorBasemapPath('city')).toBe('basemap/city.pmtiles');
    // An id is a safe file name: no separators or dots to climb out of the folder.
    expect(BASEMAP_ID_PATTERN.test('../x')).toBe(false);
  });

  it('read the site theme from the address: dark only when it asks for it', () => {
    expect(themeFromSearch('?present=1&theme=dark')).toBe('dark');
    expect(themeFromSearch('?basemap=city&theme=dark&v=1')).toBe('dark');
    expect(themeFromSearch('?theme=light')).toBe('light');
    expect(themeFromSearch('?theme=DARK')).toBe('light');
    expect(themeFromSearch('')).toBe('light');
  });

  it('follow the site theme when auto, and keep a fixed flavor otherwise', () => {
    expect(basemapTheme('auto', 'dark')).toBe('dark');
    expect(basemapTheme('auto', 'light')).toBe('light');
    expect(basemapTheme('light', 'dark')).toBe('light');
    expect(basemapTheme('dark', 'light')).toBe('dark');
  });
});
