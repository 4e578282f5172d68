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

  /**
   * `heapTrace` (default: the environment's ATLAS_HEAP_TRACE is 1): after each step, force a
   * full collection and print the live heap: what the step left held, without the garbage V8 had
   * not yet collected. Needs node's `--expose-gc`; slows the build, so
   * only the build benchmark's `--heap` asks for it.
   */
  constructor(private readonly heapTrace = process.env.ATLAS_HEAP_TRACE === '1') {}

  /** Bound, so steps can take it as a plain `Lap` callback. */
  readonly lap: Lap = (name, since) => {
    this.ms[name] = Math.round(performance.now() - since);
    if (this.heapTrace) this.traceHeap(name);
  };

  /** Adds `total`, from the timer's creation up to now, and returns every timing. */
  finish(): Record<string, number> {
    this.ms.total = Math.round(performance.now() - this.started);
    return this.ms;
  }

  private traceHeap(name: string): void {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('ATLAS_HEAP_TRACE=1 needs node --expose-gc to measure the live heap');
    gc();
    const { heapUsed, external } = process.memoryUsage();
    const mb = (bytes: number) => Math.round(bytes / 1e6);
    // stderr, so the CLI's own output is unchanged; the benchmark collects these lines.
    console.error(`heap after ${name}: ${mb(heapUsed)} MB used, ${mb(external)} MB external`);
  }
}
