/**
 * Prints how to publish a `build:data --hash-names` folder to a bucket or CDN
 * (docs/deploy-cdn.md): the files in upload order with their Cache-Control, manifest.json last.
 * With `--keep` manifests (the previous builds' manifest.json, still wanted for open pages and
 * rollback) it also prints the files of the folder no kept manifest names, which a later
 * clean-up of the bucket may delete.
 *
 *   npx tsx scripts/publish-plan.ts public/data [--keep old/manifest.json ...]
 *
 * Exit codes: 0 printed, 1 a manifest could not be read or the build has plain names, 2 usage.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, parseDataFiles, type DataFileEntry } from '../src/contracts/data-files';
import { obsoleteFiles, uploadOrder } from './cdn/publish-plan';
import { listFiles } from './pipeline/output/output-files';

async function filesOf(manifest: string): Promise<DataFileEntry[]> {
  const json = JSON.parse(await readFile(manifest, 'utf8')) as { files?: unknown };
  const files = parseDataFiles(json.files);
  if (!files) throw new Error(`${manifest} lists no files (a build older than the list)`);
  return files;
}

async function main(args: readonly string[]): Promise<number> {
  const [folder, ...rest] = args;
  if (!folder || folder.startsWith('--') || (rest.length && rest[0] !== '--keep')) {
    console.error('usage: npx tsx scripts/publish-plan.ts DATA_FOLDER [--keep MANIFEST ...]');
    return 2;
  }
  try {
    const current = await filesOf(join(folder, MANIFEST_FILE));
    for (const { path, cacheControl } of uploadOrder(current))
      console.log(`${path}\tCache-Control: ${cacheControl}`);
    const kept = rest.slice(1);
    if (kept.length) {
      const keep = [current, ...(await Promise.all(kept.map(filesOf)))];
      console.log('\n# not named by any kept manifest (delete once older manifests have expired):');
      for (const path of obsoleteFiles(await listFiles(folder), keep)) console.log(path);
    }
    return 0;
  } catch (e) {
    console.error(`publish-plan: ${(e as Error).message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
