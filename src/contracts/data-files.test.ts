import { describe, expect, it } from 'vitest';
import { parseDataFiles, storedPath } from './data-files';

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

  it('keeps a content-hashed path and refuses one that leaves the data folder', () => {
    const entry = { path: 'explore.json', bytes: 1, sha256: HASH, hashed_path: 'explore.abababab.json' };
    const [read] = parseDataFiles([entry])!;
    expect(read).toEqual(entry);
    expect(storedPath(read!)).toBe('explore.abababab.json');
    expect(storedPath({ path: 'story.json', bytes: 1, sha256: HASH })).toBe('story.json');
    for (const bad of ['../x.json', 'https://evil.example/x.json', '/abs.json', '', 7])
      expect(() => parseDataFiles([{ ...entry, hashed_path: bad }])).toThrow(/files\[0\]\.hashed_path/);
  });
});
