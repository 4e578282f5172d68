import { describe, expect, it } from 'vitest';
import { writeShp } from '../../../fixtures/make-reader-fixtures';
import { writePolylineShp } from '../../../fixtures/roads/polyline-shapefile';
import { InputError } from '../../table';
import { readShpLines } from './shp-lines';

describe('readShpLines', () => {
  it.each([3, 13, 23] as const)('reads the parts of shape type %i, and null shapes', (type) => {
    const { shp } = writePolylineShp(
      [
        [
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8],
            [9, 10],
          ],
        ],
        null,
        [
          [
            [11, 12],
            [13, 14],
          ],
        ],
      ],
      type,
    );
    expect(readShpLines('r.zip', shp)).toEqual([
      [new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8, 9, 10])],
      null,
      [new Float64Array([11, 12, 13, 14])],
    ]);
  });

  it('refuses a layer of polygons, naming the shape type', () => {
    const { shp } = writeShp([
      [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    ]);
    expect(() => readShpLines('r.zip', shp)).toThrow(InputError);
    expect(() => readShpLines('r.zip', shp)).toThrow(
      /^r\.zip: the shapefile holds Polygon shapes; roads must be polylines/,
    );
  });

  it('refuses bytes that are no shapefile, a truncated file and a record whose counts run past it', () => {
    expect(() => readShpLines('r.zip', new Uint8Array(100))).toThrow(/not a shapefile \(bad file code\)/);
    const { shp } = writePolylineShp([
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ]);
    expect(() => readShpLines('r.zip', shp.slice(0, shp.length - 8))).toThrow(/the \.shp is truncated/);
    const damaged = shp.slice();
    new DataView(damaged.buffer).setInt32(108 + 40, 1_000_000, true); // numPoints of record 1
    expect(() => readShpLines('r.zip', damaged)).toThrow(/shape 1 in the \.shp is damaged/);
  });
});
