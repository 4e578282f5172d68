/** Reports progress of a phase, for the CLI's progress bar. */
export type Progress = (phase: string, done: number, total: number) => void;

/** Records how long the step named took since `since` (a `performance.now()` reading). */
export type Lap = (name: string, since: number) => void;

/**
 * Step timings of one build. They help whoever runs a city's build find the slow step; the
 * golden tests ignore them, so they live apart from the outputs.
 */
export class StepTimer {
  /** Milliseconds per step, in the order the steps ran. */
  readonly ms: Record<string, number> = {};
  private readonly started = performance.now();

  /** Bound, so steps can take it as a plain `Lap` callback. */
  readonly lap: Lap = (name, since) => {
    this.ms[name] = Math.round(performance.now() - since);
  };

  /** Adds `total`, from the timer's creation up to now, and returns every timing. */
  finish(): Record<string, number> {
    this.ms.total = Math.round(performance.now() - this.started);
    return this.ms;
  }
}
