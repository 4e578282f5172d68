/**
 * Every data file the site fetches resolves through the manifest (`fileUrl(manifest, key)` in
 * src/lib/manifest.ts), so a `build:data --hash-names` build, whose files are stored under
 * content-hashed names, loads like a plain one. Only manifest.json has a fixed name: a
 * `dataUrl(…)` call with anything else would fetch a plain name that a CDN build does not have.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/** `dataUrl(` calls in `source` whose first argument is not the manifest's fixed name. */
function fixedNameCalls(source: string): string[] {
  const calls = source.match(/\bdataUrl\(\s*[^,)]*/g) ?? [];
  return calls.filter((call) => !/^dataUrl\(\s*(['"`])manifest\.json\1\s*$/.test(call));
}

function* siteFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* siteFiles(path);
    else if (/\.(ts|svelte)$/.test(entry.name) && !/\.test\.ts$|test-helpers|\/test-/.test(path)) yield path;
  }
}

describe('data URLs in src/', () => {
  it('recognises a fixed-name call and lets the manifest through', () => {
    expect(fixedNameCalls("dataUrl('manifest.json', base); dataUrl(part); dataUrl('story.json')")).toEqual([
      'dataUrl(part',
      "dataUrl('story.json'",
    ]);
  });

  it('fetches every data file but the manifest through the manifest (fileUrl)', () => {
    const found: string[] = [];
    for (const file of siteFiles(SRC)) {
      // manifest.ts defines dataUrl and resolves fileUrl through it.
      if (file.endsWith(join('lib', 'manifest.ts'))) continue;
      for (const call of fixedNameCalls(readFileSync(file, 'utf8')))
        found.push(`${relative(SRC, file)}: ${call}…)`);
    }
    expect(found, 'use fileUrl(manifest, key): content-hashed builds store files under other names').toEqual(
      [],
    );
  });
});
