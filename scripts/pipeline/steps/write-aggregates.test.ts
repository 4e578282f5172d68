import { describe, expect, it } from 'vitest';
import { aggregateH3, sumH3Grids, type H3Community } from '../../../src/domain/h3-aggregates';
import { mulberry32 } from '../../../src/domain/mulberry32';
import { layerJsonPieces } from './write-aggregates';

function communities(n: number): H3Community[] {
  const rnd = mulberry32(11);
  return Array.from({ length: n }, () => ({
    lng: 112.9 + rnd() * 0.3,
    lat: 28.1 + rnd() * 0.3,
    households: Math.floor(rnd() * 900),
    stage: rnd() < 0.5 ? 'completed' : 'planned',
    funds: rnd() < 0.7 ? { fund_central: Math.floor(rnd() * 1e6) * 100 } : {},
  }));
}

const text = (pieces: Iterable<Uint8Array>) => [...pieces].map((p) => new TextDecoder().decode(p)).join('');

describe('layerJsonPieces', () => {
  it('writes exactly JSON.stringify of the layer, across piece boundaries', () => {
    const rows = communities(5000);
    const layers = aggregateH3(rows, [6, 9]);
    const grids = sumH3Grids(rows, [6, 9]);
    // Resolution 9 spans several pieces, resolution 6 fits in one.
    expect(grids[1]!.cells.length).toBeGreaterThan(2000);
    grids.forEach((grid, r) => {
      const pieces = [...layerJsonPieces(grid)];
      expect(pieces.length).toBe(Math.floor(grid.cells.length / 1000) + 1);
      expect(text(pieces)).toBe(JSON.stringify(layers[r]));
    });
  });

  it('writes a layer without cells as an empty list', () => {
    const [grid] = sumH3Grids([], [7]);
    expect(JSON.parse(text(layerJsonPieces(grid!)))).toEqual({ resolution: 7, cells: [] });
  });
});
