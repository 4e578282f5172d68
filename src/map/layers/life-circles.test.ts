import distance from '@turf/distance';
import { describe, expect, it } from 'vitest';
import { LIFE_CIRCLES } from '../../domain/vocabulary';
import { ringColor } from '../../style/view-scales';
import { ringColorExpression, ringFeatures, ringLabelPoints, ringLayers } from './life-circles';
import { evaluatePaint, validateLayers } from '../../style/style-spec.test-helpers';

describe('ringFeatures', () => {
  it('draws each circle at its GB 50180-2018 radius around each centre', () => {
    const centres = [
      { lng: 113, lat: 28.2 },
      { lng: 118.1, lat: 24.5 },
    ];
    const rings = ringFeatures(centres, ['lc5', 'lc15']);
    expect(rings.features).toHaveLength(4);
    for (const ring of rings.features) {
      const centre = centres.find((c) =>
        ring.geometry.coordinates[0]!.every(
          (p) => Math.abs(p[0]! - c.lng) < 0.02 && Math.abs(p[1]! - c.lat) < 0.02,
        ),
      )!;
      for (const p of ring.geometry.coordinates[0]!) {
        const metres = distance([centre.lng, centre.lat], p, { units: 'meters' });
        expect(metres).toBeCloseTo(ring.properties.radius_m, -1);
      }
    }
    expect(rings.features.map((f) => f.properties.circle)).toEqual(['lc15', 'lc5', 'lc15', 'lc5']);
  });

  it('labels the top of each ring', () => {
    const labels = ringLabelPoints({ lng: 113, lat: 28.2 }, ['lc5', 'lc10', 'lc15'], (c) => `${c.minutes}`);
    expect(labels.features.map((f) => f.properties.label).sort()).toEqual(['10', '15', '5']);
    for (const f of labels.features) {
      const radius = LIFE_CIRCLES.find((c) => c.key === f.properties.circle)!.radius_m;
      expect(f.geometry.coordinates[1]!).toBeGreaterThan(28.2);
      expect(distance([113, 28.2], f.geometry.coordinates, { units: 'meters' })).toBeCloseTo(radius, -1);
    }
  });
});

describe('ring layers', () => {
  it('colour each circle like its amenities, and are valid layers', () => {
    for (const c of LIFE_CIRCLES)
      expect(evaluatePaint('line', 'line-color', ringColorExpression(), { circle: c.key })).toBe(
        evaluatePaint('line', 'line-color', ringColor(c.key), {}),
      );
    const l = ringLayers('rings', 'labels');
    expect(
      validateLayers([l.fill, l.line, l.labels], {
        rings: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
        labels: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      }),
    ).toEqual([]);
  });
});
