import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildIdOf,
  digestFile,
  digestOf,
  listFiles,
  OutputMismatchError,
  sortedEntries,
  StreamDigest,
  verifyOutput,
} from './output-files';
import { hashedPath } from './hashed-names';

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'output-files-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('digests', () => {
  it('counts a string as the UTF-8 bytes it is written as', () => {
    expect(digestOf('a.json', '小区')).toEqual({ path: 'a.json', bytes: 6, sha256: sha('小区') });
    expect(digestOf('b.bin', new Uint8Array([1, 2, 3]))).toMatchObject({ bytes: 3 });
  });

  it('gives a file written in pieces the digest of the whole', async () => {
    const stream = new StreamDigest('c.geojson');
    for (const piece of ['{"a":', '"街道"', '}']) stream.add(piece);
    const whole = '{"a":"街道"}';
    expect(stream.finish()).toEqual(digestOf('c.geojson', whole));
    writeFileSync(join(dir, 'c.geojson'), whole);
    expect(await digestFile(join(dir, 'c.geojson'), 'c.geojson')).toEqual(digestOf('c.geojson', whole));
  });

  it('digests a file of several read buffers, the last one partial', async () => {
    // 2.5 MB of varied bytes: a reused buffer that leaked one read into the next would show.
    const big = Uint8Array.from({ length: 2.5 * 2 ** 20 }, (_, i) => (i * 2654435761) >>> 24);
    writeFileSync(join(dir, 'big.pmtiles'), big);
    expect(await digestFile(join(dir, 'big.pmtiles'), 'big.pmtiles')).toEqual(digestOf('big.pmtiles', big));
  });

  it('derives the build id from the time and the sorted list', () => {
    const a = digestOf('a', 'x');
    const b = digestOf('b', 'y');
    const id = buildIdOf('2024-01-01T00:00:00.000Z', sortedEntries([b, a]));
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(buildIdOf('2024-01-01T00:00:00.000Z', [a, b])).toBe(id);
    expect(buildIdOf('2024-01-01T00:00:01.000Z', [a, b])).not.toBe(id);
    expect(buildIdOf('2024-01-01T00:00:00.000Z', [a, digestOf('b', 'z')])).not.toBe(id);
  });
});

describe('listFiles', () => {
  it('lists files in subfolders with / separators, sorted', async () => {
    mkdirSync(join(dir, 'gcj02'));
    mkdirSync(join(dir, 'aggregates'));
    writeFileSync(join(dir, 'gcj02/communities.pmtiles'), '');
    writeFileSync(join(dir, 'aggregates/h3-r5.json'), '');
    writeFileSync(join(dir, 'manifest.json'), '');
    expect(await listFiles(dir)).toEqual([
      'aggregates/h3-r5.json',
      'gcj02/communities.pmtiles',
      'manifest.json',
    ]);
  });
});

describe('verifyOutput', () => {
  /** A folder with two files and a manifest listing them. */
  function folder(files: Record<string, string>, listed = files): void {
    mkdirSync(join(dir, 'aggregates'));
    for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ files: Object.entries(listed).map(([path, text]) => digestOf(path, text)) }),
    );
  }

  it('passes a folder that holds exactly what its manifest lists', async () => {
    folder({ 'explore.json': '{}', 'aggregates/h3-r5.json': '[]' });
    await expect(verifyOutput(dir)).resolves.toBeUndefined();
  });

  it('names a missing, an extra, a resized and a changed file', async () => {
    folder(
      { 'explore.json': '{"a":1}', 'aggregates/h3-r5.json': '[1]', 'stray.json': '' },
      { 'explore.json': '{"a":12}', 'aggregates/h3-r5.json': '[2]', 'gone.json': '' },
    );
    const error = await verifyOutput(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputMismatchError);
    const message = (error as Error).message;
    expect(message).toContain('explore.json: 7 bytes, listed as 8');
    expect(message).toContain('aggregates/h3-r5.json: SHA-256 differs');
    expect(message).toContain('gone.json: listed but missing');
    expect(message).toContain('stray.json: present but not listed');
  });

  it('finds hashed files under their hashed path and refuses one named for other content', async () => {
    const entries = [digestOf('explore.json', '{}'), digestOf('aggregates/h3-r5.json', '[]')].map((e) => ({
      ...e,
      hashed_path: hashedPath(e.path, e.sha256),
    }));
    mkdirSync(join(dir, 'aggregates'));
    writeFileSync(join(dir, entries[0]!.hashed_path), '{}');
    writeFileSync(join(dir, entries[1]!.hashed_path), '[]');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ files: entries }));
    await expect(verifyOutput(dir)).resolves.toBeUndefined();

    // A file kept under the name of an older content: a CDN would serve that older file for a year.
    const stale = hashedPath('explore.json', sha('old'));
    writeFileSync(join(dir, stale), '{}');
    const moved = [{ ...entries[0]!, hashed_path: stale }, entries[1]];
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ files: moved }));
    await expect(verifyOutput(dir)).rejects.toThrow(
      `explore.json: listed as ${stale}, not the name its SHA-256 gives`,
    );
  });

  it('fails on a manifest without a list', async () => {
    writeFileSync(join(dir, 'manifest.json'), '{}');
    await expect(verifyOutput(dir)).rejects.toThrow(/lists no files/);
  });
});
