import { describe, expect, it } from 'vitest';
import { PbfWriter } from 'pbf';
import {
  MVT_LINESTRING,
  MVT_POINT,
  MVT_POLYGON,
  MvtLayerWriter,
  encodeMvt,
  signedArea,
  takeBytes,
  type MvtFeature,
} from './mvt-encode';
import { decodeTile } from './test-utils';

/** Flattens decoded rings for comparison. */
function rings(feature: { loadGeometry(): { x: number; y: number }[][] }): number[][] {
  return feature.loadGeometry().map((ring) => ring.flatMap((p) => [p.x, p.y]));
}

describe('encodeMvt', () => {
  it('writes typed properties that the vector-tile reader reads back', () => {
    const properties = {
      name: '<b>楼</b> & "quotes"',
      city: '上海',
      households: 1200,
      negative: -35,
      big: 2 ** 40,
      ratio: 0.125,
      tiny: 1e-7,
      lc5_met: true,
      is_synthetic: false,
      missing: null,
      absent: undefined,
      items: ['roof', 'pipes'],
      empty: '',
    };
    const tile = decodeTile(
      encodeMvt([
        { name: 'communities', features: [{ type: MVT_POINT, geometry: [[100, 200]], properties, id: 42 }] },
      ]),
    );
    const layer = tile.layers.communities!;
    expect(layer.version).toBe(2);
    expect(layer.extent).toBe(4096);
    expect(layer.length).toBe(1);
    const feature = layer.feature(0);
    expect(feature.id).toBe(42);
    expect(feature.type).toBe(1);
    // Strings, numbers and booleans come back as written, null and undefined not at all, and a
    // list as its JSON text.
    const { missing: _missing, absent: _absent, items: _items, ...asWritten } = properties;
    expect(feature.properties).toEqual({ ...asWritten, items: '["roof","pipes"]' });
    expect(rings(feature)).toEqual([[100, 200]]);
  });

  it('shares keys and values between features of a layer', () => {
    const features: MvtFeature[] = [1, 2, 3].map((i) => ({
      type: MVT_POINT,
      geometry: [[i, i]],
      properties: { stage: '施工中', n: i % 2, flag: true },
    }));
    const bytes = encodeMvt([{ name: 'l', features }]);
    // Each distinct string is stored once, however many features use it.
    const text = new TextDecoder().decode(bytes);
    expect(text.split('施工中').length - 1).toBe(1);
    expect(text.split('stage').length - 1).toBe(1);
    const layer = decodeTile(bytes).layers.l!;
    expect([0, 1, 2].map((i) => layer.feature(i).properties)).toEqual([
      { stage: '施工中', n: 1, flag: true },
      { stage: '施工中', n: 0, flag: true },
      { stage: '施工中', n: 1, flag: true },
    ]);
  });

  it('keeps 1, "1" and true apart', () => {
    const layer = decodeTile(
      encodeMvt([
        {
          name: 'l',
          features: [{ type: MVT_POINT, geometry: [[0, 0]], properties: { a: 1, b: '1', c: true } }],
        },
      ]),
    ).layers.l!;
    expect(layer.feature(0).properties).toEqual({ a: 1, b: '1', c: true });
  });

  it('writes multipoints, lines and polygons with holes', () => {
    const outer = [0, 0, 100, 0, 100, 100, 0, 100, 0, 0]; // clockwise on screen (y down), closed
    const hole = [20, 20, 20, 80, 80, 80, 80, 20]; // counter-clockwise, not closed
    const second = [200, 200, 300, 200, 300, 300, 200, 300];
    expect(signedArea(outer)).toBeGreaterThan(0);
    expect(signedArea(hole)).toBeLessThan(0);
    const tile = decodeTile(
      encodeMvt([
        {
          name: 'shapes',
          features: [
            { type: MVT_POINT, geometry: [[1, 2, 3, 4]], properties: { kind: 'multipoint' } },
            {
              type: MVT_LINESTRING,
              geometry: [
                [0, 0, 10, 0, 10, 0, 10, 10],
                [50, 50, 60, 60],
              ],
              properties: { kind: 'line' },
            },
            { type: MVT_POLYGON, geometry: [outer, hole, second], properties: { kind: 'polygon' } },
          ],
        },
      ]),
    );
    const layer = tile.layers.shapes!;
    expect(layer.length).toBe(3);
    expect(rings(layer.feature(0))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(layer.feature(0).toGeoJSON(0, 0, 0).geometry.type).toBe('MultiPoint');
    // The repeated vertex is dropped.
    expect(rings(layer.feature(1))).toEqual([
      [0, 0, 10, 0, 10, 10],
      [50, 50, 60, 60],
    ]);
    expect(layer.feature(1).toGeoJSON(0, 0, 0).geometry.type).toBe('MultiLineString');
    const polygon = layer.feature(2);
    expect(polygon.type).toBe(3);
    const decoded = rings(polygon);
    // Readers get each ring closed; the spec's winding survives.
    expect(decoded[0]).toEqual([0, 0, 100, 0, 100, 100, 0, 100, 0, 0]);
    expect(decoded[1]).toEqual([20, 20, 20, 80, 80, 80, 80, 20, 20, 20]);
    expect(decoded.map((r) => Math.sign(signedArea(r)))).toEqual([1, -1, 1]);
    const geometry = polygon.toGeoJSON(0, 0, 0).geometry;
    expect(geometry.type).toBe('MultiPolygon');
    if (geometry.type === 'MultiPolygon') expect(geometry.coordinates.map((p) => p.length)).toEqual([2, 1]);
  });

  it('drops rings and features that collapse', () => {
    const tile = decodeTile(
      encodeMvt([
        {
          name: 'l',
          features: [
            { type: MVT_POLYGON, geometry: [[5, 5, 5, 5, 5, 5, 5, 5]], properties: { kind: 'collapsed' } },
            {
              type: MVT_POLYGON,
              geometry: [
                [0, 0, 1, 0, 1, 0], // a sliver outer ring
                [10, 10, 20, 10, 20, 20, 10, 20],
                [12, 12, 12, 12, 15, 15], // a hole flattened to a segment
              ],
              properties: { kind: 'kept' },
            },
            { type: MVT_LINESTRING, geometry: [[7, 7, 7, 7]], properties: { kind: 'dot line' } },
          ],
        },
      ]),
    );
    const layer = tile.layers.l!;
    expect(layer.length).toBe(1);
    expect(layer.feature(0).properties.kind).toBe('kept');
    expect(rings(layer.feature(0))).toEqual([[10, 10, 20, 10, 20, 20, 10, 20, 10, 10]]);
  });

  it('writes several layers and skips empty ones', () => {
    const tile = decodeTile(
      encodeMvt([
        { name: 'a', features: [{ type: MVT_POINT, geometry: [[1, 1]] }] },
        { name: 'empty', features: [] },
        { name: 'b', features: [{ type: MVT_POINT, geometry: [[2, 2]], properties: {} }], extent: 512 },
      ]),
    );
    expect(Object.keys(tile.layers)).toEqual(['a', 'b']);
    expect(tile.layers.b!.extent).toBe(512);
    expect(tile.layers.a!.feature(0).properties).toEqual({});
  });

  it('writes long features whose lengths need several bytes', () => {
    const line = Array.from({ length: 2000 }, (_, i) => (i % 2 ? i * 3 : i * 2));
    const layer = decodeTile(
      encodeMvt([
        {
          name: 'l',
          features: [{ type: MVT_LINESTRING, geometry: [line], properties: { note: '长'.repeat(300) } }],
        },
      ]),
    ).layers.l!;
    expect(rings(layer.feature(0))).toEqual([line]);
    expect(layer.feature(0).properties.note).toBe('长'.repeat(300));
  });
});

describe('MvtLayerWriter', () => {
  it('writes pair by pair the same tile encodeMvt writes from objects, collapsed features dropped', () => {
    const features: MvtFeature[] = [
      { type: MVT_LINESTRING, geometry: [[0, 0, 10, 10]], properties: { class: 'major', acc: 120 }, id: 3 },
      // Both vertices round to the same unit: dropped, though its keys stay in the tables.
      { type: MVT_LINESTRING, geometry: [[5.1, 5.1, 5.2, 5.2]], properties: { name: '芙蓉路' }, id: 4 },
      { type: MVT_LINESTRING, geometry: [[1, 1, 2, 2]], properties: { class: 'path', gone: null }, id: 5 },
    ];
    const expected = Buffer.from(encodeMvt([{ name: 'streets', features }]));
    const pbf = new PbfWriter();
    const writer = new MvtLayerWriter(pbf);
    writer.beginLayer('streets');
    const kept = features.map((f) => {
      writer.beginFeature(f.id);
      for (const [key, value] of Object.entries(f.properties!)) writer.property(key, value);
      return writer.endFeature(f.type, f.geometry);
    });
    writer.endLayer();
    expect(kept).toEqual([true, false, true]);
    expect(Buffer.from(takeBytes(pbf)).equals(expected)).toBe(true);
    const layer = decodeTile(expected).layers.streets!;
    expect(layer.length).toBe(2);
    expect(layer.feature(1).properties).toEqual({ class: 'path' });
  });
});
