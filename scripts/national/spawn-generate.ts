/**
 * The national generator (`scripts/generate-national.ts`) run in a child process, as the build
 * benchmark and the atomic-build test need a large ledger before they start.
 */
import { spawnSync, type SpawnSyncOptions, type SpawnSyncReturns } from 'node:child_process';

/** How large a ledger to generate, and into which folder. */
export interface NationalLedgerSize {
  communities: number;
  amenities: number;
  /** The folder that receives communities.csv and amenities.csv (and roads.geojson). */
  out: string;
  /** Only the N largest cities (default all). */
  cities?: number;
  /** Also write the synthetic road network, aiming at this many edges (default: no roads). */
  roadEdges?: number;
}

/** Generates a national-scale ledger in a child Node process (through tsx); returns the finished child. */
export function spawnGenerateNational(
  size: NationalLedgerSize,
  options: SpawnSyncOptions = {},
): SpawnSyncReturns<string | Buffer> {
  return spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/generate-national.ts',
      '--communities',
      String(size.communities),
      '--amenities',
      String(size.amenities),
      '--out',
      size.out,
      ...(size.cities === undefined ? [] : ['--cities', String(size.cities)]),
      ...(size.roadEdges === undefined ? [] : ['--roads', '--road-edges', String(size.roadEdges)]),
    ],
    options,
  );
}
