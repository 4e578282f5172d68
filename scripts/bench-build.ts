/**
 * `npm run bench:build [-- --communities 220000 --amenities 100000]`: generates the national-scale
 * test ledger (unless it already exists with those sizes), runs the whole data build on it in a
 * child process and prints wall time, rows per second, peak memory and the build's own step
 * timings. With --compare, also times tippecanoe and ogr2ogr (when installed) on the same points.
 * A benchmark script, not a test: it prints figures and asserts nothing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { positiveArg } from './cli/positive-arg';
import { spawnGenerateNational } from './national/spawn-generate';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) =>
  positiveArg(args, name, fallback, { tool: 'bench:build', integer: true });
const communities = arg('communities', 220000);
const amenities = arg('amenities', 100000);
const dir = join('tmp', `national-${communities}-${amenities}`);
const out = join('tmp', `bench-out-${communities}`);

if (!existsSync(join(dir, 'communities.csv')) || !existsSync(join(dir, 'amenities.csv'))) {
  console.log(`generating ${communities} communities and ${amenities} amenities into ${dir}/ …`);
  const gen = spawnGenerateNational({ communities, amenities, out: dir }, { stdio: 'inherit' });
  if (gen.status !== 0) process.exit(gen.status ?? 1);
}

const size = (f: string) => (statSync(f).size / 1048576).toFixed(1);
console.log(
  `input: ${dir}/communities.csv (${size(join(dir, 'communities.csv'))} MiB), amenities.csv (${size(join(dir, 'amenities.csv'))} MiB)`,
);

// /usr/bin/time -v reports the child's peak resident set size; run through node directly so the
// figure is the build's, not npm's.
const start = performance.now();
const run = spawnSync(
  '/usr/bin/time',
  [
    '-v',
    process.execPath,
    '--import',
    'tsx',
    'scripts/build-data.ts',
    '--communities',
    join(dir, 'communities.csv'),
    '--amenities',
    join(dir, 'amenities.csv'),
    '--out',
    out,
    '--quiet',
  ],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
const wall = (performance.now() - start) / 1000;
if (run.error) {
  console.error(
    `bench:build: cannot run /usr/bin/time (${run.error.message}); install Debian's "time" package`,
  );
  process.exit(1);
}
if (run.status !== 0) {
  console.error(run.stdout, run.stderr);
  process.exit(run.status ?? 1);
}
const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] ?? NaN);
const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
  rows_read: number;
  rows_accepted: number;
};
const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
  build_timings_ms?: Record<string, number>;
};
const tiles = statSync(join(out, 'communities.pmtiles')).size;

console.log(`rows read:        ${report.rows_read} (${report.rows_accepted} accepted)`);
console.log(`wall time:        ${wall.toFixed(1)} s (process start to exit, including tsx start-up)`);
console.log(`rows per second:  ${Math.round(report.rows_read / wall)}`);
console.log(`peak memory:      ${(peakKb / 1024).toFixed(0)} MiB (maximum resident set size)`);
console.log(`communities.pmtiles: ${(tiles / 1048576).toFixed(1)} MiB`);
if (manifest.build_timings_ms) {
  console.log('build steps (ms):');
  for (const [k, v] of Object.entries(manifest.build_timings_ms)) console.log(`  ${k.padEnd(22)} ${v}`);
}

// Reference tile builders on the same points, when asked for and installed: tippecanoe (not in
// Debian 12) and GDAL's ogr2ogr (Debian package gdal-bin). Each reads the GeoJSON our build wrote.
if (args.includes('--compare')) {
  const geojson = join(out, 'communities.geojson');
  const references: [string, string[]][] = [
    [
      'tippecanoe',
      ['-zg', '--drop-densest-as-needed', '--force', '-o', join(out, 'tippecanoe.pmtiles'), geojson],
    ],
    ['ogr2ogr', ['-f', 'MBTILES', '-dsco', 'MAXZOOM=14', join(out, 'ogr2ogr.mbtiles'), geojson]],
  ];
  for (const [tool, toolArgs] of references) {
    rmSync(join(out, tool === 'ogr2ogr' ? 'ogr2ogr.mbtiles' : 'tippecanoe.pmtiles'), { force: true });
    const t0 = performance.now();
    const ref = spawnSync('/usr/bin/time', ['-v', tool, ...toolArgs], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = (performance.now() - t0) / 1000;
    if (ref.status === 127 || /No such file|cannot run/i.test(ref.stderr ?? '')) {
      console.log(`${tool.padEnd(11)} not installed: skipped`);
      continue;
    }
    const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(ref.stderr)?.[1] ?? NaN);
    console.log(
      `${tool.padEnd(11)} ${ref.status === 0 ? 'ok' : `exit ${ref.status}`}: ${seconds.toFixed(1)} s, peak ${(kb / 1024).toFixed(0)} MiB (tiles only, from communities.geojson)`,
    );
  }
}
