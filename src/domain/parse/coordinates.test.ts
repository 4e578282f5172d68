import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { itRejects } from '../test-cases';
import { checkChinaPoint, OUTSIDE_REASON, parseCoordinate, SWAPPED_REASON, toWgs84 } from './coordinates';

/** Great-circle distance in metres. */
function metres(a: readonly number[], b: readonly number[]): number {
  const rad = Math.PI / 180;
  const [lng1 = 0, lat1 = 0] = a;
  const [lng2 = 0, lat2 = 0] = b;
  const h =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

describe('parseCoordinate', () => {
  const dms = (d: number, m = 0, s = 0) => d + m / 60 + s / 3600;
  it.each<[Parameters<typeof parseCoordinate>[0], number]>([
    [112.9384, 112.9384],
    ['112.9384', 112.9384],
    [' 28.2278 ', 28.2278],
    ['１１２．９３８４', 112.9384],
    ['-33.8688', -33.8688],
    ['112.9384°', 112.9384],
    ['112.9384°E', 112.9384],
    ['112°56′30.5″E', dms(112, 56, 30.5)],
    ['112°56\'30.5"E', dms(112, 56, 30.5)],
    ["112°56'30.5''", dms(112, 56, 30.5)],
    ['112º56’30.5”', dms(112, 56, 30.5)],
    ['112度56分30.5秒', dms(112, 56, 30.5)],
    ['东经112度56分30.5秒', dms(112, 56, 30.5)],
    ['北纬28°13′', dms(28, 13)],
    ["N28°13'", dms(28, 13)],
    ["N 28°13'", dms(28, 13)],
    ["28°13.5'N", dms(28, 13.5)],
    ['112 56 30.5', dms(112, 56, 30.5)],
    ['112:56:30.5', dms(112, 56, 30.5)],
    ['112°56′', dms(112, 56)],
    ['112°', 112],
    ["33°52'S", -dms(33, 52)],
    ['W73°59′', -dms(73, 59)],
    ['西经73度59分', -dms(73, 59)],
    ['112d56m30s', dms(112, 56, 30)],
  ])('%j → %d', (input, value) => {
    const r = parseCoordinate(input);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toBeCloseTo(value, 10);
  });

  itRejects(parseCoordinate, [
    ['112.9,28.1', 'comma'],
    ['112°61′', 'not below 60'],
    ['112°56′75″', 'not below 60'],
    ['112.5°30′', 'only the last'],
    ['112°56″', 'minutes given without seconds'],
    ['56′112°', 'out of order'],
    ['abc', 'not a coordinate'],
    ['N112°56′E', 'two hemisphere marks'],
    ['-112°E', 'both a minus sign'],
    ['190', 'beyond ±180°'],
    ['', 'empty'],
    [null, 'empty'],
    [true, 'not a coordinate'],
    [NaN, 'not a number'],
  ]);

  it('checks the axis when told which column it reads', () => {
    expect(parseCoordinate("N28°13'", 'lng')).toEqual({
      ok: false,
      reason: 'marked N/S (a latitude) in the longitude column',
    });
    expect(parseCoordinate('112°56′E', 'lat').ok).toBe(false);
    expect(parseCoordinate('95', 'lat').ok).toBe(false);
    expect(parseCoordinate('95', 'lng').ok).toBe(true);
  });
});

describe('checkChinaPoint', () => {
  it.each<[number, number, string | null]>([
    [112.9384, 28.2278, null], // 长沙
    [116.3975, 39.9087, null], // 北京
    [87.6168, 43.8256, null], // 乌鲁木齐
    [126.6424, 45.757, null], // 哈尔滨
    [109.5119, 18.2528, null], // 三亚
    [28.2278, 112.9384, SWAPPED_REASON],
    [39.9087, 116.3975, SWAPPED_REASON],
    [0, 0, OUTSIDE_REASON],
    [-73.9857, 40.7484, OUTSIDE_REASON], // New York
    [2.3522, 48.8566, OUTSIDE_REASON], // Paris
    [112.9384, 2.2278, OUTSIDE_REASON],
    [1129384, 282278, OUTSIDE_REASON], // decimal point lost
  ])('(%d, %d) → %s', (lng, lat, reason) => {
    expect(checkChinaPoint(lng, lat)).toBe(reason);
  });
});

describe('toWgs84', () => {
  // Published test vectors of eviltransform (github.com/googollee/eviltransform): WGS84 → GCJ-02.
  const EVILTRANSFORM: [string, [number, number], [number, number]][] = [
    ['Shanghai', [121.5272106, 31.1774276], [121.531541859215, 31.17530398364597]],
    ['Shenzhen', [113.912316, 22.543847], [113.9171764808363, 22.540796131694766]],
    ['Beijing', [116.377817, 39.911954], [116.38404722455657, 39.91334545536069]],
  ];
  it.each(EVILTRANSFORM)('GCJ-02 → WGS84 recovers the published %s point within 1 m', (_, wgs, gcj) => {
    const back = toWgs84(gcj[0], gcj[1], 'GCJ-02');
    expect(metres(back, wgs)).toBeLessThan(1);
    // The offset itself is hundreds of metres, so the test would notice a missing conversion.
    expect(metres(gcj, wgs)).toBeGreaterThan(100);
  });

  const CITIES: [number, number][] = [
    [112.9384, 28.2278],
    [116.3975, 39.9087],
    [121.4737, 31.2304],
    [104.0665, 30.5723],
    [87.6168, 43.8256],
    [126.6424, 45.757],
    [109.5119, 18.2528],
    [91.1409, 29.6456],
  ];
  it.each(CITIES)('round trips (%d, %d) through gcoord GCJ-02 and BD-09 within 1 m', (lng, lat) => {
    const gcj = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02);
    expect(metres(toWgs84(gcj[0] ?? 0, gcj[1] ?? 0, 'GCJ-02'), [lng, lat])).toBeLessThan(1);
    const bd = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.BD09);
    expect(metres(toWgs84(bd[0] ?? 0, bd[1] ?? 0, 'BD-09'), [lng, lat])).toBeLessThan(1);
  });

  it('leaves WGS84 and CGCS2000 unchanged', () => {
    expect(toWgs84(112.9384, 28.2278, 'WGS84')).toEqual([112.9384, 28.2278]);
    expect(toWgs84(112.9384, 28.2278, 'CGCS2000')).toEqual([112.9384, 28.2278]);
  });
});
