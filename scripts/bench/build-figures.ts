/**
 * The figures `npm run bench:build` prints, made from what each build left behind: GNU time's
 * report (peak memory), the manifest's step timings, the CLI's closing line and the resident
 * memory sampled while it ran. Pure, so the table and the target lines are tested apart from the
 * minutes-long builds that feed them.
 */

/** One timed build. */
export interface BuildRun {
  /** Column heading, e.g. `without roads`. */
  label: string;
  /** Process start to exit, seconds. */
  wallS: number;
  /** Maximum resident set size of the build process, KiB (GNU time's unit). */
  peakKb: number;
  /** The manifest's `build_timings_ms`: milliseconds per step, in the order they ran. */
  timings: Readonly<Record<string, number>>;
  /** Highest resident memory sampled during each step, KiB (see `stepPeaks`); absent: not sampled. */
  stepPeakKb?: Readonly<Record<string, number>>;
}

/** Resident memory of the build process at `t` seconds after the benchmark started it. */
export interface RssSample {
  t: number;
  kb: number;
}

/** Targets of the walking-network build, as the issue states them. */
export interface NetworkTargets {
  /** Longest the network step (`life_circles` with roads) may take, seconds. */
  networkStepS: number;
  /** Most the road network may raise the build's peak memory, MB (10^6 bytes). */
  rssRiseMB: number;
}

/** The peak RSS in KiB from `/usr/bin/time -v` output, or NaN when the line is missing. */
export function peakRssKb(timeReport: string): number {
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(timeReport);
  return match ? Number(match[1]) : Number.NaN;
}

/** The build's own seconds from `Wrote N files to DIR/ in 12.3 s` (the CLI's last line), or NaN. */
export function summarySeconds(stdout: string): number {
  const match = /Wrote \d+ files to .* in (\d+(?:\.\d+)?) s/.exec(stdout);
  return match ? Number(match[1]) : Number.NaN;
}

/**
 * The highest sampled memory during each step. The steps ran one after another in the order of
 * `timings` and the build ended (output verified, CLI about to exit) at `endS` after `buildS`
 * seconds of its own, so step k ran from `endS − buildS` plus the steps before it; what the
 * manifest does not time (its own writing, the verification) falls in `verify_output`, and the
 * start-up before the first step in `startup`. Gaps between timed steps shift the later ones by
 * their length (milliseconds in this build).
 */
export function stepPeaks(
  samples: readonly RssSample[],
  timings: Readonly<Record<string, number>>,
  endS: number,
  buildS: number,
): Record<string, number> {
  const bounds: [string, number][] = [];
  let at = endS - buildS;
  bounds.push(['startup', at]);
  for (const [step, ms] of Object.entries(timings)) {
    if (step === 'total') continue;
    at += ms / 1000;
    bounds.push([step, at]);
  }
  bounds.push(['verify_output', Infinity]);
  const peaks: Record<string, number> = {};
  for (const { t, kb } of samples) {
    const step = bounds.find(([, end]) => t <= end)![0];
    peaks[step] = Math.max(peaks[step] ?? 0, kb);
  }
  return peaks;
}

/** KiB to MB (10^6 bytes), the unit the targets are stated in. */
export const kbToMB = (kb: number): number => (kb * 1024) / 1e6;

/** Steps the walking network adds or changes, flagged in the table. */
const NETWORK_STEPS: Readonly<Record<string, string>> = {
  roads: 'read the road file, build the graph',
  life_circles: 'the network step: snap, walk, distances',
  streets: 'streets.pmtiles and display copies',
  walk_network: 'walk-network.bin',
};

const seconds = (ms: number | undefined): string => (ms === undefined ? '—' : (ms / 1000).toFixed(1));

/**
 * The side-by-side table: one row per step (in the order the last build ran them, `total` last),
 * then wall time and peak RSS; times in seconds, memory in MB. With two runs a column gives the
 * second minus the first; where memory was sampled, each run's highest sample during each step
 * follows (so a step that raised the peak shows which).
 */
export function stepTable(runs: readonly BuildRun[]): string[] {
  // The last build's order first (with roads it has every step, `roads` near the start), then
  // any step only an earlier one ran.
  const steps: string[] = [];
  for (const run of [...runs].reverse()) {
    for (const step of Object.keys(run.timings))
      if (step !== 'total' && !steps.includes(step)) steps.push(step);
  }
  const sampled = runs.some((r) => r.stepPeakKb);
  if (sampled) steps.unshift('startup');
  if (sampled) steps.push('verify_output');
  steps.push('total');
  const diff = runs.length === 2;
  const width = Math.max(16, ...runs.map((r) => r.label.length + 2));
  const cell = (text: string): string => text.padStart(width);
  const row = (name: string, values: string[], change: string, peaks: string[], note = ''): string =>
    `${name.padEnd(22)}${values.map(cell).join('')}${diff ? cell(change) : ''}` +
    `${sampled ? peaks.map(cell).join('') : ''}${note ? `   ${note}` : ''}`;
  const signed = (x: number, digits: number): string => {
    const text = Math.abs(x).toFixed(digits);
    return Number(text) === 0 ? text : `${x > 0 ? '+' : '-'}${text}`;
  };
  const lines = [
    row(
      'step (s)',
      runs.map((r) => r.label),
      'change',
      runs.map((r) => `RSS MB ${r.label.split(' ')[0]}`),
    ),
  ];
  for (const step of steps) {
    const ms = runs.map((r) => r.timings[step]);
    const change =
      ms[0] !== undefined && ms[1] !== undefined
        ? signed((ms[1] - ms[0]) / 1000, 1)
        : ms[1] !== undefined
          ? 'new'
          : '';
    const peaks = runs.map((r) => {
      const kb = r.stepPeakKb?.[step];
      return kb === undefined ? '—' : kbToMB(kb).toFixed(0);
    });
    lines.push(row(step, ms.map(seconds), change, peaks, NETWORK_STEPS[step] ?? ''));
  }
  lines.push(
    row(
      'wall (process)',
      runs.map((r) => r.wallS.toFixed(1)),
      diff ? signed(runs[1]!.wallS - runs[0]!.wallS, 1) : '',
      [],
    ),
  );
  lines.push(
    row(
      'peak RSS (MB)',
      runs.map((r) => kbToMB(r.peakKb).toFixed(0)),
      diff ? signed(kbToMB(runs[1]!.peakKb - runs[0]!.peakKb), 0) : '',
      [],
    ),
  );
  return lines;
}

/**
 * Whether the run with roads meets the targets: its network step, and (given the run without)
 * how much it raised the peak memory. One line each, saying met or MISSED and by how much.
 */
export function targetLines(
  withRoads: BuildRun,
  without: BuildRun | undefined,
  targets: NetworkTargets,
): string[] {
  const lines: string[] = [];
  const ms = withRoads.timings.life_circles;
  if (ms === undefined) {
    lines.push('network step: no life_circles timing in the manifest');
  } else {
    const s = ms / 1000;
    lines.push(
      `network step (life_circles with roads): ${s.toFixed(1)} s, target ≤ ${targets.networkStepS} s: ` +
        (s <= targets.networkStepS ? 'met' : `MISSED by ${(s - targets.networkStepS).toFixed(1)} s`),
    );
  }
  if (without) {
    const rise = kbToMB(withRoads.peakKb - without.peakKb);
    lines.push(
      `peak RSS raised by the roads: ${rise.toFixed(0)} MB, target ≤ ${targets.rssRiseMB} MB: ` +
        (rise <= targets.rssRiseMB ? 'met' : `MISSED by ${(rise - targets.rssRiseMB).toFixed(0)} MB`),
    );
  }
  return lines;
}

/** A reference tool's figures on the national ledger, measured outside this benchmark. */
export interface RecordedReference {
  /** The tool, e.g. `tippecanoe`. */
  tool: string;
  /** Its wall time, seconds. */
  seconds: number;
  /** Its output's size, MiB. */
  outputMiB: number;
  /** When and where it was measured, printed so nobody takes it for this run's. */
  measured: string;
}

/** Targets of the national data build, as the national-scale issue states them. */
export interface ScaleTargets {
  /** Most the build's peak resident memory may reach, MB (10^6 bytes). */
  peakRssMB: number;
  /**
   * The build's wall time at most this fraction of the reference tool's; absent, no time line
   * (the reference tiles the points alone, so it is no yardstick for the build with roads).
   */
  time?: { fraction: number; reference: RecordedReference };
}

/**
 * The national build's targets against one run: peak memory, and wall time against a recorded
 * reference figure (tippecanoe cannot be installed here), named as recorded, not measured now.
 */
export function scaleTargetLines(run: BuildRun, targets: ScaleTargets): string[] {
  const peakMB = kbToMB(run.peakKb);
  const verdict = (ok: boolean, by: string) => (ok ? 'met' : `MISSED by ${by}`);
  const lines = [
    `peak RSS (${run.label}): ${peakMB.toFixed(0)} MB, target ≤ ${targets.peakRssMB} MB: ` +
      verdict(peakMB <= targets.peakRssMB, `${(peakMB - targets.peakRssMB).toFixed(0)} MB`),
  ];
  if (targets.time) {
    const { fraction, reference } = targets.time;
    const budgetS = reference.seconds * fraction;
    lines.push(
      `wall time (${run.label}): ${run.wallS.toFixed(1)} s, target ≤ ${budgetS.toFixed(0)} s ` +
        `(${fraction} × ${reference.tool}'s ${reference.seconds} s, ${reference.outputMiB} MiB, ` +
        `RECORDED ${reference.measured}, not measured in this run): ` +
        verdict(run.wallS <= budgetS, `${(run.wallS - budgetS).toFixed(1)} s`),
    );
  }
  return lines;
}
