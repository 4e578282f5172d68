import { describe, expect, it } from 'vitest';
import type { FeatureCollection } from 'geojson';
import type { Topology } from 'topojson-specification';
import { buildBasemap, buildBasemapFromPackage } from './build-basemap';

/** Two unit squares side by side sharing one edge (arc 1). */
const countries: Topology = {
  type: 'Topology',
  arcs: [
    [
      [1, 0],
      [0, 0],
      [0, 1],
      [1, 1],
    ],
    [
      [1, 1],
      [1, 0],
    ],
    [
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
    ],
  ],
  objects: {
    countries: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', arcs: [[0, 1]] },
        { type: 'Polygon', arcs: [[2, ~1]] },
      ],
    },
  },
};
const land: Topology = {
  type: 'Topology',
  arcs: [
    [
      [0, 0],
      [2.123456789, 0],
      [2, 1],
      [0, 1],
      [0, 0],
    ],
  ],
  objects: { land: { type: 'GeometryCollection', geometries: [{ type: 'Polygon', arcs: [[0]] }] } },
};

describe('buildBasemap', () => {
  it('writes land polygons and only the borders two countries share', () => {
    const files = buildBasemap(land, countries);
    expect(Object.keys(files).sort()).toEqual(['basemap/borders.geojson', 'basemap/land.geojson']);
    const borders = JSON.parse(files['basemap/borders.geojson']!) as FeatureCollection;
    expect(borders.features).toHaveLength(1);
    expect(borders.features[0]!.geometry).toEqual({
      type: 'MultiLineString',
      coordinates: [
        [
          [1, 1],
          [1, 0],
        ],
      ],
    });
  });

  it('rounds coordinates to the requested precision', () => {
    const files = buildBasemap(land, countries, { precision: 2 });
    expect(files['basemap/land.geojson']).toContain('[2.12,0]');
  });

  it('names a topology that lacks its object', () => {
    expect(() => buildBasemap({ ...land, objects: {} }, countries)).toThrow(/"land" object/);
  });

  it('builds Natural Earth 110m from the installed world-atlas', async () => {
    const files = await buildBasemapFromPackage({ scale: '110m' });
    const landFc = JSON.parse(files['basemap/land.geojson']!) as FeatureCollection;
    expect(landFc.features).toHaveLength(1);
    expect(landFc.features[0]!.geometry.type).toBe('MultiPolygon');
    const borders = JSON.parse(files['basemap/borders.geojson']!) as FeatureCollection;
    expect(borders.features[0]!.geometry.type).toBe('MultiLineString');
  });
});
