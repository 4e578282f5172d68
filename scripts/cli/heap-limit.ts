/**
 * The data build's heap limit. V8 caps the old generation near 4 GB on 64-bit machines whatever
 * their memory, while the build's live data grows with the ledger: ten times the national ledger
 * (2 million communities) holds more than that while its rows are normalised. So the build asks
 * for a share of the machine's memory instead, leaving the rest to the OS (page cache, the tile
 * spool) and whatever else runs.
 */

/** Share of the machine's memory the build's heap may take. */
export const HEAP_SHARE = 0.75;

/** The `--max-old-space-size` value, in MiB, for a machine with `totalMemBytes` of memory. */
export function wantedHeapMiB(totalMemBytes: number): number {
  return Math.floor((totalMemBytes / 2 ** 20) * HEAP_SHARE);
}

/**
 * The flag to run the build with, or undefined when it needs none: the user set a limit (on the
 * command line or in NODE_OPTIONS), or the current one is already at least the wanted one (a small
 * machine keeps V8's default rather than having it lowered).
 */
export function heapLimitFlag(opts: {
  execArgv: readonly string[];
  nodeOptions: string | undefined;
  /** `v8.getHeapStatistics().heap_size_limit`. */
  currentLimitBytes: number;
  totalMemBytes: number;
}): string | undefined {
  const given = /--max[-_]old[-_]space[-_]size/;
  if (opts.execArgv.some((a) => given.test(a)) || given.test(opts.nodeOptions ?? '')) return undefined;
  const wanted = wantedHeapMiB(opts.totalMemBytes);
  if (opts.currentLimitBytes / 2 ** 20 >= wanted) return undefined;
  return `--max-old-space-size=${wanted}`;
}
