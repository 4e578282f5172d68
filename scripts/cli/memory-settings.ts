import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { allocatorEnv, glibcVersion } from './allocator-env';
import { heapLimitFlag, inputNeedsLargerHeap } from './heap-limit';
import { inputBytes } from './input-bytes';

/** What only a new process can be given: V8's heap flag and the C allocator's environment. */
export interface MemorySettings {
  /** `--max-old-space-size=…`, when the inputs need a larger heap than this process has. */
  flag?: string;
  /** Variables to add to the environment (`allocatorEnv`). */
  env?: Record<string, string>;
}

/**
 * What a build of the inputs at `paths` must be started with, or undefined when it can run as
 * this process was started: `build:data` runs itself again with it (scripts/build-data.ts), and
 * `bench:build` starts the build with it, so the process it measures is the one that builds.
 * `execArgv` are the node flags the build runs with (a limit set there is the user's).
 */
export function memorySettings(
  paths: readonly (string | undefined)[],
  execArgv: readonly string[],
): MemorySettings | undefined {
  const currentLimitBytes = getHeapStatistics().heap_size_limit;
  const bytes = inputBytes(paths);
  const wanted = heapLimitFlag({
    execArgv,
    nodeOptions: process.env.NODE_OPTIONS,
    currentLimitBytes,
    totalMemBytes: totalmem(),
  });
  const flag = wanted && inputNeedsLargerHeap(bytes, currentLimitBytes) ? wanted : undefined;
  const env = allocatorEnv({ glibcVersion: glibcVersion(), env: process.env, inputBytes: bytes });
  if (!flag && !env) return undefined;
  return { ...(flag ? { flag } : {}), ...(env ? { env } : {}) };
}
