import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { writeShp } from '../../../fixtures/make-reader-fixtures';
import {
  CGCS2000_GK_CM_114E_PRJ,
  WGS84_PRJ,
  zippedPolylineShapefile,
  type PolylineLayer,
  type Vertex,
} from '../../../fixtures/roads/polyline-shapefile';
import { InputError } from '../../table';
import { readShapefileRoads } from './shapefile-roads';

/** Metres between two nearby lng/lat points (local flat approximation). */
function metres(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const r = 6_371_008.8;
  return Math.hypot((lng2 - lng1) * rad * r * Math.cos(((lat1 + lat2) / 2) * rad), (lat2 - lat1) * rad * r);
}

const NAME_AND_CLASS = [
  { name: 'NAME', type: 'C', length: 30 },
  { name: '道路等级', type: 'C', length: 10 },
] as PolylineLayer['fields'];

const road = (parts: Vertex[][] | null, name: string | null, roadClass: string | null) => ({
  parts,
  values: [name, roadClass],
});

describe('readShapefileRoads: a CGCS2000 3-degree Gauss-Kruger layer', () => {
  // PROJ's published control values (see road-crs.test.ts for the sources and the arithmetic):
  // in EPSG:4547, 116°E 1°N is E 722650.796795778 N 110642.229411927, and 117°E 55°N is
  // E 500000 + 191875.63214 / 0.9996, N 6098907.82501 / 0.9996. Both lie outside China, so the
  // China check is turned off for this test only.
  const P1: Vertex = [722_650.796795778, 110_642.229411927];
  const P2: Vertex = [500_000 + 191_875.63214 / 0.9996, 6_098_907.82501 / 0.9996];

  it('reprojects the vertices to the published longitude/latitude within 1 cm', () => {
    const zip = zippedPolylineShapefile({
      fields: NAME_AND_CLASS,
      records: [road([[P1, P2]], '测试路', '支路')],
      prj: CGCS2000_GK_CM_114E_PRJ,
    });
    const read = readShapefileRoads('gk.zip', zip, { checkPoint: () => null });
    expect(read.crs).toBe('EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E)');
    expect(read.lines).toHaveLength(1);
    const [lng1, lat1, lng2, lat2] = read.lines[0]!.coords;
    expect(metres(lng1!, lat1!, 116, 1)).toBeLessThan(0.01);
    expect(metres(lng2!, lat2!, 117, 55)).toBeLessThan(0.01);
    expect(read.lines[0]).toMatchObject({ roadClass: 'minor', name: '测试路' });
  });

  it('reads the zone-numbered zone 38 (EPSG:4526) with the zone in front of the easting', () => {
    const prj = CGCS2000_GK_CM_114E_PRJ.replace('GK_CM_114E', 'GK_Zone_38').replace(
      '"False_Easting",500000.0',
      '"False_Easting",38500000.0',
    );
    const shifted = [P1, P2].map(([e, n]) => [e + 38_000_000, n] as const);
    const read = readShapefileRoads(
      'gk.zip',
      zippedPolylineShapefile({ fields: NAME_AND_CLASS, records: [road([shifted], null, null)], prj }),
      {
        checkPoint: () => null,
      },
    );
    expect(read.crs).toBe('EPSG:4526 (CGCS2000 / 3-degree Gauss-Kruger zone 38)');
    const [lng1, lat1] = read.lines[0]!.coords;
    expect(metres(lng1!, lat1!, 116, 1)).toBeLessThan(0.01);
  });

  it('rejects, with the hint, eastings that carry a zone number the .prj does not expect', () => {
    // Around Wuhan (114.3°E 30.6°N) with "38" in front, in a layer declared as EPSG:4547.
    const zip = zippedPolylineShapefile({
      fields: NAME_AND_CLASS,
      records: [
        road(
          [
            [
              [38_528_770, 3_386_666],
              [38_528_900, 3_386_700],
            ],
          ],
          null,
          null,
        ),
      ],
      prj: CGCS2000_GK_CM_114E_PRJ,
    });
    const read = readShapefileRoads('gk.zip', zip);
    expect(read.lines).toEqual([]);
    expect(read.rejected).toEqual([
      {
        feature: 1,
        column: '',
        value: '38528770, 3386666',
        reason: expect.stringMatching(/zone number 38.*EPSG:4526/),
      },
    ]);
  });
});

describe('readShapefileRoads: attributes, parts and rejected records', () => {
  const layer = (overrides: Partial<PolylineLayer> = {}): Uint8Array =>
    zippedPolylineShapefile({
      fields: NAME_AND_CLASS,
      records: [
        road(
          [
            [
              [114.3, 30.59],
              [114.31, 30.59],
            ],
            [
              [114.31, 30.59],
              [114.32, 30.6],
            ],
          ],
          '解放大道',
          '主干路',
        ),
        road(null, '空记录', '支路'),
        road(
          [
            [
              [114.3, 30.59],
              [2.35, 48.85],
            ],
          ],
          '巴黎路',
          '支路',
        ),
        road(
          [
            [
              [114.2, 30.5],
              [114.3, 30.5],
            ],
          ],
          '京港澳高速',
          '高速公路',
        ),
        road(
          [
            [
              [114.3, 30.59],
              [114.3, 30.6],
            ],
          ],
          '江滩步道',
          '人行道',
        ),
      ],
      prj: WGS84_PRJ,
      ...overrides,
    });

  it('makes a line per part, reads GBK names and classes, and makes the counts add up', () => {
    const read = readShapefileRoads('roads.zip', layer());
    expect(read.crs).toBe('WGS84');
    expect(read.lines.map((l) => [l.name, l.roadClass, [...l.coords]])).toEqual([
      ['解放大道', 'major', [114.3, 30.59, 114.31, 30.59]],
      ['解放大道', 'major', [114.31, 30.59, 114.32, 30.6]],
      ['江滩步道', 'path', [114.3, 30.59, 114.3, 30.6]],
    ]);
    expect(read.rejected).toEqual([
      { feature: 2, column: '', value: 'null shape', reason: 'no geometry' },
      { feature: 3, column: '', value: '2.35, 48.85', reason: "vertex 2: outside China's extent" },
    ]);
    expect(read.filtered).toBe(1);
    expect(read.featuresRead).toBe(5);
    expect(2 + read.filtered + read.rejected.length).toBe(read.featuresRead);
  });

  it('reads a UTF-8 .dbf without a .cpg, and PolyLineZ records', () => {
    // In UTF-8 道路等级 is 12 bytes, past the 10 a .dbf field name holds, and 高速公路 12: an
    // ASCII name and a wider field instead.
    const fields = [NAME_AND_CLASS[0]!, { name: 'CLASS', type: 'C', length: 16 }] as PolylineLayer['fields'];
    const read = readShapefileRoads('roads.zip', layer({ fields, encoding: 'utf-8', cpg: false, type: 13 }));
    expect(read.lines.map((l) => [l.name, l.roadClass])).toEqual([
      ['解放大道', 'major'],
      ['解放大道', 'major'],
      ['江滩步道', 'path'],
    ]);
  });

  it('asks for the .prj or --roads-crs when the layer has no .prj, and takes --roads-crs', () => {
    const noPrj = layer({ prj: undefined });
    expect(() => readShapefileRoads('roads.zip', noPrj)).toThrow(InputError);
    expect(() => readShapefileRoads('roads.zip', noPrj)).toThrow(
      /^roads\.zip: roads\.shp has no \.prj, so what its coordinates are is unknown: .*--roads-crs WGS84\|CGCS2000\|GCJ-02\|BD-09/,
    );
    const gcj = readShapefileRoads('roads.zip', noPrj, { crs: 'GCJ-02' });
    expect(gcj.crs).toBe('GCJ-02');
    expect(gcj.lines[0]!.coords[0]).not.toBe(114.3);
    expect(Math.abs(gcj.lines[0]!.coords[0]! - 114.3)).toBeLessThan(0.01);
  });

  it('refuses --roads-crs beside a projected .prj', () => {
    expect(() =>
      readShapefileRoads('roads.zip', layer({ prj: CGCS2000_GK_CM_114E_PRJ }), { crs: 'WGS84' }),
    ).toThrow(/the \.prj declares EPSG:4547 .* but --roads-crs says WGS84/);
  });
});

describe('readShapefileRoads: files that are not one polyline layer', () => {
  // The one record of the layer the cases below damage, one way each.
  const roadA = road(
    [
      [
        [114.3, 30.5],
        [114.4, 30.5],
      ],
    ],
    'a',
    null,
  );
  const base = () =>
    unzipSync(
      zippedPolylineShapefile({
        fields: NAME_AND_CLASS,
        records: [roadA],
        prj: WGS84_PRJ,
      }),
    );

  it('names what is wrong with the zip', () => {
    expect(() => readShapefileRoads('r.zip', new TextEncoder().encode('not a zip'))).toThrow(
      /^r\.zip: not a readable zip/,
    );
    expect(() => readShapefileRoads('r.zip', zipSync({ 'a.txt': new Uint8Array(1) }))).toThrow(
      /^r\.zip: no \.shp in the zip \(found: a\.txt\)/,
    );
    const two = base();
    two['more.shp'] = two['roads.shp']!;
    expect(() => readShapefileRoads('r.zip', zipSync(two))).toThrow(
      /the zip holds 2 shapefiles \(.*\): zip one road layer per file/,
    );
    const noDbf = base();
    delete noDbf['roads.dbf'];
    expect(() => readShapefileRoads('r.zip', zipSync(noDbf))).toThrow(
      /^r\.zip: roads\.shp has no \.dbf beside it in the zip/,
    );
  });

  it('refuses a polygon layer, a .shp and .dbf that disagree, and a member past the zip limits', () => {
    const polygons = base();
    const square: [number, number][][] = [
      [
        [114, 30],
        [114.1, 30],
        [114.1, 30.1],
        [114, 30],
      ],
    ];
    polygons['roads.shp'] = writeShp([square, square]).shp;
    expect(() => readShapefileRoads('r.zip', zipSync(polygons))).toThrow(
      /holds Polygon shapes; roads must be polylines/,
    );
    const one = base();
    const extra = zippedPolylineShapefile({
      fields: NAME_AND_CLASS,
      records: [roadA, road(null, 'b', null)],
    });
    one['roads.shp'] = unzipSync(extra)['roads.shp']!;
    expect(() => readShapefileRoads('r.zip', zipSync(one))).toThrow(
      /^r\.zip: the \.shp has 2 shapes but the \.dbf 1 records/,
    );
    const limits = { maxMemberBytes: 64, maxTotalBytes: 1e9, maxRatio: 200, ratioFloorBytes: 1e9 };
    expect(() => readShapefileRoads('r.zip', zipSync(base()), { zipLimits: limits })).toThrow(
      /refusing a possible zip bomb/,
    );
  });
});
