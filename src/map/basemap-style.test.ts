import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { BASEMAP_SOURCE, BASEMAP_TOP_LAYER, basemapStyle } from './basemap-style';

describe('basemapStyle', () => {
  it('is a valid MapLibre style reading the archive through pmtiles:// at an absolute URL', () => {
    const style = basemapStyle('http://intranet.example/atlas/index.html');
    expect(validateStyleMin(style)).toEqual([]);
    // Resolved against the page, so a site under a sub-path reads its own archive.
    expect(style.sources[BASEMAP_SOURCE]).toEqual({
      type: 'vector',
      url: 'pmtiles://http://intranet.example/atlas/basemap/offline.pmtiles',
    });
  });

  it('draws sea, land and borders in that order, borders on top for the data layers to go above', () => {
    const style = basemapStyle('http://localhost/');
    expect(style.layers.map((l) => l.id)).toEqual(['basemap-sea', 'basemap-land', BASEMAP_TOP_LAYER]);
    expect(style.layers.map((l) => ('source-layer' in l ? l['source-layer'] : null))).toEqual([
      null,
      'land',
      'borders',
    ]);
  });
});
