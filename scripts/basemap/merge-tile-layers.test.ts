import { describe, expect, it } from 'vitest';
import { gzip } from '../pipeline/tiles/gzip';
import { encodeMvt, MVT_POINT } from '../pipeline/tiles/mvt-encode';
import { decodeTile } from '../pipeline/tiles/test-utils';
import { mergeTileLayers } from './merge-tile-layers';

const tileWith = (layer: string, x: number) =>
  gzip(
    encodeMvt([
      { name: layer, features: [{ type: MVT_POINT, geometry: [[x, 7]], properties: { layer } }] },
    ]).slice(),
  );

describe('mergeTileLayers', () => {
  it('gives each tile id the layers of every set that has it, decodable by the site’s reader', () => {
    const land = new Map([
      [3, tileWith('land', 1)],
      [1, tileWith('land', 2)],
    ]);
    const borders = new Map([[3, tileWith('borders', 5)]]);
    const merged = mergeTileLayers([land, borders]);
    expect([...merged.keys()]).toEqual([1, 3]);
    const both = decodeTile(merged.get(3)!);
    expect(Object.keys(both.layers).sort()).toEqual(['borders', 'land']);
    expect(both.layers.land!.feature(0).loadGeometry()[0]![0]).toMatchObject({ x: 1, y: 7 });
    expect(both.layers.borders!.feature(0).properties).toEqual({ layer: 'borders' });
    // A tile only one set has is passed on unchanged.
    expect(merged.get(1)).toBe(land.get(1));
  });

  it('refuses a tile that is not gzipped', () => {
    expect(() => mergeTileLayers([new Map([[9, new Uint8Array(20)]])])).toThrow(
      /tile 9 is not gzip-compressed/,
    );
  });
});
