import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../../fixtures/gbk-encode';
import { feature, featureCollection, rawZip } from '../../fixtures/make-bad-fixtures';
import { writeDbf, writeShp } from '../../fixtures/make-reader-fixtures';
import { InputError } from '../table';
import { checkPrj, levelFromCode, readBoundaries, readDbf, readShp } from './boundaries';

const zipFixture = () =>
  readFileSync(new URL('../../../tests/fixtures/readers/streets-shp.zip', import.meta.url));
const utf8 = (text: string) => new TextEncoder().encode(text);
const geojson = (features: unknown[]) => utf8(featureCollection(features));

/** The fixture zip with entries replaced (Uint8Array) or removed (null). */
function patchedZip(changes: Record<string, Uint8Array | null>): Uint8Array {
  const entries = unzipSync(zipFixture());
  for (const [name, bytes] of Object.entries(changes)) {
    if (bytes === null) delete entries[name];
    else entries[name] = bytes;
  }
  return zipSync(entries);
}

/** Twice the signed area, positive counter-clockwise. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++)
    sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum;
}

describe('readBoundaries: zipped shapefile', () => {
  it('reads polygons with GBK attributes declared by the .cpg, mapping 名称 and ADCODE', () => {
    const { features } = readBoundaries('streets.zip', zipFixture());
    expect(features.map((f) => f.properties)).toEqual([
      { name: '和平里街道', code: '110101002000', level: 'street' },
      { name: '东四街道', code: '110101003000', level: 'street' },
    ]);
  });

  it('groups rings by winding and rewinds them to RFC 7946: outer counter-clockwise, holes clockwise', () => {
    const [withHole, twoParts] = readBoundaries('streets.zip', zipFixture()).features;
    expect(withHole?.geometry.type).toBe('Polygon');
    const rings = withHole?.geometry.coordinates as Position[][];
    expect(rings).toHaveLength(2);
    expect(signedArea(rings[0]!)).toBeGreaterThan(0);
    expect(signedArea(rings[1]!)).toBeLessThan(0);
    expect(rings[0]![0]).toEqual(rings[0]![rings[0]!.length - 1]);
    expect(twoParts?.geometry.type).toBe('MultiPolygon');
    expect((twoParts?.geometry.coordinates as Position[][][]).map((p) => p.length)).toEqual([1, 1]);
  });

  it('detects GBK in a .dbf without a .cpg', () => {
    const { features } = readBoundaries('streets.zip', patchedZip({ 'streets.cpg': null }));
    expect(features[0]?.properties.name).toBe('和平里街道');
  });

  it('reads a UTF-8 .dbf without a .cpg as UTF-8', () => {
    const dbf = writeDbf([{ name: 'NAME', type: 'C', length: 30 }], [['和平里街道'], ['东四街道']], utf8);
    const { features } = readBoundaries('s.zip', patchedZip({ 'streets.cpg': null, 'streets.dbf': dbf }));
    expect(features.map((f) => f.properties.name)).toEqual(['和平里街道', '东四街道']);
  });

  it('rejects a projected .prj and a geographic .prj on another datum', () => {
    const projected =
      'PROJCS["CGCS2000_3_Degree_GK_CM_117E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",' +
      'DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]]],PROJECTION["Gauss_Kruger"]]';
    expect(() => readBoundaries('s.zip', patchedZip({ 'streets.prj': utf8(projected) }))).toThrow(
      /projected system \(CGCS2000_3_Degree_GK_CM_117E\)/,
    );
    const beijing54 =
      'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]]]';
    expect(() => readBoundaries('s.zip', patchedZip({ 'streets.prj': utf8(beijing54) }))).toThrow(
      /datum is D_Beijing_1954/,
    );
  });

  it('rejects a shapefile that is not polygons, one without .dbf, and zips with no or two layers', () => {
    const shp = unzipSync(zipFixture())['streets.shp']!.slice();
    new DataView(shp.buffer).setInt32(32, 1, true); // file shape type: Point
    expect(() => readBoundaries('s.zip', patchedZip({ 'streets.shp': shp }))).toThrow(/holds Point shapes/);
    expect(() => readBoundaries('s.zip', patchedZip({ 'streets.dbf': null }))).toThrow(/has no \.dbf/);
    expect(() => readBoundaries('s.zip', zipSync({ 'a.txt': utf8('x') }))).toThrow(/no \.shp in the zip/);
    const two = patchedZip({ 'more.shp': unzipSync(zipFixture())['streets.shp']! });
    expect(() => readBoundaries('s.zip', two)).toThrow(/holds 2 shapefiles/);
    expect(() => readBoundaries('s.shp', new Uint8Array())).toThrow(InputError);
  });

  it('rejects a .shp and .dbf that disagree on the record count', () => {
    const dbf = writeDbf([{ name: 'NAME', type: 'C', length: 10 }], [['a']], utf8);
    expect(() => readBoundaries('s.zip', patchedZip({ 'streets.dbf': dbf }))).toThrow(
      /2 shapes but the \.dbf 1/,
    );
  });

  it('rejects projected coordinates when there is no .prj', () => {
    const { shp } = writeShp([
      [
        [
          [500000, 4400000],
          [500000, 4401000],
          [501000, 4401000],
          [500000, 4400000],
        ],
      ],
    ]);
    const dbf = writeDbf([{ name: 'NAME', type: 'C', length: 10 }], [['a']], utf8);
    const zip = zipSync({ 'p.shp': shp, 'p.dbf': dbf });
    expect(() => readBoundaries('p.zip', zip)).toThrow(/not longitude\/latitude/);
  });
});

describe('readBoundaries: hostile zips', () => {
  const layer = () => unzipSync(zipFixture());
  const MiB = 1024 * 1024;

  it('inflates only the layer: a member declaring 4 GB beside it is never read', () => {
    const { 'streets.shp': shp, 'streets.dbf': dbf, 'streets.cpg': cpg } = layer();
    const zip = rawZip([
      { name: 'streets.shp', content: shp! },
      { name: 'streets.dbf', content: dbf! },
      { name: 'streets.cpg', content: cpg! },
      { name: 'backup.bin', content: new Uint8Array(MiB), declaredSize: 0xfffffff0 },
    ]);
    expect(readBoundaries('s.zip', zip).features.map((f) => f.properties.name)).toEqual([
      '和平里街道',
      '东四街道',
    ]);
  });

  it('refuses a layer member that would inflate too far, before or while inflating', () => {
    const { 'streets.shp': shp, 'streets.dbf': dbf } = layer();
    const padded = new Uint8Array(2 * MiB);
    padded.set(dbf!);
    const honest = rawZip([
      { name: 'streets.shp', content: shp! },
      { name: 'streets.dbf', content: padded },
    ]);
    // The limits are injectable: a 2 MB member is refused by a 1 MB floor and a 50:1 ratio.
    const zipLimits = {
      maxMemberBytes: 64 * MiB,
      maxTotalBytes: 64 * MiB,
      maxRatio: 50,
      ratioFloorBytes: MiB,
    };
    expect(() => readBoundaries('s.zip', honest, { zipLimits })).toThrow(
      /^s\.zip: member "streets\.dbf" declares 2 MB from [\d.]+ KB \([\d,]+:1, more than 50:1\): refusing a possible zip bomb$/,
    );
    expect(() => readBoundaries('s.zip', honest)).not.toThrow(/zip bomb/); // real limits: 2 MB is fine
    const lying = rawZip([
      { name: 'streets.shp', content: shp! },
      { name: 'streets.dbf', content: padded, declaredSize: dbf!.length },
    ]);
    expect(() => readBoundaries('s.zip', lying)).toThrow(
      `s.zip: member "streets.dbf" inflates to more than the ${dbf!.length} bytes it declares: refusing a possible zip bomb`,
    );
  });

  it('refuses a .shp record whose counts run past it and a .dbf claiming four billion records', () => {
    const shp = layer()['streets.shp']!.slice();
    new DataView(shp.buffer).setInt32(100 + 8 + 40, 0x7fffffff, true); // numPoints of shape 1
    expect(() => readShp('s.shp', shp)).toThrow('s.shp: shape 1 in the .shp is damaged');
    const negative = layer()['streets.shp']!.slice();
    new DataView(negative.buffer).setInt32(100 + 4, -2, false); // content length of shape 1
    expect(() => readShp('s.shp', negative)).toThrow('s.shp: shape 1 in the .shp is damaged');
    const dbf = layer()['streets.dbf']!.slice();
    new DataView(dbf.buffer).setUint32(4, 0xffffffff, true);
    expect(() => readDbf('s.dbf', dbf)).toThrow('s.dbf: the .dbf is truncated');
  });
});

describe('readBoundaries: a ring of 150,000 vertices', () => {
  const n = 150_000;
  /** A circle of n vertices around Xiangtan, closed, counter-clockwise. */
  const ring = (): [number, number][] => {
    const points: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      points.push([112.9 + 0.05 * Math.cos(a), 27.86 + 0.05 * Math.sin(a)]);
    }
    points.push(points[0]!);
    return points;
  };

  it('reads it from GeoJSON without overflowing the stack', () => {
    const { features } = readBoundaries(
      'b.geojson',
      geojson([feature({ name: '雨湖区' }, 'Polygon', [ring()])]),
    );
    expect((features[0]!.geometry.coordinates as Position[][])[0]).toHaveLength(n + 1);
  });

  it('reads it from a zipped shapefile', () => {
    const { shp } = writeShp([[ring().reverse()]]); // shapefile outer rings run clockwise
    const dbf = writeDbf([{ name: 'NAME', type: 'C', length: 10 }], [['雨湖区']], utf8);
    const { features } = readBoundaries('b.zip', zipSync({ 'b.shp': shp, 'b.dbf': dbf }));
    const outer = (features[0]!.geometry.coordinates as Position[][])[0]!;
    expect(outer).toHaveLength(n + 1);
    expect(signedArea(outer)).toBeGreaterThan(0);
  });

  it('reports a bad position deep in it by feature', () => {
    const points = ring();
    points[120_000] = [500000, 3080000];
    expect(() =>
      readBoundaries('b.geojson', geojson([feature({ name: '雨湖区' }, 'Polygon', [points])])),
    ).toThrow(
      /^b\.geojson: feature 1 has coordinate \(500000, 3080000\), not longitude\/latitude in degrees/,
    );
  });
});

describe('readShp', () => {
  // Closed rectangle rings. In a shapefile outer rings wind clockwise and holes counter-clockwise.
  const clockwise = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
    [x0, y0],
    [x0, y1],
    [x1, y1],
    [x1, y0],
    [x0, y0],
  ];
  const counterClockwise = (x0: number, y0: number, x1: number, y1: number) =>
    clockwise(x0, y0, x1, y1).reverse();

  it('treats rings that all wind counter-clockwise as separate outer rings', () => {
    const [geometry] = readShp(
      'x.shp',
      writeShp([[counterClockwise(0, 0, 1, 1), counterClockwise(2, 0, 3, 1)]]).shp,
    );
    expect(geometry?.type).toBe('MultiPolygon');
  });

  it('puts a hole into the smallest outer ring containing it', () => {
    const big = clockwise(0, 0, 10, 10);
    const small = clockwise(20, 0, 24, 4);
    const hole = counterClockwise(21, 1, 23, 3);
    const [geometry] = readShp('x.shp', writeShp([[big, small, hole]]).shp);
    expect(geometry?.type).toBe('MultiPolygon');
    const polygons = geometry?.coordinates as Position[][][];
    expect(polygons.map((p) => p.length)).toEqual([1, 2]);
    expect(polygons[1]![1]![0]).toEqual([21, 1]);
  });
});

describe('readDbf', () => {
  it('reads text, numbers and blanks, with a GBK field name', () => {
    const dbf = writeDbf(
      [
        { name: '名称', type: 'C', length: 20 },
        { name: 'POP', type: 'N', length: 8, decimals: 1 },
      ],
      [
        ['社区甲', 1234.5],
        ['', null],
      ],
      encodeGbk,
    );
    expect(readDbf('x.dbf', dbf, 'GBK')).toEqual([
      { 名称: '社区甲', POP: 1234.5 },
      { 名称: null, POP: null },
    ]);
  });
});

describe('readBoundaries: GeoJSON', () => {
  const square = [
    [
      [116.4, 39.9],
      [116.5, 39.9],
      [116.5, 40],
      [116.4, 39.9],
    ],
  ];

  it('maps NAME / adcode / Chinese level words, and infers the level from a code', () => {
    const bytes = geojson([
      feature({ NAME: '东城区', adcode: 110101, level: '区县' }, 'Polygon', square),
      feature({ NAME: '和平里社区', adcode: '110101002001' }, 'MultiPolygon', [square]),
      feature({ NAME: '北京市', adcode: '110000', level: 'province' }, 'Polygon', square),
    ]);
    expect(readBoundaries('b.geojson', bytes).features.map((f) => f.properties)).toEqual([
      { name: '东城区', code: '110101', level: 'district' },
      { name: '和平里社区', code: '110101002001', level: 'community' },
      { name: '北京市', code: '110000' },
    ]);
  });

  it('accepts a single Feature and 名称 as the name', () => {
    const bytes = utf8(JSON.stringify(feature({ 名称: '东四街道', 级别: '街道' }, 'Polygon', square)));
    expect(readBoundaries('b.json', bytes).features[0]?.properties).toEqual({
      name: '东四街道',
      level: 'street',
    });
  });

  it('rejects non-polygon features, projected coordinates and a missing name property', () => {
    const line = geojson([
      feature({ name: 'x' }, 'LineString', [
        [116, 39],
        [117, 40],
      ]),
    ]);
    expect(() => readBoundaries('b.geojson', line)).toThrow(/feature 1 is a LineString/);
    const projected = geojson([
      feature({ name: 'x' }, 'Polygon', [
        [
          [12950000, 4850000],
          [12960000, 4850000],
          [12950000, 4860000],
          [12950000, 4850000],
        ],
      ]),
    ]);
    expect(() => readBoundaries('b.geojson', projected)).toThrow(/not longitude\/latitude/);
    const nameless = geojson([feature({ id: 1 }, 'Polygon', square)]);
    expect(() => readBoundaries('b.geojson', nameless)).toThrow(/no name property.*found: id/);
    expect(() => readBoundaries('b.geojson', utf8('{"type":"Polygon"}'))).toThrow(
      /FeatureCollection or Feature/,
    );
  });

  it('rejects malformed geometries by feature number, and bad JSON by line and column', () => {
    const textual = geojson([feature({ name: 'x' }, 'Polygon', [['116,39']])]);
    expect(() => readBoundaries('b.geojson', textual)).toThrow(
      'b.geojson: feature 1 has malformed coordinates: found string where an array belongs (a Polygon is an array ' +
        'of rings, each an array of [longitude, latitude] positions)',
    );
    const shallow = geojson([feature({ name: 'x' }, 'MultiPolygon', square)]);
    expect(() => readBoundaries('b.geojson', shallow)).toThrow(
      /feature 1 has malformed coordinates: found number/,
    );
    const stringGeometry = geojson([{ type: 'Feature', properties: { name: 'x' }, geometry: 'Polygon' }]);
    expect(() => readBoundaries('b.geojson', stringGeometry)).toThrow(
      'b.geojson: feature 1 is not a GeoJSON geometry; boundaries must be Polygon or MultiPolygon',
    );
    expect(() => readBoundaries('b.geojson', utf8('{"type": "FeatureCollection",\n "features": [}'))).toThrow(
      'b.geojson: not valid JSON at line 2 column 15: expected a value, found "}"',
    );
  });
});

describe('checkPrj', () => {
  it('accepts geographic WGS84 and CGCS2000 in WKT 1 and WKT 2', () => {
    expect(() =>
      checkPrj('p', 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]]]'),
    ).not.toThrow();
    expect(() =>
      checkPrj('p', 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000"]]'),
    ).not.toThrow();
    expect(() =>
      checkPrj(
        'p',
        'GEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101]]]',
      ),
    ).not.toThrow();
  });

  it('rejects Xian 1980 and WKT 2 projected systems', () => {
    expect(() => checkPrj('p', 'GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980"]]')).toThrow(/Xian_1980/);
    expect(() => checkPrj('p', 'PROJCRS["WGS 84 / Pseudo-Mercator",BASEGEOGCRS["WGS 84"]]')).toThrow(
      /projected/,
    );
  });
});

describe('levelFromCode', () => {
  it.each([
    ['110101', 'district'],
    ['110101002', 'street'],
    ['110101002000', 'street'],
    ['110101002001', 'community'],
    ['110100', undefined], // a city
    ['1101', undefined],
  ])('reads the level of the 6-, 9- or 12-digit division code %s as %s', (code, level) => {
    expect(levelFromCode(code)).toBe(level);
  });
});
