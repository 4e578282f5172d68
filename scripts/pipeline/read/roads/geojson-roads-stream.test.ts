import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import proj4 from 'proj4';
import { afterAll, describe, expect, it } from 'vitest';
import { readGeoJsonRoads } from './geojson-roads';
import { streamGeoJsonRoads, type StreamGeoJsonRoadsOptions } from './geojson-roads-stream';

const dir = mkdtempSync(join(tmpdir(), 'geojson-roads-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const write = (content: string | Uint8Array): string => {
  const path = join(dir, `r${++files}.geojson`);
  writeFileSync(path, content);
  return path;
};

const line = (coordinates: unknown, properties: Record<string, unknown> | null = {}) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'LineString', coordinates },
});

/** Features of every kind the reader keeps, filters and rejects, with text that needs escaping. */
const FEATURES: unknown[] = [
  line(
    [
      [114.3, 30.59],
      [114.31, 30.59],
    ],
    { name: '解放大道 ]}"\\', 道路等级: '主干路' },
  ),
  line(
    [
      [114.3, 30.6],
      [114.3, 30.6],
    ],
    { name: 'one vertex twice' },
  ),
  { type: 'Feature', properties: { highway: 'motorway' }, geometry: null },
  { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [114, 30] } },
  7,
  null,
  line([[114.3, 30.6], 'x']),
  {
    type: 'Feature',
    properties: null,
    geometry: {
      type: 'MultiLineString',
      coordinates: [
        [
          [114.3, 30.6],
          [114.32, 30.61],
        ],
        [
          [114.33, 30.6],
          [114.34, 30.62],
        ],
      ],
    },
  },
  line([
    [2, 48],
    [2.1, 48],
  ]),
];

// Past any small limit the tests set: these files are always streamed, never read whole.
const STREAMED: StreamGeoJsonRoadsOptions = { wholeFileLimit: 0, chunkBytes: 7 };

/** The error `streamGeoJsonRoads` throws. */
async function failure(file: string, options: StreamGeoJsonRoadsOptions = STREAMED): Promise<Error> {
  try {
    await streamGeoJsonRoads(file, options);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected streamGeoJsonRoads to throw');
}

describe('streamGeoJsonRoads', () => {
  it('gives the lines, counts and rejects of the parsed file, in chunks of any size', async () => {
    const value = { type: 'FeatureCollection', name: 'roads', features: FEATURES };
    const file = write(JSON.stringify(value, null, 1));
    const parsed = readGeoJsonRoads(file, value);
    expect(parsed.lines.length).toBe(3);
    expect(parsed.rejected.length).toBe(6);
    for (const chunkBytes of [1, 7, 4096]) {
      expect(await streamGeoJsonRoads(file, { wholeFileLimit: 0, chunkBytes })).toEqual(parsed);
    }
    // The default: a file this small still goes through the stream, with the same result.
    expect(await streamGeoJsonRoads(file)).toEqual(parsed);
  });

  it('reads a file with a byte-order mark, and a single Feature', async () => {
    const value = { type: 'FeatureCollection', features: FEATURES.slice(0, 2) };
    const bom = write(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(JSON.stringify(value))]));
    expect(await streamGeoJsonRoads(bom, STREAMED)).toEqual(readGeoJsonRoads(bom, value));
    const single = write(JSON.stringify(FEATURES[0]));
    const read = await streamGeoJsonRoads(single, STREAMED);
    expect(read).toEqual(readGeoJsonRoads(single, FEATURES[0]));
    expect(read.lines).toHaveLength(1);
  });

  it('projects by a crs member before or after the features, and weighs it against --roads-crs', async () => {
    const gk = '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80';
    const [e, n] = proj4(gk, [114.3, 30.6]) as [number, number];
    const features = [
      line([
        [e, n],
        [e + 100, n],
      ]),
    ];
    const crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4547' } };
    const before = { type: 'FeatureCollection', crs, features };
    // Keys in this order in the file: type, features, crs.
    const after = { type: 'FeatureCollection', features, crs };
    const want = readGeoJsonRoads('r', before);
    expect(want.crs).toBe('EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E)');
    expect(want.lines[0]!.coords[0]).toBeCloseTo(114.3, 9);
    for (const value of [before, after]) {
      const file = write(JSON.stringify(value));
      expect({ ...(await streamGeoJsonRoads(file, STREAMED)) }).toEqual(want);
      expect((await failure(file, { ...STREAMED, crs: 'BD-09' })).message).toMatch(
        /the "crs" member declares EPSG:4547 .* but --roads-crs says BD-09/,
      );
    }
    const gcj = write(JSON.stringify({ type: 'FeatureCollection', features: FEATURES.slice(0, 1) }));
    expect((await streamGeoJsonRoads(gcj, { ...STREAMED, crs: 'GCJ-02' })).crs).toBe('GCJ-02');
  });

  it('refuses what is not a FeatureCollection or Feature as a parsed file is refused', async () => {
    const cases: [unknown, string][] = [
      [[1, 2], 'found an array'],
      [{ type: 'Polygon', coordinates: [] }, 'found a "Polygon" object'],
      [{ type: 'FeatureCollection' }, 'found a FeatureCollection without a "features" array'],
      [{ type: 'FeatureCollection', features: 5 }, '("features" is a number)'],
      [{ features: [] }, 'found an object'],
    ];
    for (const [value, words] of cases) {
      const file = write(JSON.stringify(value));
      const error = await failure(file);
      expect(error.message).toContain(`${file}: expected a GeoJSON FeatureCollection or Feature, `);
      expect(error.message).toContain(words);
      expect(() => readGeoJsonRoads(file, value)).toThrow(error.message);
    }
  });

  it('names the line, column and byte of invalid JSON in a file too large to read whole', async () => {
    const text = '{"type":"FeatureCollection","features":[\n{"type":"Feature","name":"路",}\n]}';
    const file = write(text);
    const byte = Buffer.byteLength(text.slice(0, text.indexOf('}\n]')));
    expect((await failure(file)).message).toBe(
      `${file}: not valid JSON at line 2 column 30 (byte ${byte}): ` +
        'expected a property name after ",", found "}" (a trailing comma?)',
    );
    // A file small enough is read whole, and its error is worded as every JSON input's.
    expect((await failure(file, {})).message).toBe(
      `${file}: not valid JSON at line 2 column 30: expected a property name after ",", found "}" (a trailing comma?)`,
    );
    const cut = write('{"type":"FeatureCollection","features":[\n{"type":');
    expect((await failure(cut)).message).toBe(
      `${cut}: not valid JSON at line 2 column 9 (byte 49): the file ends inside a value (it starts at byte 41)`,
    );
  });

  it('reads a small GBK file whole, as before, and refuses a large one', async () => {
    // {"type":"FeatureCollection","features":[<a line named 道路 in GBK>]}
    const head = Buffer.from(
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"',
    );
    const tail = Buffer.from(
      '"},"geometry":{"type":"LineString","coordinates":[[114.3,30.6],[114.31,30.6]]}}]}',
    );
    const file = write(Buffer.concat([head, Buffer.from([0xb5, 0xc0, 0xc2, 0xb7]), tail]));
    expect((await streamGeoJsonRoads(file)).lines[0]!.name).toBe('道路');
    expect((await failure(file)).message).toMatch(
      new RegExp(
        `^${file}: not UTF-8 text in the value starting at line 1 column 41 \\(byte 40\\): .* save it as UTF-8$`,
      ),
    );
  });

  it('names the file when it cannot be read', async () => {
    const missing = join(dir, 'missing.geojson');
    expect((await failure(missing)).message).toBe(`${missing}: file not found`);
    expect((await failure(dir)).message).toBe(`${dir}: is a folder, not a file`);
  });
});
