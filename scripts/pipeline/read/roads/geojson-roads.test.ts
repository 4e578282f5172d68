import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../table';
import { readGeoJsonRoads } from './geojson-roads';

const line = (coordinates: unknown, properties: Record<string, unknown> | null = {}) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'LineString', coordinates },
});
const collection = (features: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'FeatureCollection',
  features,
  ...extra,
});

describe('readGeoJsonRoads', () => {
  it('reads lines and multi-lines, rejects every other feature with its number, and the counts add up', () => {
    const read = readGeoJsonRoads(
      'roads.geojson',
      collection([
        line(
          [
            [114.3, 30.59],
            [114.31, 30.59],
          ],
          { name: '解放大道', 道路等级: '主干路' },
        ),
        {
          type: 'Feature',
          properties: { 名称: '江滩步道', class: '人行道' },
          geometry: {
            type: 'MultiLineString',
            coordinates: [
              [
                [114.3, 30.6],
                [114.3, 30.61],
              ],
              [
                [114.3, 30.61],
                [114.31, 30.62],
              ],
            ],
          },
        },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [114.3, 30.6] } },
        { type: 'Feature', properties: {}, geometry: null },
        line([
          [114.3, 30.6],
          ['114.31', 30.6],
        ]),
        line([
          [528_770.2, 3_386_666.3],
          [528_800, 3_386_700],
        ]),
        line([[114.3, 30.6]]),
        line(
          [
            [114.2, 30.5],
            [114.3, 30.5],
          ],
          { highway: 'motorway' },
        ),
        42,
        line(
          [
            [114.4, 30.5],
            [114.41, 30.5],
          ],
          null,
        ),
      ]),
    );
    expect(read.crs).toBe('WGS84');
    expect(read.lines.map((l) => [l.name, l.roadClass, [...l.coords]])).toEqual([
      ['解放大道', 'major', [114.3, 30.59, 114.31, 30.59]],
      ['江滩步道', 'path', [114.3, 30.6, 114.3, 30.61]],
      ['江滩步道', 'path', [114.3, 30.61, 114.31, 30.62]],
      [undefined, 'minor', [114.4, 30.5, 114.41, 30.5]],
    ]);
    expect(read.rejected).toEqual([
      { feature: 3, column: '', value: 'Point', reason: 'a Point, not a LineString or MultiLineString' },
      { feature: 4, column: '', value: 'null', reason: 'no geometry' },
      {
        feature: 5,
        column: '',
        value: '["114.31",30.6]',
        reason: 'vertex 2 is not a [longitude, latitude] pair of numbers',
      },
      {
        feature: 6,
        column: '',
        value: '528770.2, 3386666.3',
        reason: expect.stringMatching(/^vertex 1 is not longitude\/latitude in degrees/),
      },
      { feature: 7, column: '', value: '1 vertex', reason: 'fewer than 2 vertices' },
      { feature: 9, column: '', value: 'a number', reason: 'not a GeoJSON Feature' },
    ]);
    expect(read.filtered).toBe(1);
    expect(read.featuresRead).toBe(10);
    expect(3 + read.filtered + read.rejected.length).toBe(read.featuresRead);
  });

  it('reads a single Feature, and names the part of a multi-line that is bad', () => {
    expect(
      readGeoJsonRoads(
        'r.geojson',
        line([
          [114.3, 30.6],
          [114.31, 30.6],
        ]),
      ).lines,
    ).toHaveLength(1);
    const multi = {
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'MultiLineString',
        coordinates: [
          [
            [114.3, 30.6],
            [114.31, 30.6],
          ],
          'x',
        ],
      },
    };
    expect(readGeoJsonRoads('r.geojson', collection([multi])).rejected).toEqual([
      { feature: 1, column: '', value: 'a string', reason: 'part 2: coordinates are not an array' },
    ]);
  });

  it('reads a Gauss-Kruger file named by its crs member', () => {
    const [e1, n1] = proj4(
      '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80',
      [114.3, 30.6],
    );
    const read = readGeoJsonRoads(
      'r.geojson',
      collection(
        [
          line([
            [e1, n1],
            [e1! + 100, n1],
          ]),
        ],
        { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } } },
      ),
    );
    expect(read.crs).toBe('EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E)');
    expect(read.lines[0]!.coords[0]).toBeCloseTo(114.3, 9);
    expect(read.lines[0]!.coords[1]).toBeCloseTo(30.6, 9);
  });

  it('takes --roads-crs for a file without a crs member, and refuses it beside a projected one', () => {
    const plain = collection([
      line([
        [114.3, 30.6],
        [114.31, 30.6],
      ]),
    ]);
    const gcj = readGeoJsonRoads('r.geojson', plain, { crs: 'GCJ-02' });
    expect(gcj.crs).toBe('GCJ-02');
    expect(gcj.lines[0]!.coords[0]).not.toBe(114.3);
    const projected = collection([], { crs: { type: 'name', properties: { name: 'EPSG:4547' } } });
    expect(() => readGeoJsonRoads('r.geojson', projected, { crs: 'BD-09' })).toThrow(
      /^r\.geojson: the "crs" member declares EPSG:4547 .* but --roads-crs says BD-09/,
    );
  });

  it('refuses a value that is not GeoJSON features, naming the file', () => {
    expect(() => readGeoJsonRoads('r.geojson', [1, 2])).toThrow(InputError);
    expect(() => readGeoJsonRoads('r.geojson', [1, 2])).toThrow(
      'r.geojson: expected a GeoJSON FeatureCollection or Feature, found an array',
    );
  });
});
