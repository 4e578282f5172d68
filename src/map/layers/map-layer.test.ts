import type { LayerSpecification, Map as MapLibreMap, SourceSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { applyBinding, mountLayerSet } from './map-layer.svelte';

/** The calls a layer set makes, on a map that keeps only what they need to answer. */
function fakeMap() {
  const calls: string[] = [];
  const layers = new Set<string>();
  const sources = new Set<string>();
  const listeners = new Set<unknown>();
  const record = (call: string) => void calls.push(call);
  const map = {
    hasImage: (id: string) => id === 'kept',
    addImage: (id: string) => record(`image ${id}`),
    addSource: (id: string) => (sources.add(id), record(`source ${id}`)),
    getSource: (id: string) => (sources.has(id) ? {} : undefined),
    removeSource: (id: string) => (sources.delete(id), record(`-source ${id}`)),
    addLayer: (layer: LayerSpecification, before?: string) => (
      layers.add(layer.id),
      record(`layer ${layer.id}${before ? ` < ${before}` : ''}`)
    ),
    getLayer: (id: string) => (layers.has(id) ? {} : undefined),
    removeLayer: (id: string) => (layers.delete(id), record(`-layer ${id}`)),
    setLayoutProperty: (id: string, name: string, value: unknown) => record(`${id} ${name}=${String(value)}`),
    setFilter: (id: string, filter: unknown) => record(`${id} filter=${JSON.stringify(filter)}`),
    setPaintProperty: (id: string, name: string, value: unknown) => record(`${id} ${name}=${String(value)}`),
    setLayerZoomRange: (id: string, min: number, max: number) => record(`${id} zoom=${min}-${max}`),
    on: (type: string, ...rest: unknown[]) => (listeners.add(rest.at(-1)), record(`on ${type}`)),
    off: (type: string, ...rest: unknown[]) => (listeners.delete(rest.at(-1)), record(`off ${type}`)),
  };
  return { map: map as unknown as MapLibreMap, calls, layers, listeners };
}

const line = (id: string): LayerSpecification => ({ id, type: 'line', source: 's' });
const emptySource: SourceSpecification = {
  type: 'geojson',
  data: { type: 'FeatureCollection', features: [] },
};
const image = { width: 1, height: 1, data: new Uint8ClampedArray(4) } as ImageData;

describe('mountLayerSet', () => {
  it('adds missing images, then sources, then layers in order, below a layer only when the map has it', () => {
    const fake = fakeMap();
    fake.layers.add('base');
    mountLayerSet(fake.map, {
      images: () => [
        { id: 'kept', image },
        { id: 'new', image },
      ],
      sources: () => ({ s: emptySource }),
      layers: () => [
        { layer: line('a'), beforeId: 'base' },
        { layer: line('b'), beforeId: 'missing' },
        { layer: line('c') },
      ],
    });
    expect(fake.calls).toEqual(['image new', 'source s', 'layer a < base', 'layer b', 'layer c']);
  });

  it('attaches listeners after the layers, and removes listeners, layers and sources when undone', () => {
    const fake = fakeMap();
    const undo = mountLayerSet(fake.map, {
      sources: () => ({ s: emptySource }),
      layers: () => [{ layer: line('a') }],
      listeners: [
        { type: 'moveend', listener: () => {} },
        { type: 'click', layer: 'a', listener: () => {} },
      ],
    });
    expect(fake.calls).toEqual(['source s', 'layer a', 'on moveend', 'on click']);
    expect(fake.listeners.size).toBe(2);
    fake.calls.length = 0;
    undo();
    expect(fake.calls).toEqual(['off moveend', 'off click', '-layer a', '-source s']);
    expect(fake.listeners.size).toBe(0);
  });
});

describe('applyBinding', () => {
  it('sets visibility, filter, paint and zoom range on every layer it names', () => {
    const fake = fakeMap();
    applyBinding(fake.map, { layers: ['a', 'b'], visible: () => false });
    applyBinding(fake.map, { layers: () => ['a'], filter: () => ['==', ['get', 'type'], 'school'] });
    applyBinding(fake.map, { layers: ['a'], paint: () => ({ 'line-width': 2, 'line-opacity': 0.5 }) });
    applyBinding(fake.map, { layers: ['a'], zoomRange: () => [10, 24] });
    expect(fake.calls).toEqual([
      'a visibility=none',
      'b visibility=none',
      'a filter=["==",["get","type"],"school"]',
      'a line-width=2',
      'a line-opacity=0.5',
      'a zoom=10-24',
    ]);
  });
});
