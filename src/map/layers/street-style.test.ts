import { describe, expect, it } from 'vitest';
import { STREET_MINZOOM } from '../../contracts/streets';
import { ROAD_CLASSES } from '../../domain/walk-network/types';
import {
  STREET_ACCESS_WIDTH_FACTOR,
  STREET_STYLE,
  WALK_DISTANCE_NONE_COLOR,
  WALK_DISTANCE_SCALE,
} from '../../style/scales';
import { evaluatePaint, matchesFilter, validateLayers } from '../../style/style-spec.test-helpers';
import { MAP_FONT_STACK } from '../basemap-style';
import { STREET_LAYER_IDS, STREET_LINE_IDS, streetLayers, streetPaint } from './street-style';

const color = (hex: string) => evaluatePaint('line', 'line-color', hex, {});

describe('streetLayers', () => {
  const sources = { streets: { type: 'vector' as const, url: 'pmtiles://x' } };

  it('are valid MapLibre layers, plain and in the accessibility view', () => {
    for (const access of [null, 'kindergarten']) {
      const { lines, labels } = streetLayers('streets', 'streets', access);
      expect(validateLayers([...lines, labels], sources)).toEqual([]);
    }
  });

  it('draw each class in its own layer from its own zoom, paths lowest and dashed', () => {
    const { lines } = streetLayers('streets', 'streets');
    expect(lines.map((l) => l.id)).toEqual([...STREET_LINE_IDS]);
    expect(lines.map((l) => l.id)).toEqual(['streets-path', 'streets-minor', 'streets-major']);
    for (const roadClass of ROAD_CLASSES) {
      const layer = lines.find((l) => l.id === STREET_LAYER_IDS[roadClass])!;
      expect(layer.minzoom).toBe(STREET_MINZOOM[roadClass]);
      for (const other of ROAD_CLASSES)
        expect(matchesFilter(layer.filter, { class: other })).toBe(other === roadClass);
      expect(evaluatePaint('line', 'line-color', layer.paint!['line-color'], { class: roadClass })).toBe(
        color(STREET_STYLE[roadClass].color),
      );
    }
    const dashed = lines.filter((l) => l.paint?.['line-dasharray']).map((l) => l.id);
    expect(dashed).toEqual([STREET_LAYER_IDS.path]);
  });

  it('widen the major roads over the minor ones at street zoom', () => {
    const width = (roadClass: (typeof ROAD_CLASSES)[number], zoom: number) =>
      evaluatePaint('line', 'line-width', streetPaint(roadClass, null)['line-width'], {}, zoom) as number;
    expect(width('major', 15)).toBeGreaterThan(width('minor', 15));
    expect(width('minor', 15)).toBeGreaterThan(width('path', 15));
  });

  it('write names along the lines with the map font, only where a segment has one', () => {
    const { labels } = streetLayers('streets', 'streets');
    expect(labels.layout?.['symbol-placement']).toBe('line');
    expect(labels.layout?.['text-font']).toEqual(MAP_FONT_STACK);
    expect(matchesFilter(labels.filter, { class: 'minor', name: '解放路' })).toBe(true);
    expect(matchesFilter(labels.filter, { class: 'minor' })).toBe(false);
  });
});

describe('streetPaint in the accessibility view', () => {
  it("colours every class by the chosen type's walking distance, as the scale says", () => {
    for (const roadClass of ROAD_CLASSES) {
      const paint = streetPaint(roadClass, 'kindergarten');
      const at = (props: Record<string, unknown>) =>
        evaluatePaint('line', 'line-color', paint['line-color'], props);
      expect(at({ class: roadClass, acc_kindergarten: 250 })).toBe(color(WALK_DISTANCE_SCALE[0]!.color));
      expect(at({ class: roadClass, acc_kindergarten: 800 })).toBe(color(WALK_DISTANCE_SCALE[2]!.color));
      expect(at({ class: roadClass, acc_kindergarten: 4000 })).toBe(color(WALK_DISTANCE_SCALE[3]!.color));
      expect(at({ class: roadClass, acc_clinic: 100 })).toBe(color(WALK_DISTANCE_NONE_COLOR));
    }
  });

  it('widens the lines so the colour can be read', () => {
    const plain = evaluatePaint('line', 'line-width', streetPaint('minor', null)['line-width'], {}, 15);
    const access = evaluatePaint('line', 'line-width', streetPaint('minor', 'clinic')['line-width'], {}, 15);
    expect(access as number).toBeCloseTo((plain as number) * STREET_ACCESS_WIDTH_FACTOR, 6);
  });
});
