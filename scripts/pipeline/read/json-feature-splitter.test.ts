import { describe, expect, it } from 'vitest';
import {
  FeatureSplitter,
  JsonStreamError,
  LineCounter,
  NotUtf8Error,
  RootNotObjectError,
  type FeatureSplitterOptions,
} from './json-feature-splitter';
import { lineAndColumn } from './json-input';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Everything a splitter reports, in order, pushing `bytes` cut at the given offsets. */
function split(bytes: Uint8Array, cuts: readonly number[] = [], options: FeatureSplitterOptions = {}) {
  const events: unknown[] = [];
  const splitter = new FeatureSplitter(
    {
      member: (key, value) => events.push({ member: key, value }),
      featuresStart: () => events.push('features'),
      feature: (value) => events.push({ feature: value }),
    },
    options,
  );
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    splitter.push(bytes.slice(from, cut));
    from = cut;
  }
  splitter.end();
  return events;
}

/** What the splitter should report for a valid FeatureCollection text, from JSON.parse of the whole. */
function expected(text: string): unknown[] {
  const value = JSON.parse(text) as Record<string, unknown>;
  const events: unknown[] = [];
  // Keys in file order; the features array where it stands.
  for (const [key, member] of Object.entries(value)) {
    if (key === 'features' && Array.isArray(member)) {
      events.push('features');
      for (const feature of member) events.push({ feature });
    } else events.push({ member: key, value: member });
  }
  return events;
}

/** The error a push of `text` throws. */
function failure(text: string | Uint8Array, options: FeatureSplitterOptions = {}): unknown {
  try {
    split(typeof text === 'string' ? utf8(text) : text, [], options);
  } catch (error) {
    return error;
  }
  throw new Error('expected the splitter to throw');
}

const TRICKY =
  '{"type":"FeatureCollection","name":"路网 ]} \\"quoted\\" \\\\","features":[\n' +
  '{"type":"Feature","properties":{"name":"解放大道 ]}","note":"a \\\\\\" b\\u00e9\\ud83d\\ude00 😀 ,{[","n":-1.5e3,"ok":true,"x":null},' +
  '"geometry":{"type":"LineString","coordinates":[[114.3,30.6],[114.31,30.6]]}},\n' +
  ' 7 , "text]}" , null , [1,[2]] , {"a":{"b":[{}]}} , false\n' +
  '],"crs":{"type":"name","properties":{"name":"EPSG:4326"}},"bbox":[1,2,3,4]}\n';

describe('FeatureSplitter', () => {
  it('reports members and features in file order, as JSON.parse reads them', () => {
    const events = split(utf8(TRICKY));
    expect(events).toEqual(expected(TRICKY));
    expect(events.filter((e) => typeof e === 'object' && e !== null && 'feature' in e)).toHaveLength(7);
  });

  it('gives the same at every cut of the bytes, and pushed a byte at a time', () => {
    const bytes = utf8(TRICKY);
    const want = expected(TRICKY);
    for (let cut = 0; cut <= bytes.length; cut++) expect(split(bytes, [cut])).toEqual(want);
    const everyByte = Array.from({ length: bytes.length }, (_, i) => i);
    expect(split(bytes, everyByte)).toEqual(want);
  });

  it('skips a UTF-8 byte-order mark, also when it arrives in pieces', () => {
    const text = '{"features":[{"a":1}],"type":"FeatureCollection"}';
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
    expect(split(bytes)).toEqual(expected(text));
    expect(split(bytes, [1, 2])).toEqual(expected(text));
  });

  it('reads empty arrays, an empty object, and a features member that is not an array', () => {
    expect(split(utf8(' {} '))).toEqual([]);
    expect(split(utf8('{"features":[ ]}'))).toEqual(['features']);
    expect(split(utf8('{"features":{"a":1},"n":12}'))).toEqual([
      { member: 'features', value: { a: 1 } },
      { member: 'n', value: 12 },
    ]);
    // A number at the very end of an element list ends at the bracket; one at the end of input
    // can only be a root that is not an object.
    expect(split(utf8('{"features":[1,2]}'))).toEqual(['features', { feature: 1 }, { feature: 2 }]);
  });

  it('names the byte where the JSON breaks, in the structure and inside a feature', () => {
    const trailing = '{"type":"FeatureCollection","features":[{"a":1},]}';
    expect(failure(trailing)).toEqual(
      new JsonStreamError(trailing.indexOf(']'), 'expected a value after ",", found "]" (a trailing comma?)'),
    );
    // Inside a feature, after multi-byte text: the offset counts bytes, not characters.
    const inside = '{"features":[{"name":"解放","a":tru}]}';
    const error = failure(inside) as JsonStreamError;
    expect(error).toBeInstanceOf(JsonStreamError);
    expect(error.reason).toBe('expected a value, found the word "tru"');
    expect(error.offset).toBe(utf8(inside.slice(0, inside.indexOf('tru'))).length);
    expect(failure('{"features":[{"a":1} {"b":2}]}')).toEqual(
      new JsonStreamError(21, 'expected "," or "]" after an array element, found "{"'),
    );
    expect(failure('{"type" "x"}')).toEqual(
      new JsonStreamError(8, 'expected ":" after a property name, found \'"\''),
    );
    expect(failure("{'type':1}")).toEqual(
      new JsonStreamError(1, 'expected a property name in double quotes, found "\'"'),
    );
    expect(failure('{"a":1}}')).toEqual(
      new JsonStreamError(7, 'more text after the end of the JSON value, starting with "}"'),
    );
    expect(failure('{"a":1 "b":2}')).toEqual(
      new JsonStreamError(7, 'expected "," or "}" after a property value, found \'"\''),
    );
  });

  it('names the end of a file cut short, and a value too long to parse', () => {
    const cut = '{"features":[{"a":[1,2';
    expect(failure(cut)).toEqual(
      new JsonStreamError(utf8(cut).length, 'the file ends inside a value (it starts at byte 13)'),
    );
    expect(failure('{"features":[')).toEqual(
      new JsonStreamError(13, 'expected a value, found the end of the file'),
    );
    expect(failure('')).toEqual(new JsonStreamError(0, 'expected a value, found the end of the file'));
    const long = `{"features":[{"name":"${'x'.repeat(100)}"}]}`;
    expect(failure(long, { maxValueBytes: 50 })).toEqual(
      new JsonStreamError(13, 'a value longer than 50 bytes (the longest this reader can parse)'),
    );
    expect(split(utf8(long), [], { maxValueBytes: 200 })).toHaveLength(2);
  });

  it('says what a top-level value that is not an object is, and refuses bytes that are not UTF-8', () => {
    expect(failure('[1, 2]')).toEqual(new RootNotObjectError('an array'));
    expect(failure(' 12')).toEqual(new RootNotObjectError('a number'));
    expect(failure('null')).toEqual(new RootNotObjectError('null'));
    // GBK 道 (0xB5 0xC0) is not UTF-8: the feature holding it is named by its first byte.
    const gbk = new Uint8Array([...utf8('{"features":[{"n":"'), 0xb5, 0xc0, ...utf8('"}]}')]);
    expect(failure(gbk)).toEqual(new NotUtf8Error(13));
    // UTF-16 with its byte-order mark.
    expect(failure(new Uint8Array([0xff, 0xfe, 0x7b, 0x00]))).toEqual(new NotUtf8Error(0));
  });
});

describe('LineCounter', () => {
  it('counts lines and columns in characters as lineAndColumn does, across chunks', () => {
    const text = 'ab\r\n解放 😀x\rq\n\nzz';
    const bytes = utf8(text);
    for (let at = 0; at < text.length; at++) {
      // Skip the second half of a surrogate pair: it has no byte offset of its own.
      const code = text.charCodeAt(at);
      if (code >= 0xdc00 && code <= 0xdfff) continue;
      const offset = utf8(text.slice(0, at)).length;
      for (const cut of [0, 3, offset, offset + 1]) {
        const counter = new LineCounter(offset);
        if (!counter.push(bytes.slice(0, cut))) counter.push(bytes.slice(cut));
        expect(counter.at).toEqual(lineAndColumn(text, at));
      }
    }
  });

  it('does not count a UTF-8 byte-order mark', () => {
    const counter = new LineCounter(5);
    counter.push(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x20, 0x7d]));
    expect(counter.at).toEqual({ line: 1, column: 3 });
  });
});
