import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../../fixtures/gbk-encode';
import { InputError } from '../table';
import {
  describeJson,
  geoJsonFeatures,
  lineAndColumn,
  locateJsonError,
  MAX_JSON_BYTES,
  parseJsonInput,
  readJsonInput,
} from './json-input';
import { readInputFile } from './input-file';

const utf8 = (text: string) => new TextEncoder().encode(text);
const parse = (text: string) => () => parseJsonInput('a.json', utf8(text));

describe('parseJsonInput', () => {
  it('parses UTF-8 with or without a byte-order mark, and GBK', () => {
    expect(parseJsonInput('a.json', utf8('{"名称": "和平里"}'))).toEqual({ 名称: '和平里' });
    expect(parseJsonInput('a.json', utf8('\uFEFF[1, 2]'))).toEqual([1, 2]);
    expect(parseJsonInput('a.json', encodeGbk('{"名称": "和平里"}'))).toEqual({ 名称: '和平里' });
  });

  // [text, message after "a.json: "]: the same words on every Node version.
  const invalid: [string, string][] = [
    ['{"a":}', 'not valid JSON at line 1 column 6: expected a value, found "}"'],
    [
      '{\n  "a": 1,\n}',
      'not valid JSON at line 3 column 1: expected a property name after ",", found "}" (a trailing comma?)',
    ],
    [
      '[1, 2,]',
      'not valid JSON at line 1 column 7: expected a value after ",", found "]" (a trailing comma?)',
    ],
    [
      '[1,2',
      'not valid JSON at line 1 column 5: expected "," or "]" after an array element, found the end of the file',
    ],
    [
      '{"a": 1 "b": 2}',
      'not valid JSON at line 1 column 9: expected "," or "}" after a property value, found \'"\'',
    ],
    [
      "{'a': 1}",
      'not valid JSON at line 1 column 2: expected a property name in double quotes, found "\'" (JSON strings use double quotes)',
    ],
    ['// note\n{}', 'not valid JSON at line 1 column 1: expected a value, found "/" (JSON has no comments)'],
    ['{"a": NaN}', 'not valid JSON at line 1 column 7: expected a value, found the word "NaN"'],
    ['{"a": 01}', 'not valid JSON at line 1 column 7: invalid number "01"'],
    [
      '{"a": "x\ny"}',
      'not valid JSON at line 1 column 9: a line break inside a string (write it as \\n, or close the quote)',
    ],
    ['{"a": "\\x"}', 'not valid JSON at line 1 column 8: invalid escape "\\x" in a string'],
    ['{"a": "\\u12"}', 'not valid JSON at line 1 column 8: a \\u escape without four hex digits'],
    ['{"a": "open', 'not valid JSON at line 1 column 7: a string that is never closed'],
    [
      '{"a": 1}\n{"b": 2}',
      'not valid JSON at line 2 column 1: more text after the end of the JSON value, starting with "{"',
    ],
    ['\r\n\r\n  {"a" 1}', 'not valid JSON at line 3 column 8: expected ":" after a property name, found "1"'],
    [
      '{"名称": "和平里" ]',
      'not valid JSON at line 1 column 14: expected "," or "}" after a property value, found "]"',
    ],
    ['["😀😀", x]', 'not valid JSON at line 1 column 8: expected a value, found the word "x"'],
  ];
  it.each(invalid)('refuses %j: %s', (text, message) => {
    expect(parse(text)).toThrow(new InputError(`a.json: ${message}`, 'a.json'));
  });

  it.each(['', '   \n\t', '\uFEFF'])('calls %j an empty file', (text) => {
    expect(parse(text)).toThrow('a.json: the file is empty');
  });

  it('names the byte and line where text that is neither UTF-8 nor GBK breaks', () => {
    // Latin-1 "café" followed by a quote: 0xE9 0x22 is no GBK pair either.
    const latin1 = new Uint8Array([...utf8('{\n"name": "caf'), 0xe9, ...utf8('"}')]);
    expect(() => parseJsonInput('a.json', latin1)).toThrow(
      'a.json: not UTF-8 text (byte 0xE9 on line 2 is neither UTF-8 nor GBK): save the file as UTF-8',
    );
  });

  it('refuses a file too large for a string before decoding it', () => {
    // Only the length is looked at before refusing, so a stand-in spares the test 512 MB.
    const huge = { length: MAX_JSON_BYTES + 1 } as Uint8Array;
    expect(() => parseJsonInput('a.json', huge)).toThrow(
      /^a\.json: 512 MB is too large to read as JSON \(the limit is 512 MB\)$/,
    );
  });
});

describe('locateJsonError', () => {
  it('finds no error in valid JSON, and an error wherever JSON.parse throws', () => {
    const valid = (text: string) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(locateJsonError(text)).toBeNull();
      }),
      { numRuns: 300 },
    );
    // Valid JSON with one character removed, replaced or inserted: usually broken, sometimes not.
    const mutated = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', ',', '"', '}', ']', '{', '[', ':', 'x', '\n', '\\', '0', '-', ' '),
        fc.boolean(),
      )
      .map(([text, at, ch, replace]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + ch + text.slice(replace ? i + 1 : i);
      });
    fc.assert(
      fc.property(mutated, (text) => {
        expect(locateJsonError(text) === null).toBe(valid(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('walks 100,000 nested brackets without recursion', () => {
    expect(locateJsonError('['.repeat(100_000) + ']'.repeat(100_000))).toBeNull();
    expect(locateJsonError('['.repeat(100_000))?.reason).toBe('expected a value, found the end of the file');
  });
});

describe('lineAndColumn', () => {
  it('counts LF, CRLF and lone CR as line breaks and characters (not UTF-16 units) as columns', () => {
    expect(lineAndColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\rcd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('😀x', 2)).toEqual({ line: 1, column: 2 });
  });
});

describe('readInputFile and readJsonInput', () => {
  it('names a missing file and a folder given as a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-json-'));
    const missing = join(dir, 'footprints.geojson');
    await expect(readInputFile(missing)).rejects.toThrow(
      new InputError(`${missing}: file not found`, missing),
    );
    await expect(readJsonInput(dir)).rejects.toThrow(`${dir}: is a folder, not a file`);
  });

  it('returns the bytes and the parsed value', async () => {
    const { bytes, value } = await readJsonInput('data/programmes.json');
    expect(bytes.length).toBeGreaterThan(0);
    expect(Array.isArray(value)).toBe(true);
  });
});

describe('describeJson and geoJsonFeatures', () => {
  it.each([
    [null, 'null'],
    [[], 'an array'],
    ['x', 'a string'],
    [3, 'a number'],
    [true, 'a boolean'],
    [{ type: 'Point' }, 'a "Point" object'],
    [{ a: 1 }, 'an object'],
  ])('describes %j as %s', (value, text) => {
    expect(describeJson(value)).toBe(text);
  });

  it('returns the features of a FeatureCollection, and of a lone Feature when allowed', () => {
    const feature = { type: 'Feature', properties: {}, geometry: null };
    expect(geoJsonFeatures('f.geojson', { type: 'FeatureCollection', features: [feature] })).toEqual([
      feature,
    ]);
    expect(geoJsonFeatures('f.geojson', feature, true)).toEqual([feature]);
  });

  it.each([
    [null, 'expected a GeoJSON FeatureCollection, found null'],
    [[{ type: 'Feature' }], 'expected a GeoJSON FeatureCollection, found an array'],
    [{ type: 'Feature' }, 'expected a GeoJSON FeatureCollection, found a "Feature" object'],
    [
      { type: 'FeatureCollection' },
      'expected a GeoJSON FeatureCollection, found a FeatureCollection without a "features" array',
    ],
    [
      { type: 'FeatureCollection', features: { 0: {} } },
      'expected a GeoJSON FeatureCollection, found a FeatureCollection without a "features" array ("features" is an object)',
    ],
  ])('refuses %j', (value, message) => {
    expect(() => geoJsonFeatures('f.geojson', value)).toThrow(
      new InputError(`f.geojson: ${message}`, 'f.geojson'),
    );
  });
});
