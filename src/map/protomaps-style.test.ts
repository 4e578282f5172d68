import {
  createPropertyExpression,
  latest,
  type StylePropertySpecification,
} from '@maplibre/maplibre-gl-style-spec';
import { layers as packageLayers, namedFlavor } from '@protomaps/basemaps';
import type { LayerSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { validateLayers } from '../style/style-spec.test-helpers';
import { basemapStyle, MAP_FONT_STACK } from './basemap-style';
import { LABEL_LANGUAGE, localLayer, vectorBasemapStyle, vectorSourceId } from './protomaps-style';
import { city } from './test-basemaps';

const BASE = 'http://192.168.1.20:8080/atlas/index.html';

/** Every key anywhere in a JSON value. */
function keysIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysIn(v, out);
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysIn(v, out);
    }
  return out;
}

/** The text a symbol layer writes for a feature with `properties` at `zoom`. */
function labelText(layer: LayerSpecification, properties: Record<string, unknown>, zoom = 14): string {
  const spec = (latest as unknown as Record<string, Record<string, StylePropertySpecification>>)
    .layout_symbol!['text-field']!;
  const layout = (layer as { layout: Record<string, unknown> }).layout;
  const parsed = createPropertyExpression(layout['text-field'], 'text-field', spec);
  if (parsed.result === 'error') throw new Error(parsed.value.map((e) => e.message).join('; '));
  return String(parsed.value.evaluate({ zoom }, { type: 1, properties } as never));
}

describe('vectorBasemapStyle', () => {
  const light = vectorBasemapStyle(city, 'light', BASE);
  const dark = vectorBasemapStyle(city, 'dark', BASE);

  it('reads the extract through pmtiles:// from the page’s own origin', () => {
    expect(light.sourceId).toBe(vectorSourceId('city'));
    expect(light.source).toMatchObject({
      type: 'vector',
      url: 'pmtiles://http://192.168.1.20:8080/atlas/basemap/city.pmtiles',
      attribution: '© OpenStreetMap contributors',
    });
    for (const layer of light.layers) {
      expect(layer.id.startsWith(`${light.sourceId}-`), layer.id).toBe(true);
      expect('source' in layer && layer.source, layer.id).toBe(light.sourceId);
    }
  });

  it('is a valid MapLibre style with no glyphs URL and no sprite, and the map style has neither', () => {
    const offline = basemapStyle(BASE);
    expect(offline.glyphs).toBeUndefined();
    expect(offline.sprite).toBeUndefined();
    for (const style of [light, dark])
      expect(validateLayers(style.layers, { [style.sourceId]: style.source })).toEqual([]);
  });

  it('asks for no sprite image: no icon or pattern anywhere, icon-only layers dropped, labels kept', () => {
    const keys = keysIn(light.layers);
    expect([...keys].filter((k) => k.startsWith('icon-') || k.endsWith('-pattern'))).toEqual([]);
    const ids = light.layers.map((l) => l.id.slice(light.sourceId.length + 1));
    expect(ids).not.toContain('roads_oneway');
    expect(ids).not.toContain('roads_shields');
    // The package's own layers with icons do have them: the stripping is what removed them.
    const original = packageLayers('s', namedFlavor('light'), { lang: LABEL_LANGUAGE });
    expect(original.some((l) => 'layout' in l && l.layout && 'icon-image' in l.layout)).toBe(true);
    expect(ids).toEqual(expect.arrayContaining(['places_locality', 'pois', 'roads_labels_major', 'water']));
  });

  it('draws every label in the page’s CJK fonts: text-font replaced, no per-section fonts left', () => {
    const symbols = light.layers.filter((l) => l.type === 'symbol');
    expect(symbols.length).toBeGreaterThan(5);
    for (const layer of symbols) {
      expect(layer.layout?.['text-font'], layer.id).toEqual(MAP_FONT_STACK);
      expect(keysIn(layer.layout?.['text-field']).has('text-font'), layer.id).toBe(false);
    }
    expect(JSON.stringify(light.layers)).not.toMatch(/Noto Sans (Regular|Medium|Italic|Devanagari)/);
  });

  it('labels a Chinese place once, in Chinese', () => {
    const locality = light.layers.find((l) => l.id.endsWith('-places_locality'))!;
    const xiangtan = {
      kind: 'locality',
      name: '湘潭市',
      'name:zh': '湘潭市',
      'name:en': 'Xiangtan',
      script: 'Han',
    };
    expect(labelText(locality, xiangtan)).toBe('湘潭市');
    // A Simplified name wins over the local one where the build has it.
    expect(labelText(locality, { ...xiangtan, 'name:zh-Hans': '湘潭' })).toBe('湘潭');
    // Plain `zh` would take the Han name for a foreign script and write it twice.
    const withZh = localLayer(
      packageLayers('s', namedFlavor('light'), { lang: 'zh' }).find((l) => l.id === 'places_locality')!,
    )!;
    expect(labelText(withZh, xiangtan)).toBe('湘潭市\n湘潭市');
  });

  it('paints the light and dark flavors, and the ground beyond the extract, in their own colours', () => {
    const fill = (style: typeof light, id: string) =>
      (style.layers.find((l) => l.id === `${style.sourceId}-${id}`) as { paint: Record<string, unknown> })
        .paint;
    for (const [style, name] of [
      [light, 'light'],
      [dark, 'dark'],
    ] as const) {
      const flavor = namedFlavor(name);
      expect(fill(style, 'earth')['fill-color']).toBe(flavor.earth);
      expect(fill(style, 'water')['fill-color']).toBe(flavor.water);
      expect(style.ground).toEqual({ sea: flavor.water, land: flavor.earth });
    }
    expect(light.ground.land).not.toBe(dark.ground.land);
    // The package's background is dropped: the map's own sea background stays the one underneath.
    expect(light.layers.some((l) => l.type === 'background')).toBe(false);
  });

  it('refuses a basemap that is not a vector one', () => {
    expect(() => vectorBasemapStyle({ ...city, vector: undefined }, 'light', BASE)).toThrow(
      /not a vector basemap/,
    );
  });
});
