/**
 * A `--hash-names` build through the real pipeline (the browser fixture ledger, streamed
 * GeoJSON and tiles included): every file but manifest.json is stored under its
 * content-hashed name, the manifest's references (layers, aggregates, explore)
 * are keys of its `files`, each resolving to a file that is there, and a second build of the
 * same inputs names every file alike, so a CDN upload of it changes nothing but the manifest.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedPath, type DataFileEntry } from '../../src/contracts/data-files';
import type { ManifestFile } from '../../src/contracts/manifest';
import { buildData, type BuildOptions } from '../../scripts/pipeline/build';
import { hashedPath } from '../../scripts/pipeline/output/hashed-names';
import { listFiles } from '../../scripts/pipeline/output/output-files';

const FIXTURES = join(import.meta.dirname, '../browser/fixtures');

let work: string;
const inputs: Omit<BuildOptions, 'out'> = {
  communities: join(FIXTURES, 'communities.csv'),
  amenities: join(FIXTURES, 'amenities.csv'),
  hashNames: true,
};

const manifestOf = (out: string) =>
  JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as ManifestFile & { files: DataFileEntry[] };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'atlas-hashed-'));
  await buildData({ ...inputs, out: join(work, 'a'), buildTime: new Date(0) });
  await buildData({ ...inputs, out: join(work, 'b'), buildTime: new Date(86_400_000) });
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('a --hash-names build', () => {
  it('stores every file but the manifest under the name its content gives', async () => {
    const out = join(work, 'a');
    const { files } = manifestOf(out);
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(f.hashed_path, f.path).toBe(hashedPath(f.path, f.sha256));
    expect(await listFiles(out)).toEqual(['manifest.json', ...files.map(storedPath)].sort());
  });

  it('refers to its files by keys the list resolves', () => {
    const manifest = manifestOf(join(work, 'a'));
    const keys = new Set(manifest.files.map((f) => f.path));
    const refs = [
      ...Object.values(manifest.layers).map((l) => l.url),
      ...Object.values(manifest.aggregates.files),
      ...Object.values(manifest.explore!.parts),
    ];
    for (const ref of refs) expect(keys.has(ref), ref).toBe(true);
    expect(keys.has('story.json')).toBe(true);
  });

  it('names unchanged files alike in the next build, so only the manifest is new', () => {
    const [a, b] = [manifestOf(join(work, 'a')), manifestOf(join(work, 'b'))];
    expect(a.build_id).not.toBe(b.build_id);
    // Only the manifest records the build time: every data file is byte for byte the same.
    expect(b.files.map((f) => f.hashed_path)).toEqual(a.files.map((f) => f.hashed_path));
  });
});
