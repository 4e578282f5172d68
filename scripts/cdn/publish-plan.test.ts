import { describe, expect, it } from 'vitest';
import type { DataFileEntry } from '../../src/contracts/data-files';
import { IMMUTABLE, obsoleteFiles, REVALIDATE, uploadOrder } from './publish-plan';

const entry = (path: string, hashed_path?: string): DataFileEntry => ({
  path,
  bytes: 1,
  sha256: 'a'.repeat(64),
  ...(hashed_path ? { hashed_path } : {}),
});

describe('uploadOrder', () => {
  it('uploads every hashed file for a year first and the revalidated manifest last', () => {
    const plan = uploadOrder([
      entry('story.json', 'story.1111111111.json'),
      entry('aggregates/h3-r7.json', 'aggregates/h3-r7.2222222222.json'),
    ]);
    expect(plan).toEqual([
      { path: 'aggregates/h3-r7.2222222222.json', cacheControl: IMMUTABLE },
      { path: 'story.1111111111.json', cacheControl: IMMUTABLE },
      { path: 'manifest.json', cacheControl: REVALIDATE },
    ]);
  });

  it('refuses a build with plain names, naming them', () => {
    expect(() =>
      uploadOrder([entry('story.json'), entry('explore.json', 'explore.3333333333.json')]),
    ).toThrow(/^story\.json has no content-hashed name: build the data with --hash-names/);
  });
});

describe('obsoleteFiles', () => {
  it('lists what no kept manifest names, never the manifest', () => {
    const current = [entry('story.json', 'story.1111111111.json')];
    const previous = [entry('story.json', 'story.0000000000.json')];
    const stored = [
      'manifest.json',
      'story.1111111111.json',
      'story.0000000000.json',
      'story.9999999999.json',
    ];
    expect(obsoleteFiles(stored, [current, previous])).toEqual(['story.9999999999.json']);
    expect(obsoleteFiles(stored, [current])).toEqual(['story.0000000000.json', 'story.9999999999.json']);
  });
});
