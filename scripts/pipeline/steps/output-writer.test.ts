import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashedPath } from '../output/hashed-names';
import { digestOf, listFiles } from '../output/output-files';
import { OutputWriter } from './output-writer';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'output-writer-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('OutputWriter.nameByContent', () => {
  it('renames written and streamed files to their content names, keeping the plain path as key', async () => {
    const out = new OutputWriter(dir, { hashNames: true });
    await out.write('aggregates/h3-r7.json', '{"cells":[]}');
    // A step that streams writes the file itself and hands over the digest.
    await writeFile(join(dir, 'communities.pmtiles'), 'tiles');
    out.streamed(digestOf('communities.pmtiles', 'tiles'));
    await out.nameByContent();

    const byPath = new Map(out.entries.map((e) => [e.path, e]));
    const cells = byPath.get('aggregates/h3-r7.json')!;
    expect(cells.hashed_path).toBe(hashedPath(cells.path, cells.sha256));
    expect(readFileSync(join(dir, cells.hashed_path!), 'utf8')).toBe('{"cells":[]}');
    expect(await listFiles(dir)).toEqual(
      [cells.hashed_path!, byPath.get('communities.pmtiles')!.hashed_path!].sort(),
    );
    // A second call (another step finishing late) renames nothing twice.
    await out.nameByContent();
    expect(existsSync(join(dir, cells.hashed_path!))).toBe(true);
  });

  it('leaves plain names alone without hashNames, and never renames manifest.json', async () => {
    const out = new OutputWriter(dir);
    await out.write('story.json', '{}');
    await out.nameByContent();
    await out.write('manifest.json', '{}');
    expect(out.entries.map((e) => e.hashed_path)).toEqual([undefined]);
    expect(await listFiles(dir)).toEqual(['manifest.json', 'story.json']);
  });
});
