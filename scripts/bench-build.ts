/**
 * `npm run bench:build [-- --city] [--communities N] [--amenities N] [--road-edges N] [--cities N]
 * [--no-roads | --roads-only] [--cpu-prof] [--compare]`
 *
 * Generates a test ledger and its SYNTHETIC road network (scripts/national/; reused when the folder
 * already holds them), runs the whole data build on it in a child process, by default twice, without
 * and then with `--roads`, and prints side by side the step timings, wall time, peak memory (GNU
 * time) and the highest resident memory sampled during each step (Linux /proc, every 100 ms), with
 * the walking-network targets: the network step (`life_circles` with roads) within 30 s at
 * national scale (3 s for `--city`), and peak memory raised by at most 500 MB.
 *
 *   (default)      national: 220,000 communities, 100,000 amenities, all ~300 cities, 2 million road edges
 *   --city         one city: 5,000 communities, 2,500 amenities, Shanghai alone, 150,000 road edges
 *   --no-roads     only the build without roads (the figures of the earlier benchmark)
 *   --roads-only   only the build with roads
 *   --cpu-prof     write V8 CPU profiles of each build to tmp/bench-prof/<build>/ (slows it)
 *   --heap         also print the live heap after each step (a forced full collection after
 *                  each: slows the build, and its RSS is then lower than an ordinary run's)
 *   --compare      also time tippecanoe and ogr2ogr (when installed) on the same points
 *
 * A benchmark script, not a test: it prints figures and asserts nothing. Run it on a quiet
 * machine; it prints the load average before each build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { communityLedgerLayout, defaultRoadEdges } from './national/args';
import {
  kbToMB,
  peakRssKb,
  scaleTargetLines,
  stepPeaks,
  stepTable,
  summarySeconds,
  targetLines,
  type BuildRun,
  type RssSample,
} from './bench/build-figures';
import { memorySettings } from './cli/memory-settings';
import { positiveArg } from './cli/positive-arg';
import { spawnGenerateNational } from './national/spawn-generate';

const args = process.argv.slice(2);
const city = args.includes('--city');
const arg = (name: string, fallback: number) =>
  positiveArg(args, name, fallback, { tool: 'bench:build', integer: true });
const communities = arg('communities', city ? 5000 : 220_000);
const amenities = arg('amenities', city ? 2500 : 100_000);
const roadEdges = arg('road-edges', city ? 150_000 : defaultRoadEdges(communities));
const citiesArg = args.includes('--cities') ? arg('cities', 1) : city ? 1 : undefined;
const runWithout = !args.includes('--roads-only');
const runWith = !args.includes('--no-roads');
if (!runWith && !runWithout) {
  console.error('bench:build: --no-roads and --roads-only leave nothing to run');
  process.exit(2);
}
const targets = { networkStepS: city ? 3 : 30, rssRiseMB: 500 };

const citiesTag = citiesArg === undefined ? '' : `-c${citiesArg}`;
const dir = join('tmp', `national-${communities}-${amenities}${citiesTag}-r${roadEdges}`);
const ledger = {
  // A folder of files past 500,000 rows (scripts/national/args.ts): one CSV would pass V8's longest string.
  communities: communityLedgerLayout(dir, communities).path,
  amenities: join(dir, 'amenities.csv'),
  roads: join(dir, 'roads.geojson'),
};

// The road network only when a build with roads will run: at ten times national it is 755 MB.
const needed = runWith ? Object.values(ledger) : [ledger.communities, ledger.amenities];
if (!needed.every((f) => existsSync(f))) {
  console.log(`generating the test ledger${runWith ? ' and its synthetic road network' : ''} into ${dir}/ …`);
  const gen = spawnGenerateNational(
    {
      communities,
      amenities,
      out: dir,
      ...(runWith ? { roadEdges } : {}),
      ...(citiesArg === undefined ? {} : { cities: citiesArg }),
    },
    { stdio: 'inherit' },
  );
  if (gen.status !== 0) process.exit(gen.status ?? 1);
}

/** MiB of a file, or of the files in a folder (the ledger past 500,000 rows). */
const mib = (f: string) => {
  const stat = statSync(f);
  const bytes = stat.isDirectory()
    ? readdirSync(f).reduce((sum, name) => sum + statSync(join(f, name)).size, 0)
    : stat.size;
  return (bytes / 1048576).toFixed(1);
};
const cpu = cpus();
console.log(
  `machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ` +
    `Node ${process.versions.node}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
);
console.log(
  `input: ${ledger.communities} (${mib(ledger.communities)} MiB), amenities.csv (${mib(ledger.amenities)} MiB), ` +
    (runWith
      ? `roads.geojson (${mib(ledger.roads)} MiB, SYNTHETIC, ${roadEdges} edges aimed at)`
      : 'no roads'),
);

interface Built extends BuildRun {
  out: string;
}

/** The resident memory of process `pid` in KiB (Linux /proc), or NaN when it cannot be read. */
function rssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  } catch {
    return Number.NaN;
  }
}

/** The first child of process `pid` (GNU time's child: the build), or undefined. */
function childOf(pid: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return children ? Number(children.split(/\s+/)[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** A command's exit, output and the build's memory sampled every 100 ms while it ran. */
function traced(
  command: string,
  commandArgs: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ status: number | null; stdout: string; stderr: string; samples: RssSample[]; wallS: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const samples: RssSample[] = [];
    let build: number | undefined;
    const timer = setInterval(() => {
      build ??= child.pid === undefined ? undefined : childOf(child.pid);
      const kb = build === undefined ? Number.NaN : rssKb(build);
      if (Number.isFinite(kb)) samples.push({ t: (performance.now() - start) / 1000, kb });
    }, 100);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (status) => {
      clearInterval(timer);
      resolve({ status, stdout, stderr, samples, wallS: (performance.now() - start) / 1000 });
    });
  });
}

/**
 * Runs one build under GNU time (`/usr/bin/time -v` reports the child's peak resident set size;
 * node is run directly so the figure is the build's, not npm's), sampling its memory meanwhile.
 */
async function build(label: string, roads: boolean): Promise<Built> {
  const out = join('tmp', `bench-out-${communities}${citiesTag}${roads ? '-roads' : ''}`);
  const load = loadavg().map((x) => x.toFixed(2));
  console.log(`\nbuilding ${label} … (load average ${load.join(', ')} on ${cpu.length} cores)`);
  // One folder per build: each thread (the build, tsx's loader, the gzip workers) writes its own.
  const prof = args.includes('--cpu-prof')
    ? ['--cpu-prof', '--cpu-prof-dir', join('tmp', 'bench-prof', label.replace(/ /g, '-'))]
    : [];
  // The step timer's opt-in heap trace (scripts/pipeline/steps/step-timer.ts).
  const heap = args.includes('--heap');
  // What build:data would rerun itself with, given here so the process measured is the build.
  const settings = memorySettings(
    [ledger.communities, ledger.amenities, ...(roads ? [ledger.roads] : [])],
    [],
  );
  const heapFlag = settings?.flag;
  const env = settings?.env;
  let run: Awaited<ReturnType<typeof traced>>;
  try {
    run = await traced(
      '/usr/bin/time',
      [
        '-v',
        process.execPath,
        ...prof,
        ...(heap ? ['--expose-gc'] : []),
        ...(heapFlag ? [heapFlag] : []),
        '--import',
        'tsx',
        'scripts/build-data.ts',
        '--communities',
        ledger.communities,
        '--amenities',
        ledger.amenities,
        ...(roads ? ['--roads', ledger.roads] : []),
        '--out',
        out,
      ],
      { ...process.env, ...env, ...(heap ? { ATLAS_HEAP_TRACE: '1' } : {}) },
    );
  } catch (error) {
    console.error(
      `bench:build: cannot run /usr/bin/time (${(error as Error).message}); install Debian's "time" package`,
    );
    process.exit(1);
  }
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    process.exit(run.status ?? 1);
  }
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
    build_timings_ms?: Record<string, number>;
    life_circles?: { network?: Record<string, unknown> };
  };
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
    rows_read: number;
    rows_accepted: number;
  };
  const { wallS } = run;
  console.log(
    `  rows read ${report.rows_read} (${report.rows_accepted} accepted), wall ${wallS.toFixed(1)} s`,
  );
  const network = manifest.life_circles?.network;
  if (network) console.log(`  network: ${JSON.stringify(network)}`);
  for (const line of run.stderr.split('\n')) if (line.startsWith('heap after ')) console.log(`  ${line}`);
  const peakKb = peakRssKb(run.stderr);
  console.log(`  peak RSS ${kbToMB(peakKb).toFixed(0)} MB; load average after: ${loadavg()[0]!.toFixed(2)}`);
  const timings = manifest.build_timings_ms ?? {};
  const buildS = summarySeconds(run.stdout);
  const last = run.samples.at(-1)?.t ?? wallS;
  const sampled = run.samples.length > 0 && Number.isFinite(buildS);
  return {
    label,
    wallS,
    peakKb,
    timings,
    ...(sampled ? { stepPeakKb: stepPeaks(run.samples, timings, last, buildS) } : {}),
    out,
  };
}

const without = runWithout ? await build('without roads', false) : undefined;
const withRoads = runWith ? await build('with roads', true) : undefined;
const runs = [without, withRoads].filter((r): r is Built => r !== undefined);

console.log(
  `\n${city ? 'city' : 'national'} case: ${communities} communities, ${amenities} amenities` +
    (runWith ? `, ${roadEdges} road edges aimed at` : ''),
);
for (const line of stepTable(runs)) console.log(line);
// The national-scale issue's targets, set for the national ledger (other sizes only have to
// finish). tippecanoe cannot be installed here, so its figure is the one recorded earlier on
// this machine (`--compare` runs it where it is installed).
if (!city && communities === 220_000 && amenities === 100_000) {
  console.log('');
  const reference = {
    tool: 'tippecanoe',
    seconds: 69,
    outputMiB: 141,
    measured: 'earlier on this 2-core machine',
  };
  // The time target is the build without roads: the reference tiles the points alone.
  for (const run of runs) {
    const time = run === without ? { fraction: 0.75, reference } : undefined;
    for (const line of scaleTargetLines(run, { peakRssMB: 1000, ...(time ? { time } : {}) }))
      console.log(line);
  }
}
if (withRoads) {
  console.log('');
  for (const line of targetLines(withRoads, without, targets)) console.log(line);
}
const tilesOf = runs[0]!.out;
console.log(
  `\ncommunities.pmtiles: ${(statSync(join(tilesOf, 'communities.pmtiles')).size / 1048576).toFixed(1)} MiB` +
    (withRoads
      ? `; streets.pmtiles: ${(statSync(join(withRoads.out, 'streets.pmtiles')).size / 1048576).toFixed(1)} MiB`
      : ''),
);

// Reference tile builders on the same points, when asked for and installed: tippecanoe (not in
// Debian 12) and GDAL's ogr2ogr (Debian package gdal-bin). Each reads the GeoJSON our build wrote.
if (args.includes('--compare')) {
  const geojson = join(tilesOf, 'communities.geojson');
  const references: [string, string[]][] = [
    [
      'tippecanoe',
      ['-zg', '--drop-densest-as-needed', '--force', '-o', join(tilesOf, 'tippecanoe.pmtiles'), geojson],
    ],
    ['ogr2ogr', ['-f', 'MBTILES', '-dsco', 'MAXZOOM=14', join(tilesOf, 'ogr2ogr.mbtiles'), geojson]],
  ];
  for (const [tool, toolArgs] of references) {
    rmSync(join(tilesOf, tool === 'ogr2ogr' ? 'ogr2ogr.mbtiles' : 'tippecanoe.pmtiles'), { force: true });
    const t0 = performance.now();
    const ref = spawnSync('/usr/bin/time', ['-v', tool, ...toolArgs], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const s = (performance.now() - t0) / 1000;
    if (ref.status === 127 || /No such file|cannot run/i.test(ref.stderr ?? '')) {
      console.log(`${tool.padEnd(11)} not installed: skipped`);
      continue;
    }
    console.log(
      `${tool.padEnd(11)} ${ref.status === 0 ? 'ok' : `exit ${ref.status}`}: ${s.toFixed(1)} s, peak ` +
        `${kbToMB(peakRssKb(ref.stderr)).toFixed(0)} MB (tiles only, from communities.geojson)`,
    );
  }
}
