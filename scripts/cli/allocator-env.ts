/**
 * The C allocator settings the data build runs with. Node keeps typed arrays' memory in glibc's
 * malloc, and glibc raises its mmap threshold each time a large block is freed (up to 32 MiB), so
 * the graph's, the distance tables' and the tiler's arrays, once freed, leave holes in the C heap
 * that stay resident for the rest of the build. With the threshold fixed, every block past it is
 * its own mapping, handed back to the system when freed. Measured with `npm run bench:build` on
 * the national ledger (2026-12-05): with roads 1,047 MB peak resident without it, 952–970 MB with
 * it; without roads 931–947 MB without it, 866–905 MB with it, in the same time (the machine's
 * drift, 44–53 s, is larger than any difference).
 *
 * glibc reads the setting once, when the process starts, so the build sets it by running itself
 * again (scripts/build-data.ts), and only for inputs large enough for it to matter.
 */

/** glibc's `MALLOC_MMAP_THRESHOLD_`: blocks of this many bytes or more are mapped on their own. */
export const MMAP_THRESHOLD_BYTES = 128 * 1024;

/**
 * Inputs (ledgers, amenities, roads) from which the build runs itself again with the setting:
 * below it the build's memory is small either way, and a second process costs about half a second.
 */
export const ALLOCATOR_RERUN_INPUT_BYTES = 32 * 2 ** 20;

const VARIABLE = 'MALLOC_MMAP_THRESHOLD_';

/**
 * The variables to add to the build's environment, or undefined when it needs none: not glibc
 * (`glibcVersion` as `process.report` gives it, undefined elsewhere), inputs under
 * `ALLOCATOR_RERUN_INPUT_BYTES`, or the variable already set (by the user, or by the process
 * that started this one).
 */
export function allocatorEnv(opts: {
  glibcVersion: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  inputBytes: number;
}): Record<string, string> | undefined {
  if (!opts.glibcVersion) return undefined;
  if (opts.env[VARIABLE] !== undefined) return undefined;
  if (opts.inputBytes < ALLOCATOR_RERUN_INPUT_BYTES) return undefined;
  return { [VARIABLE]: String(MMAP_THRESHOLD_BYTES) };
}

/** The running C library's glibc version, or undefined on another libc or platform. */
export function glibcVersion(): string | undefined {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return report?.header?.glibcVersionRuntime;
}
