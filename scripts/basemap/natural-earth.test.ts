import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import { borderFeatures, landFeatures } from './natural-earth';

/** Three countries in a row, A | B | C, sharing two edges; and their land as one MultiPolygon. */
const topology: Topology = {
  type: 'Topology',
  arcs: [
    // A's own edges, then A|B.
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
    // B's bottom, B|C, B's top.
    [
      [1, 0],
      [2, 0],
    ],
    [
      [2, 0],
      [2, 1],
    ],
    [
      [2, 1],
      [1, 1],
    ],
    // C's own edges.
    [
      [2, 1],
      [3, 1],
      [3, 0],
      [2, 0],
    ],
    // An island.
    [
      [5, 0],
      [6, 0],
      [6, 1],
      [5, 0],
    ],
  ],
  objects: {
    countries: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', arcs: [[0, 1]] },
        { type: 'Polygon', arcs: [[2, 3, 4, 1]] },
        { type: 'Polygon', arcs: [[5, 3]] },
      ],
    },
    land: {
      type: 'GeometryCollection',
      geometries: [{ type: 'MultiPolygon', arcs: [[[0, ~4, 5, ~2]], [[6]]] }],
    },
  },
};

describe('landFeatures', () => {
  it('splits the land into one polygon feature per island', () => {
    const features = landFeatures(topology);
    expect(features.map((f) => f.geometry.type)).toEqual(['Polygon', 'Polygon']);
    expect(features[1]!.geometry.coordinates[0]).toContainEqual([6, 1]);
  });

  it('names the topology that lacks its object', () => {
    expect(() => landFeatures({ ...topology, objects: {} })).toThrow('land topology has no "land" object');
  });
});

describe('borderFeatures', () => {
  it('keeps only the edges two countries share, one line each', () => {
    const lines = borderFeatures(topology).map((f) => f.geometry.coordinates);
    expect(lines).toHaveLength(2);
    expect(lines).toContainEqual([
      [1, 1],
      [1, 0],
    ]);
    expect(lines).toContainEqual([
      [2, 0],
      [2, 1],
    ]);
  });

  it('names the topology that lacks its object', () => {
    expect(() => borderFeatures({ ...topology, objects: {} })).toThrow(
      'countries topology has no "countries" object',
    );
  });
});
