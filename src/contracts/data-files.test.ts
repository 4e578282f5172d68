import { describe, expect, it } from 'vitest';
import { parseDataFiles } from './data-files';

const HASH = 'ab'.repeat(32);

describe('parseDataFiles', () => {
  it('reads the list, and null when a build older than it has none', () => {
    expect(parseDataFiles(undefined)).toBeNull();
    expect(parseDataFiles([{ path: 'explore.json', bytes: 10, sha256: HASH, extra: 1 }])).toEqual([
      { path: 'explore.json', bytes: 10, sha256: HASH },
    ]);
  });

  it('names the entry a malformed list breaks on', () => {
    expect(() => parseDataFiles({})).toThrow(/not an array/);
    expect(() => parseDataFiles([null])).toThrow(/files\[0\]\.path/);
    expect(() => parseDataFiles([{ path: 'a', bytes: -1, sha256: HASH }])).toThrow(/files\[0\]\.bytes/);
    expect(() => parseDataFiles([{ path: 'a', bytes: 1.5, sha256: HASH }])).toThrow(/bytes/);
    expect(() => parseDataFiles([{ path: 'a', bytes: 1, sha256: HASH.toUpperCase() }])).toThrow(/sha256/);
  });
});
