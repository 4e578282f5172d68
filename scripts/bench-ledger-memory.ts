/**
 * Measures the live heap while a communities ledger is read and normalised: after reading (the
 * table held), after normalising (records made), and once the table is dropped. Prints figures;
 * asserts nothing. Needs `--expose-gc` (the npm script passes it):
 *
 *   npm run bench:ledger-memory -- tmp/national-…/communities.csv [--keep-rows]
 *
 * Rows are released as they are normalised, as the build does; `--keep-rows` measures the table
 * held whole to the end, as before.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { COMMUNITY_FIELDS } from '../src/domain/schema';
import { normaliseCommunities } from './pipeline/normalise/communities';
import { readTable } from './pipeline/read/read-table';
import type { RawTable } from './pipeline/table';
import { headerMatcher } from './pipeline/steps/table-step';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:ledger-memory)');
const MiB = 1024 * 1024;

/** The live heap after a full collection, in MB. */
function liveHeap(): number {
  gc!();
  return Math.round(process.memoryUsage().heapUsed / MiB);
}

/** The ledger's table; the file's bytes are dropped on return, as the build drops them. */
async function readLedger(path: string): Promise<RawTable> {
  return readTable(path, readFileSync(path), { isKnownHeader: headerMatcher(COMMUNITY_FIELDS, true) });
}

/** Normalises the table the holder owns, then lets go of it; returns the counts and the heap figures. */
function normalise(holder: { table?: RawTable }, path: string, releaseRows: boolean) {
  const t = performance.now();
  const result = normaliseCommunities(holder.table!, { sourceLabel: basename(path), releaseRows });
  const ms = performance.now() - t;
  const both = liveHeap();
  delete holder.table;
  return { result, ms, both, alone: liveHeap() };
}

async function main(path: string, releaseRows: boolean): Promise<void> {
  const started = performance.now();
  const before = liveHeap();
  const holder: { table?: RawTable } = { table: await readLedger(path) };
  const read = liveHeap();
  const readMs = performance.now() - started;
  const { result, ms, both, alone } = normalise(holder, path, releaseRows);
  const peak = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    `${basename(path)}${releaseRows ? '' : ' (rows kept)'}: ${result.rows_read} rows, ${result.records.length} ` +
      `records; live heap ${before} MB before, ${read} MB after reading, ${both} MB after normalising (table ` +
      `and records), ${alone} MB with the records alone; read ${(readMs / 1000).toFixed(1)} s, normalise ` +
      `${(ms / 1000).toFixed(1)} s; peak RSS ${peak} MB`,
  );
}

const path = process.argv[2];
if (!path) {
  console.error('usage: bench-ledger-memory.ts LEDGER.csv|LEDGER.xlsx');
  process.exit(2);
}
await main(path, !process.argv.includes('--keep-rows'));
