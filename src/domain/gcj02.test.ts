import fc from 'fast-check';
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02';

/** Longitudes and latitudes over China's box and a margin around it (where no offset applies). */
const lng = fc.double({ min: 60, max: 150, noNaN: true });
const lat = fc.double({ min: -5, max: 65, noNaN: true });

describe('GCJ-02', () => {
  it('moves positions exactly as gcoord does, both ways', () => {
    // The build converts tiles through this module and reads ledger rows through gcoord: any
    // difference, even in the last bit, would draw the two a hair apart.
    fc.assert(
      fc.property(lng, lat, (x, y) => {
        expect(wgs84ToGcj02(x, y)).toEqual(gcoord.transform([x, y], gcoord.WGS84, gcoord.GCJ02));
        expect(gcj02ToWgs84(x, y)).toEqual(gcoord.transform([x, y], gcoord.GCJ02, gcoord.WGS84));
      }),
      { numRuns: 2000 },
    );
  });

  it('offsets a position in China by hundreds of metres and leaves one outside as it is', () => {
    const [gLng, gLat] = wgs84ToGcj02(116.397, 39.909);
    // Tiananmen: GCJ-02 lies about 0.006° east and 0.0014° north of WGS84.
    expect(gLng - 116.397).toBeCloseTo(0.00624, 4);
    expect(gLat - 39.909).toBeCloseTo(0.0014, 3);
    expect(wgs84ToGcj02(2.35, 48.86)).toEqual([2.35, 48.86]);
    expect(gcj02ToWgs84(-74, 40.7)).toEqual([-74, 40.7]);
  });

  it('inverts its own offset to within a tenth of a metre', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 73, max: 135, noNaN: true }),
        fc.double({ min: 18, max: 53, noNaN: true }),
        (x, y) => {
          const [bx, by] = gcj02ToWgs84(...wgs84ToGcj02(x, y));
          expect(Math.abs(bx - x)).toBeLessThan(2e-6);
          expect(Math.abs(by - y)).toBeLessThan(2e-6);
        },
      ),
    );
  });
});
