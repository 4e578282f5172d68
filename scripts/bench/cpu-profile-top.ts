/**
 * The functions a CPU profile (Chrome DevTools protocol `Profiler.Profile`, as `Profiler.stop`
 * returns it and `.cpuprofile` files hold) spent most time in themselves, for a benchmark to
 * print where a slow step went without opening DevTools.
 */

/** The parts of a `Profiler.Profile` read here. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  /** Node id of each sample. */
  samples: number[];
  /** µs since the previous sample, one per sample. */
  timeDeltas: number[];
}

/** Self time of one function (all its nodes together). */
export interface SelfTime {
  /** `name (file:line)`, `(anonymous)` for unnamed functions; line 1-based. */
  name: string;
  ms: number;
}

/**
 * The `limit` functions with the most self time, most first. A sample's time is the delta to
 * the next sample (the time the sampled function kept running); the last sample counts nothing.
 */
export function topSelfTime(profile: CpuProfile, limit = 15): SelfTime[] {
  const label = new Map<number, string>();
  for (const { id, callFrame: f } of profile.nodes) {
    const file = f.url ? f.url.slice(f.url.lastIndexOf('/') + 1) : '';
    label.set(id, `${f.functionName || '(anonymous)'}${file ? ` (${file}:${f.lineNumber + 1})` : ''}`);
  }
  const us = new Map<string, number>();
  for (let k = 0; k + 1 < profile.samples.length; k++) {
    const name = label.get(profile.samples[k]!) ?? `(unknown node ${profile.samples[k]})`;
    us.set(name, (us.get(name) ?? 0) + profile.timeDeltas[k + 1]!);
  }
  return [...us]
    .map(([name, t]) => ({ name, ms: t / 1000 }))
    .sort((a, b) => b.ms - a.ms || a.name.localeCompare(b.name))
    .slice(0, limit);
}
