/**
 * `npm run build:data [-- --communities FILE …]`: the thin entry of the data build.
 * Exit codes: 0 built (rows may have been rejected: see report.json), 1 an input file could not
 * be used, 2 a usage mistake, 3 --strict and rows were rejected, 130/143 stopped by SIGINT
 * (Ctrl+C) / SIGTERM. A build that does not finish leaves the output folder as it was.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { parseBuildArgs, USAGE, UsageError } from './cli/build-args';
import { heapGrowingFlag } from './cli/heap-limit';
import { memorySettings } from './cli/memory-settings';
import { formatProgress, formatSummary } from './cli/summary';
import { buildData, type BuildOptions } from './pipeline/build';
import { abortOpenStagedOutputs } from './pipeline/output/staged-output';
import { InputError } from './pipeline/table';

/** Exit status after a signal: 128 + its number, as a shell reports a process it killed. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * On Ctrl+C or SIGTERM, removes the half-written staging folder and exits at once with one
 * line. Node runs the handler between two steps of the build, not inside a long synchronous one
 * (tiling), so a national build may take a moment to stop. SIGKILL cannot be caught: the next
 * build removes what it left (scripts/pipeline/output/staged-output.ts).
 */
function exitOnSignals(out: string, midLine: boolean, swapped: () => boolean): void {
  for (const [signal, exitCode] of Object.entries(SIGNAL_EXIT_CODES))
    process.on(signal, () => {
      const removed = abortOpenStagedOutputs();
      const what = swapped()
        ? ''
        : removed.length
          ? `: the unfinished build was removed, ${out} is unchanged`
          : `: ${out} is unchanged`;
      console.error(`${midLine ? '\n' : ''}build:data: stopped by ${signal}${what}`);
      process.exit(exitCode);
    });
}

/** The bundled demo: the five seed programmes. */
const DEMO: Omit<BuildOptions, 'out'> = {
  communities: 'data/communities.csv',
  amenities: 'data/amenities.csv',
  programmes: 'data/programmes.json',
  story: 'data/story.json',
};

async function main(): Promise<number> {
  let args;
  try {
    args = parseBuildArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`build:data: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  // parseBuildArgs leaves out the options not given, so what is left of the arguments passes on
  // to the build as it is.
  const { demo, out, strict, quiet, help, ...given } = args;
  if (help) {
    console.log(USAGE);
    return 0;
  }
  const ledgers = given.communities ?? DEMO.communities;
  const rerun = rerunForMemory([
    ...(typeof ledgers === 'string' ? [ledgers] : ledgers),
    given.amenities,
    given.roads,
  ]);
  if (rerun) return rerun;
  watchParent();
  // Set here, not on a command line: `npm run build:data` starts node itself, on any platform.
  const growing = heapGrowingFlag({ execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS });
  if (growing) setFlagsFromString(growing);
  const tty = process.stderr.isTTY && !quiet;
  let swapped = false;
  exitOnSignals(out, tty, () => swapped);
  let lastDraw = 0;
  const options: BuildOptions = {
    ...(demo ? DEMO : {}),
    communities: DEMO.communities,
    ...given,
    out,
    onProgress: (phase, done, total) => {
      if (!tty) return;
      const now = performance.now();
      if (done < total && now - lastDraw < 100) return;
      lastDraw = now;
      process.stderr.write(`\r${formatProgress(phase, done, total)}${done >= total ? '\n' : ''}`);
    },
  };
  try {
    const result = await buildData(options);
    swapped = true;
    if (!quiet) console.log(formatSummary(result.report, out, result.outFiles, result.timings.total ?? 0));
    if (strict && result.report.rows_rejected > 0) {
      console.error(
        `build:data: --strict: ${result.report.rows_rejected} rows rejected (see ${out}/report.json)`,
      );
      return 3;
    }
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      console.error(`build:data: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

/**
 * Runs this same command again in a child node when the inputs are large enough to need what
 * only a new process can be given, and returns its exit code; undefined when this process should
 * build itself. The child gets the heap limit `heapLimitFlag` asks for (V8's ~4 GB default is too
 * small for ten times the national ledger) and the C allocator's settings (`allocatorEnv`).
 */
function rerunForMemory(inputs: readonly (string | undefined)[]): Promise<number> | undefined {
  const settings = memorySettings(inputs, process.execArgv);
  if (!settings) return undefined;
  const { flag, env } = settings;
  // execArgv carries tsx's loader; the child's own limit and environment then suffice, so it does
  // not rerun. Its stdin is a pipe from this process: should this one be killed outright, the pipe
  // closes and the child stops too rather than swap its output in (watchParent).
  const child = spawn(
    process.execPath,
    [...process.execArgv, ...(flag ? [flag] : []), ...process.argv.slice(1)],
    {
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { ...process.env, ...env, [RERUN_ENV]: '1' },
    },
  );
  // Ctrl+C reaches the child from the terminal; a signal sent to this process alone is passed on,
  // and the child's handlers remove its unfinished output (exitOnSignals).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

/** Set in the environment of the build `rerunForMemory` starts. */
const RERUN_ENV = 'ATLAS_HEAP_RERUN';

/** In a rerun build: when the parent dies (its pipe closes), remove the unfinished output and stop. */
function watchParent(): void {
  if (process.env[RERUN_ENV] !== '1') return;
  process.stdin.on('close', () => {
    abortOpenStagedOutputs();
    console.error('build:data: the process that started this build ended: stopped, output unchanged');
    process.exit(137);
  });
  process.stdin.resume();
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
