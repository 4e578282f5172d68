/**
 * Parses the `build:data` command line. Pure, so the contract other tools rely on is tested
 * without spawning processes.
 */
import { CRS_VALUES, type Crs } from '../../src/domain/vocabulary';
import type { BuildOptions } from '../pipeline/build';
import { parseDisplayCrs, VARIANT_CRS_VALUES, type VariantCrs } from '../pipeline/display-crs';

/**
 * What the command line asks for: the build options its flags set (only those given are
 * present), and what the CLI itself does. `demo` is true when no --communities was given.
 */
export interface BuildArgs extends Partial<Omit<BuildOptions, 'out' | 'onProgress' | 'buildTime'>> {
  demo: boolean;
  out: string;
  strict: boolean;
  quiet: boolean;
  help: boolean;
}

/** A usage mistake; the CLI prints the message and the usage, then exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage:
  npm run build:data                      build the bundled demo from data/ into public/data/
  npm run build:data -- --communities FILE [options]

Options:
  --communities FILE   communities ledger (.xlsx or .csv: UTF-8, UTF-8 BOM or GBK/GB18030), or a
                       folder of them (its .xlsx and .csv files, by name; ~$ lock files skipped).
                       Repeat it for several ledgers (one per city): each is read with its own
                       header, an id repeated across files is rejected, the report counts each file
  --amenities FILE     amenities (.xlsx, .csv or .geojson); enables the life-circle results
  --boundaries FILE    district/street/community polygons (.geojson or zipped shapefile)
  --footprints FILE    community footprint polygons (.geojson), joined by id
  --programmes FILE    programme records with published figures (.json)
  --story FILE         presentation chapters (.json); default: one overview chapter
  --roads FILE         road centrelines (.geojson lines, zipped shapefile with .prj, or .osm.pbf):
                       life circles are measured as walking distance along them, and the street
                       layer and the catchment network are written. Walking distances need
                       --amenities: without it only the street layer and network are written
  --roads-crs SYSTEM   the road file's longitude/latitude system: ${CRS_VALUES.join(' | ')}
                       (default: what the file declares in its .prj or "crs", else WGS84; not for
                       a projected .prj)
  --crs SYSTEM         coordinate system of rows that declare none: ${CRS_VALUES.join(' | ')} (default WGS84)
  --display-crs LIST   also write the tiles in ${VARIANT_CRS_VALUES.join(', ')} (into gcj02/), for an AMap basemap
  --sheet NAME         workbook sheet to read (default: the first)
  --out DIR            output folder (default public/data)
  --strict             exit 3 when any row is rejected (the report is still written)
  --hash-names         name every data file by its content (communities.<hash>.pmtiles), for
                       serving from a CDN or bucket with year-long caching (docs/deploy-cdn.md)
  --quiet              no progress bar or summary
  --help               this text`;

const VALUE_FLAGS = [
  'communities',
  'amenities',
  'boundaries',
  'footprints',
  'programmes',
  'story',
  'roads',
  'roads-crs',
  'crs',
  'display-crs',
  'sheet',
  'out',
] as const;
const BOOLEAN_FLAGS = ['strict', 'quiet', 'help', 'hash-names'] as const;

/** Parses argv (without node and script). Accepts `--flag value` and `--flag=value`. */
export function parseBuildArgs(argv: readonly string[]): BuildArgs {
  const values: Partial<Record<(typeof VALUE_FLAGS)[number], string>> = {};
  const flags: Partial<Record<(typeof BOOLEAN_FLAGS)[number], boolean>> = {};
  const ledgers: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if ((BOOLEAN_FLAGS as readonly string[]).includes(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags[name as (typeof BOOLEAN_FLAGS)[number]] = true;
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined || value === '' || (eq === -1 && value.startsWith('--')))
      throw new UsageError(`--${name} needs a value`);
    // A province's ledgers: one --communities per city file or folder.
    if (name === 'communities') ledgers.push(value);
    if (values[name as (typeof VALUE_FLAGS)[number]] !== undefined && name !== 'communities')
      throw new UsageError(`--${name} given twice`);
    values[name as (typeof VALUE_FLAGS)[number]] = value;
  }
  const crs = values.crs === undefined ? undefined : parseCrsFlag('crs', values.crs);
  const roadsCrs =
    values['roads-crs'] === undefined ? undefined : parseCrsFlag('roads-crs', values['roads-crs']);
  if (roadsCrs && !values.roads)
    throw new UsageError("--roads-crs needs --roads: it names the road file's system");
  let displayCrs: VariantCrs[] | undefined;
  if (values['display-crs'] !== undefined) {
    const parsed = parseDisplayCrs(values['display-crs']);
    if (!parsed)
      throw new UsageError(
        `--display-crs must list ${VARIANT_CRS_VALUES.join(', ')} (or WGS84); got "${values['display-crs']}"`,
      );
    if (parsed.length) displayCrs = parsed;
  }
  const demo = values.communities === undefined;
  if (demo) {
    const given = (['amenities', 'boundaries', 'footprints', 'programmes', 'roads', 'sheet'] as const).filter(
      (k) => values[k],
    );
    if (given.length) throw new UsageError(`--${given[0]} needs --communities: the demo uses its own files`);
  }
  return {
    demo,
    ...(ledgers.length === 1
      ? { communities: ledgers[0]! }
      : ledgers.length > 1
        ? { communities: ledgers }
        : {}),
    ...(values.amenities ? { amenities: values.amenities } : {}),
    ...(values.boundaries ? { boundaries: values.boundaries } : {}),
    ...(values.footprints ? { footprints: values.footprints } : {}),
    ...(values.programmes ? { programmes: values.programmes } : {}),
    ...(values.story ? { story: values.story } : {}),
    ...(values.roads ? { roads: values.roads } : {}),
    ...(roadsCrs ? { roadsCrs } : {}),
    ...(crs ? { crs } : {}),
    ...(displayCrs ? { displayCrs } : {}),
    ...(values.sheet ? { sheet: values.sheet } : {}),
    ...(flags['hash-names'] ? { hashNames: true } : {}),
    out: values.out ?? 'public/data',
    strict: flags.strict ?? false,
    quiet: flags.quiet ?? false,
    help: flags.help ?? false,
  };
}

/** A `--crs`-style value, case and hyphen free (`gcj02`, `GCJ-02`). */
function parseCrsFlag(flag: string, value: string): Crs {
  const wanted = value
    .toUpperCase()
    .replace(/^GCJ02$/, 'GCJ-02')
    .replace(/^BD09$/, 'BD-09');
  const crs = CRS_VALUES.find((c) => c === wanted);
  if (!crs) throw new UsageError(`--${flag} must be one of ${CRS_VALUES.join(', ')}; got "${value}"`);
  return crs;
}
