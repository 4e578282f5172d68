import type { LayerSpecification, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { OFFLINE_BASEMAP, type BasemapDefinition } from '../contracts/basemaps';
import { applyBasemap, rasterLayerIds, type ShownBasemap } from './basemap-apply';
import { BASEMAP_COLORS, BASEMAP_TOP_LAYER, basemapStyle } from './basemap-style';
import { vectorBasemapStyle } from './protomaps-style';
import { city } from './test-basemaps';

/** A map that keeps its layers in order, their visibility and paint, and its sources. */
function fakeMap() {
  const style = basemapStyle('http://localhost/');
  const layers: LayerSpecification[] = [
    ...style.layers,
    { id: 'data-circles', type: 'circle', source: 'data' },
  ];
  const sources = new Map<string, SourceSpecification>([['data', { type: 'geojson', data: '' }]]);
  const paint = new Map<string, unknown>();
  const hidden = new Set<string>();
  const index = (id: string) => layers.findIndex((l) => l.id === id);
  const map = {
    getLayer: (id: string) => layers.find((l) => l.id === id),
    addLayer: (layer: LayerSpecification, before?: string) => {
      if (index(layer.id) !== -1) throw new Error(`layer ${layer.id} exists`);
      if ('source' in layer && !sources.has(layer.source as string))
        throw new Error(`no source ${layer.source}`);
      layers.splice(before ? index(before) : layers.length, 0, layer);
    },
    removeLayer: (id: string) => layers.splice(index(id), 1),
    getSource: (id: string) => sources.get(id),
    addSource: (id: string, source: SourceSpecification) => {
      if (sources.has(id)) throw new Error(`source ${id} exists`);
      sources.set(id, source);
    },
    removeSource: (id: string) => {
      if (layers.some((l) => 'source' in l && l.source === id)) throw new Error(`source ${id} in use`);
      sources.delete(id);
    },
    getStyle: () => ({ layers: [...layers] }),
    setLayoutProperty: (id: string, name: string, value: unknown) => {
      if (name !== 'visibility') return;
      if (value === 'none') hidden.add(id);
      else hidden.delete(id);
    },
    setPaintProperty: (id: string, name: string, value: unknown) => paint.set(`${id} ${name}`, value),
  };
  return { map: map as unknown as MapLibreMap, layers, sources, paint, hidden };
}

const BASE = 'http://localhost/';
const osm: BasemapDefinition = {
  id: 'osm',
  kind: 'osm',
  crs: 'WGS84',
  label: { zh: 'OSM', en: 'OSM' },
  raster: [{ tiles: ['https://tiles.example/{z}/{x}/{y}.png'], tileSize: 256, minzoom: 0, maxzoom: 19 }],
  attribution: '© OpenStreetMap contributors',
};

describe('applyBasemap with a vector basemap', () => {
  it('puts the extract between the offline land and the top basemap layer, under every data layer', () => {
    const fake = fakeMap();
    const shown = applyBasemap(fake.map, city, null, vectorBasemapStyle(city, 'light', BASE));
    const ids = fake.layers.map((l) => l.id);
    const vector = ids.filter((id) => id.startsWith('basemap-vector-city-'));
    expect(vector.length).toBeGreaterThan(20);
    const first = ids.indexOf(vector[0]!);
    const last = ids.indexOf(vector.at(-1)!);
    expect(ids.slice(first, last + 1)).toEqual(vector);
    expect(ids.indexOf('basemap-land')).toBeLessThan(first);
    expect(ids.indexOf(BASEMAP_TOP_LAYER)).toBe(last + 1);
    expect(ids.at(-1)).toBe('data-circles');
    expect(shown).toEqual({ basemap: city, vectorSource: 'basemap-vector-city' });
    // The extract brings its own borders; the offline land stays, painted as the extract's land and sea.
    expect(fake.hidden).toEqual(new Set([BASEMAP_TOP_LAYER]));
    expect(fake.paint.get('basemap-land fill-color')).toBe(
      vectorBasemapStyle(city, 'light', BASE).ground.land,
    );
    expect(fake.paint.get('basemap-sea background-color')).toBe(
      vectorBasemapStyle(city, 'light', BASE).ground.sea,
    );
  });

  it('changes flavor in place, keeping the source and its loaded tiles', () => {
    const fake = fakeMap();
    const light = applyBasemap(fake.map, city, null, vectorBasemapStyle(city, 'light', BASE));
    const source = fake.sources.get('basemap-vector-city');
    const dark = vectorBasemapStyle(city, 'dark', BASE);
    applyBasemap(fake.map, city, light, dark);
    expect(fake.sources.get('basemap-vector-city')).toBe(source);
    const earth = fake.layers.find((l) => l.id === 'basemap-vector-city-earth') as {
      paint: Record<string, unknown>;
    };
    expect(earth.paint['fill-color']).toBe(dark.ground.land);
    expect(fake.layers.filter((l) => l.id === 'basemap-vector-city-earth')).toHaveLength(1);
    expect(fake.paint.get('basemap-land fill-color')).toBe(dark.ground.land);
  });

  it('leaves no trace when the offline or a raster basemap replaces it', () => {
    for (const next of [OFFLINE_BASEMAP, osm]) {
      const fake = fakeMap();
      const shown = applyBasemap(fake.map, city, null, vectorBasemapStyle(city, 'dark', BASE));
      const after: ShownBasemap = applyBasemap(fake.map, next, shown);
      expect(after.vectorSource).toBeNull();
      expect(fake.layers.filter((l) => l.id.startsWith('basemap-vector-'))).toEqual([]);
      expect([...fake.sources.keys()].filter((s) => s.startsWith('basemap-vector-'))).toEqual([]);
      expect(fake.paint.get('basemap-land fill-color')).toBe(BASEMAP_COLORS.land);
      expect(fake.paint.get('basemap-sea background-color')).toBe(BASEMAP_COLORS.sea);
      const raster = next.raster.length > 0;
      expect(fake.hidden).toEqual(new Set(raster ? ['basemap-land', BASEMAP_TOP_LAYER] : []));
      expect(fake.layers.map((l) => l.id).filter((id) => rasterLayerIds(next).includes(id))).toHaveLength(
        next.raster.length,
      );
    }
  });

  it('leaves the ground paint alone between the offline and raster basemaps', () => {
    const fake = fakeMap();
    const shown = applyBasemap(fake.map, osm, null);
    applyBasemap(fake.map, OFFLINE_BASEMAP, shown);
    expect(fake.paint.size).toBe(0);
  });

  it('refuses a vector basemap without its style', () => {
    expect(() => applyBasemap(fakeMap().map, city, null)).toThrow(/needs its vector style/);
  });
});
