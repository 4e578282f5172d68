import { describe, expect, it } from 'vitest';
import { square } from '../../fixtures/make-bad-fixtures';
import { InputError } from '../table';
import { readFootprints } from './footprints';

const feature = (id: unknown, geometry: unknown) => ({ type: 'Feature', properties: { id }, geometry });
const known = new Set(['G1', 'G2', '7']);

describe('readFootprints', () => {
  it('keeps polygons of known communities and reports every other feature by number', () => {
    const { features, issues } = readFootprints(
      'f.geojson',
      {
        type: 'FeatureCollection',
        features: [
          feature('G1', { type: 'Polygon', coordinates: square(112.9, 27.86) }),
          feature(7, { type: 'MultiPolygon', coordinates: [square(112.9, 27.86)] }),
          feature('G2', { type: 'Point', coordinates: [112.9, 27.86] }),
          feature('G2', { type: 'Polygon', coordinates: 'none' }),
          feature('G2', { type: 'Polygon', coordinates: square(500000, 3080000) }),
          feature('X9', { type: 'Polygon', coordinates: square(112.9, 27.86) }),
          feature({ nested: true }, null),
          'G1',
        ],
      },
      known,
    );
    expect(features.map((f) => f.properties?.id)).toEqual(['G1', 7]);
    expect(issues.map((i) => [i.row, i.value, i.reason])).toEqual([
      [3, 'G2', 'footprint is not a polygon'],
      [
        4,
        'G2',
        'footprint has malformed coordinates: found string where an array belongs (a Polygon is an array of ' +
          'rings, each an array of [longitude, latitude] positions)',
      ],
      [
        5,
        'G2',
        'footprint has coordinate (500000, 3080000), not longitude/latitude in degrees: reproject to WGS84 ' +
          '(EPSG:4326) or CGCS2000 (EPSG:4490)',
      ],
      [6, 'X9', 'footprint id matches no accepted community'],
      [7, '', 'footprint id matches no accepted community'],
      [8, '', 'footprint is not a GeoJSON Feature object'],
    ]);
    expect(issues.every((i) => i.column === 'id')).toBe(true);
  });

  it('throws InputError naming the file when the value is not a FeatureCollection', () => {
    expect(() => readFootprints('f.geojson', [], known)).toThrow(
      new InputError('f.geojson: expected a GeoJSON FeatureCollection, found an array', 'f.geojson'),
    );
  });
});
