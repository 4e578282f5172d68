import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOsmPbf } from '../../../fixtures/roads/osm-pbf-writer';
import { WGS84_PRJ, zippedPolylineShapefile } from '../../../fixtures/roads/polyline-shapefile';
import { InputError } from '../../table';
import { emptyRoadsError, readRoads, roadsFormat } from './read-roads';

const dir = mkdtempSync(join(tmpdir(), 'read-roads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: Uint8Array | string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const geojson = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const line = (coordinates: number[][], properties: Record<string, unknown> = {}) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'LineString', coordinates },
});

describe('readRoads', () => {
  it('reads each format by its extension', async () => {
    const fromJson = await readRoads(
      write(
        'a.geojson',
        geojson([
          line(
            [
              [114.3, 30.6],
              [114.31, 30.6],
            ],
            { name: '胜利街' },
          ),
        ]),
      ),
    );
    expect(fromJson).toMatchObject({
      format: 'geojson',
      crs: 'WGS84',
      featuresRead: 1,
      filtered: 0,
      rejected: [],
    });
    expect(fromJson.lines).toEqual([
      { coords: new Float64Array([114.3, 30.6, 114.31, 30.6]), roadClass: 'minor', name: '胜利街' },
    ]);

    const zip = zippedPolylineShapefile({
      fields: [{ name: 'NAME', type: 'C', length: 20 }],
      records: [
        {
          parts: [
            [
              [114.3, 30.6],
              [114.31, 30.6],
            ],
          ],
          values: ['胜利街'],
        },
      ],
      prj: WGS84_PRJ,
    });
    expect(await readRoads(write('b.zip', zip))).toMatchObject({
      format: 'shapefile',
      crs: 'WGS84',
      featuresRead: 1,
    });

    const pbf = writeOsmPbf({
      nodes: [
        { id: 1, lon: 114.3, lat: 30.6 },
        { id: 2, lon: 114.31, lat: 30.6 },
      ],
      ways: [{ id: 9, refs: [1, 2], tags: { highway: 'footway' } }],
    });
    expect(await readRoads(write('c.osm.pbf', pbf))).toMatchObject({
      format: 'osm-pbf',
      crs: 'WGS84',
      featuresRead: 1,
    });
  });

  it('passes --roads-crs to GeoJSON and refuses GCJ-02 for an OSM extract', async () => {
    const path = write(
      'gcj.json',
      geojson([
        line([
          [114.3, 30.6],
          [114.31, 30.6],
        ]),
      ]),
    );
    expect((await readRoads(path, { crs: 'GCJ-02' })).crs).toBe('GCJ-02');
    const pbf = write('d.osm.pbf', writeOsmPbf({ nodes: [], ways: [] }));
    await expect(readRoads(pbf, { crs: 'GCJ-02' })).rejects.toThrow(
      `${pbf}: --roads-crs GCJ-02 does not apply to an OpenStreetMap extract, which is always WGS84`,
    );
  });

  it('names the file in every refusal: unreadable, not its format, nothing walkable', async () => {
    const missing = join(dir, 'missing.geojson');
    await expect(readRoads(missing)).rejects.toThrow(`${missing}: file not found`);
    const notJson = write('bad.geojson', '{"type": "FeatureCollection", "features": [}');
    await expect(readRoads(notJson)).rejects.toThrow(
      `${notJson}: not valid JSON at line 1 column 44: expected a value, found "}"`,
    );
    const notZip = write('bad.zip', 'hello');
    await expect(readRoads(notZip)).rejects.toThrow(`${notZip}: not a readable zip`);
    const notPbf = write('bad.osm.pbf', '<osm/>');
    await expect(readRoads(notPbf)).rejects.toThrow(`${notPbf}: not a readable OSM PBF extract`);
    const points = write(
      'points.geojson',
      geojson([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [114, 30] } }]),
    );
    await expect(readRoads(points)).rejects.toThrow(
      `${points}: no line features: 1 features read, 0 filtered, 1 rejected; feature 1: a Point, not a LineString or MultiLineString`,
    );
    const motorways = write(
      'motorways.osm.pbf',
      writeOsmPbf({
        nodes: [
          { id: 1, lon: 114.3, lat: 30.6 },
          { id: 2, lon: 114.31, lat: 30.6 },
        ],
        ways: [{ id: 9, refs: [1, 2], tags: { highway: 'motorway' } }],
      }),
    );
    await expect(readRoads(motorways)).rejects.toThrow(
      `${motorways}: no walkable ways: all 1 highway ways were filtered out`,
    );
    await expect(readRoads(write('e.osm.pbf', writeOsmPbf({ nodes: [], ways: [] })))).rejects.toThrow(
      /no highway ways in the extract/,
    );
  });
});

describe('roadsFormat', () => {
  it('knows .geojson, .json, .zip and .osm.pbf in any case', () => {
    expect(['a.GeoJSON', 'b.json', 'c.ZIP', 'd.osm.PBF'].map(roadsFormat)).toEqual([
      'geojson',
      'geojson',
      'shapefile',
      'osm-pbf',
    ]);
  });

  it('refuses other names, saying what to give instead', () => {
    expect(() => roadsFormat('roads.shp')).toThrow(InputError);
    expect(() => roadsFormat('roads.shp')).toThrow(
      'roads.shp: unsupported road file format: give a shapefile as a .zip holding its .shp, .dbf and .prj',
    );
    expect(() => roadsFormat('city.osm')).toThrow(
      /city\.osm: unsupported road file format: OSM XML is not read; convert it with `osmium cat/,
    );
    expect(() => roadsFormat('city.pbf')).toThrow(
      'city.pbf: unsupported road file format: an OpenStreetMap extract must be named .osm.pbf',
    );
    expect(() => roadsFormat('roads.kml')).toThrow(
      'roads.kml: unsupported road file format: use .geojson, a zipped shapefile (.zip) or an OpenStreetMap extract (.osm.pbf)',
    );
  });
});

describe('emptyRoadsError', () => {
  const content = (featuresRead: number, filtered: number, rejected: number) => ({
    lines: [],
    crs: 'WGS84',
    featuresRead,
    filtered,
    rejected: Array.from({ length: rejected }, (_, i) => ({
      feature: i + 1,
      column: '',
      value: 'x',
      reason: 'no geometry',
    })),
  });

  it('says why a file gave no line', () => {
    expect(emptyRoadsError('r.geojson', 'geojson', content(0, 0, 0))?.message).toBe(
      'r.geojson: no line features: the file holds no features',
    );
    expect(emptyRoadsError('r.zip', 'shapefile', content(2, 2, 0))?.message).toBe(
      'r.zip: no walkable roads: all 2 features are classed as roads nobody walks on (motorways)',
    );
    expect(emptyRoadsError('r.zip', 'shapefile', content(3, 1, 2))?.message).toBe(
      'r.zip: no line features: 3 features read, 1 filtered, 2 rejected; feature 1: no geometry (and 1 more rejected)',
    );
    expect(emptyRoadsError('r.osm.pbf', 'osm-pbf', content(4, 3, 1))?.message).toMatch(
      /^r\.osm\.pbf: no line features: 4 highway ways read, 3 filtered, 1 rejected; way 1:/,
    );
  });

  it('says nothing when there are lines', () => {
    const some = {
      ...content(1, 0, 0),
      lines: [{ coords: new Float64Array(4), roadClass: 'minor' as const }],
    };
    expect(emptyRoadsError('r.zip', 'shapefile', some)).toBeUndefined();
  });
});
