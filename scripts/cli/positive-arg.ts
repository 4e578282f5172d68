/** The numeric options of the benchmark scripts (`--communities 220000`), read one way. */

/**
 * The number after `--name` in `args`, or `fallback` when the option is absent. Anything but a
 * positive number (a positive integer where `integer` is set) ends the process with status 2 and
 * a message naming `tool`: a benchmark has nothing useful to do with a bad size.
 */
export function positiveArg(
  args: readonly string[],
  name: string,
  fallback: number,
  opts: { tool: string; integer: boolean },
): number {
  const i = args.indexOf(`--${name}`);
  const v = i === -1 ? fallback : Number(args[i + 1]);
  if (!(opts.integer ? Number.isInteger(v) : Number.isFinite(v)) || v <= 0) {
    console.error(`${opts.tool}: --${name} must be a positive ${opts.integer ? 'integer' : 'number'}`);
    process.exit(2);
  }
  return v;
}
