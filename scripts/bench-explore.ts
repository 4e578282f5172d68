/**
 * `npm run bench:explore [-- --data tmp/bench-out-220000 --repeat 30]`
 *
 * What a filter costs out of the browser: the explore index of a built dataset (core and
 * figures parts, as the page holds them once both are in) and, for each filter of a fixed
 * sequence (the stage boxes `npm run bench:site` ticks, and a few wider ones), the ms of the
 * mask, the faceted counts and the summaries the explore state computes per filter (median and
 * slowest of `--repeat` runs). Compare with the browser's `explore:compute:*` measures, which
 * also pay for the map drawing on the same cores. A benchmark: prints figures, asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { positiveArg } from './cli/positive-arg';
import { decodePart } from '../src/explore/explore-decode-part';
import { DERIVE_RULES } from '../src/explore/derive-rules';
import { ExploreIndex } from '../src/explore/explore-index';
import { EMPTY_FILTERS, facetCounts, matchMask, type Filters } from '../src/explore/filters';
import { summarise } from '../src/explore/summaries';

const args = process.argv.slice(2);
const valueOf = (name: string) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 ? args[k + 1] : undefined;
};
/** Built dataset to read (a `build:data` output folder); default: the one bench:site builds. */
const DATA = valueOf('data') ?? join('tmp', 'bench-out-220000');
/** Runs of each filter; the median and the slowest are printed. */
const REPEAT = positiveArg(args, 'repeat', 30, { tool: 'bench:explore', integer: true });

function buffer(path: string): ArrayBuffer {
  const bytes = readFileSync(path);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function loadIndex(dir: string): ExploreIndex {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    explore?: { parts: { core: string; figures: string } };
  };
  if (!manifest.explore) throw new Error(`bench:explore: ${dir}/manifest.json names no explore index`);
  const { core: corePath, figures: figuresPath } = manifest.explore.parts;
  const core = decodePart({
    part: 'core',
    bytes: buffer(join(dir, corePath)),
    label: corePath,
    rules: DERIVE_RULES,
  });
  if (core.part !== 'core') throw new Error(`bench:explore: ${corePath}: ${JSON.stringify(core)}`);
  const figures = decodePart({
    part: 'figures',
    bytes: buffer(join(dir, figuresPath)),
    label: figuresPath,
    count: core.core.count,
    rules: DERIVE_RULES,
  });
  if (figures.part !== 'figures')
    throw new Error(`bench:explore: ${figuresPath}: ${JSON.stringify(figures)}`);
  return new ExploreIndex(core.core, core.derived).withFigures(figures);
}

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `${median.toFixed(1)} (max ${sorted.at(-1)!.toFixed(1)})`;
}

function main(): void {
  const index = loadIndex(DATA);
  const stages = index.text.stage.values.filter((v): v is string => v !== null);
  const cities = index.text.city.values.filter((v): v is string => v !== null);
  const sequence: [string, Filters][] = [
    [`stage ${stages[0]}`, { ...EMPTY_FILTERS, stage: [stages[0]!] }],
    [`stage ${stages[0]}, ${stages[1]}`, { ...EMPTY_FILTERS, stage: [stages[0]!, stages[1]!] }],
    [`stage ${stages[1]}`, { ...EMPTY_FILTERS, stage: [stages[1]!] }],
    [`city ${cities[0]}`, { ...EMPTY_FILTERS, city: [cities[0]!] }],
    [
      'stage + city + batch ≥ 2020 + item + real',
      {
        ...EMPTY_FILTERS,
        stage: [stages[0]!],
        city: [cities[0]!, cities[1]!],
        batchYear: { min: 2020, max: null },
        items: [index.items.keys[0]!],
        synthetic: 'real',
      },
    ],
    ['batch ≥ 2021', { ...EMPTY_FILTERS, batchYear: { min: 2021, max: null } }],
  ];
  console.log(
    `${index.count} rows from ${DATA}; ${REPEAT} runs per filter; load average ${loadavg()[0]!.toFixed(2)}`,
  );
  console.log('filter: ms mask | facets | summaries | total, median (slowest)');
  for (const [label, filters] of sequence) {
    const mask: number[] = [];
    const facets: number[] = [];
    const summary: number[] = [];
    const total: number[] = [];
    for (let r = 0; r < REPEAT; r++) {
      const t0 = performance.now();
      const m = matchMask(index, filters);
      const t1 = performance.now();
      facetCounts(index, filters);
      const t2 = performance.now();
      summarise(index, m);
      const t3 = performance.now();
      mask.push(t1 - t0);
      facets.push(t2 - t1);
      summary.push(t3 - t2);
      total.push(t3 - t0);
    }
    console.log(`${label}: ${stats(mask)} | ${stats(facets)} | ${stats(summary)} | ${stats(total)}`);
  }
}

main();
