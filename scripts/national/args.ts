/**
 * Command-line options of `npm run gen:national`. Parsing is pure and throws `UsageError` with
 * a message meant for the person at the terminal; the CLI prints it and exits with status 2.
 */

import { join } from 'node:path';

/** Parsed options of the national test-data generator. */
export interface NationalArgs {
  /** Rows of communities.csv (default 220,000: the national programme's order of magnitude). */
  communities: number;
  /** Rows of amenities.csv (default 100,000). */
  amenities: number;
  /** Output folder (default `tmp/national`, which git ignores: this is test data, never shipped). */
  out: string;
  /** PRNG seed (default 1). */
  seed: number;
  /** Only the N largest cities (default undefined: all of `CITY_CENTRES`, about 300). */
  cities: number | undefined;
  /** Also write roads.geojson, the synthetic road network (default false). */
  roads: boolean;
  /**
   * Edges to aim the road network at (default undefined: `defaultRoadEdges(communities)`, 2 million
   * at the default 220,000 communities).
   */
  roadEdges: number | undefined;
  help: boolean;
}

/** Road edges per community by default: 2 million for the national 220,000. */
const EDGES_PER_COMMUNITY = 2_000_000 / 220_000;

/** The road network's default size for a ledger of `communities` rows. */
export function defaultRoadEdges(communities: number): number {
  return Math.round(communities * EDGES_PER_COMMUNITY);
}

/**
 * Rows per communities file. A single CSV of ten times the national ledger (2 million rows,
 * ~540 MB) decodes past V8's longest string, so larger ledgers are written as a folder of
 * files, the way a province receives one workbook per city; build:data reads the folder.
 */
export const ROWS_PER_LEDGER_FILE = 500_000;

/**
 * Where the communities of a ledger of `communities` rows go: `communities.csv`, or past
 * `ROWS_PER_LEDGER_FILE` a `communities/` folder of `part-01.csv`, `part-02.csv` … (`files`
 * says which, in order, with each file's row count). `path` is what `--communities` takes.
 */
export function communityLedgerLayout(
  out: string,
  communities: number,
): { path: string; files: { path: string; rows: number }[] } {
  if (communities <= ROWS_PER_LEDGER_FILE)
    return {
      path: join(out, 'communities.csv'),
      files: [{ path: join(out, 'communities.csv'), rows: communities }],
    };
  const folder = join(out, 'communities');
  const parts = Math.ceil(communities / ROWS_PER_LEDGER_FILE);
  const files = Array.from({ length: parts }, (_, k) => ({
    path: join(folder, `part-${String(k + 1).padStart(2, '0')}.csv`),
    rows: Math.min(ROWS_PER_LEDGER_FILE, communities - k * ROWS_PER_LEDGER_FILE),
  }));
  return { path: folder, files };
}

/** A mistake on the command line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const NATIONAL_USAGE = `Usage: npm run gen:national -- [--communities N] [--amenities N] [--out DIR] [--seed N]
                            [--cities N] [--roads [--road-edges N]]

Writes deterministic national-scale TEST ledgers (communities.csv, amenities.csv, UTF-8,
Chinese headers of the data standard) for timing the build. Never ship them as data.

  --communities N   community rows (default 220000)
  --amenities N     amenity rows (default 100000)
  --out DIR         output folder (default tmp/national, git-ignored)
  --seed N          random seed, an integer 0..4294967295 (default 1)
  --cities N        only the N largest cities (default all, about 300; 1 = Shanghai alone)
  --roads           also write roads.geojson: a SYNTHETIC street grid around the rows, with a
                    river through each city crossed only at bridges (for --roads of build:data)
  --road-edges N    edges to aim the road network at (default 2000000 for 220000 communities,
                    in proportion otherwise)
  --help            this text`;

/** The options when none are given: the national scale, no roads, seed 1. */
export const NATIONAL_DEFAULTS: Readonly<NationalArgs> = {
  communities: 220_000,
  amenities: 100_000,
  out: 'tmp/national',
  seed: 1,
  cities: undefined,
  roads: false,
  roadEdges: undefined,
  help: false,
};

function wholeNumber(flag: string, raw: string, min: number, max: number): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** Parses `process.argv.slice(2)`. Accepts `--flag value` and `--flag=value`. */
export function parseNationalArgs(argv: readonly string[]): NationalArgs {
  const args: NationalArgs = { ...NATIONAL_DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === '--help' || token === '-h') {
      args.help = true;
      continue;
    }
    if (token === '--roads') {
      args.roads = true;
      continue;
    }
    const match = /^(--[a-z-]+)(?:=(.*))?$/.exec(token);
    if (!match) throw new UsageError(`unexpected argument "${token}"`);
    const flag = match[1] as string;
    if (!['--communities', '--amenities', '--out', '--seed', '--cities', '--road-edges'].includes(flag)) {
      throw new UsageError(`unknown option ${flag}`);
    }
    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      i++;
    }
    if (flag === '--communities') args.communities = wholeNumber(flag, value, 1, 10_000_000);
    else if (flag === '--amenities') args.amenities = wholeNumber(flag, value, 0, 10_000_000);
    else if (flag === '--seed') args.seed = wholeNumber(flag, value, 0, 0xffffffff);
    else if (flag === '--cities') args.cities = wholeNumber(flag, value, 1, 10_000);
    else if (flag === '--road-edges') args.roadEdges = wholeNumber(flag, value, 1, 100_000_000);
    else if (value.trim() === '') throw new UsageError('--out needs a folder');
    else args.out = value;
  }
  if (args.roadEdges !== undefined && !args.roads) {
    throw new UsageError('--road-edges sizes the road network: give --roads too');
  }
  return args;
}
