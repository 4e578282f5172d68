/**
 * All-or-nothing output folders. The build writes into a fresh hidden folder beside the output
 * (`.data.building-<pid>-<random>` for `--out …/data`: the same parent, so the swap is a rename
 * within one filesystem, and a dot-name, so no server listing or glob picks it up) and swaps it
 * in only once every file is written and verified. A failed or interrupted build leaves the
 * previous output exactly as it was, and a fresh folder has no stale files of an older build.
 *
 * The swap is two renames, out → `.data.previous-<pid>-<random>` and building → out, then the
 * previous folder is removed. Node has no "exchange two directories" call (Linux renameat2
 * RENAME_EXCHANGE), so for the instant between the renames `out` does not exist: a request
 * then gets one 404, never a mix of two builds. Both renames are synchronous on purpose: no
 * signal handler (scripts/build-data.ts) can run between them.
 *
 * Stray folders. SIGKILL or a power cut leaves a building (or previous) folder behind; the next
 * `openStagedOutput` on the same output removes every folder of this naming pattern beside it
 * whose pid is not a live process, or that is older than `STRAY_AGE_MS` whatever its pid (pids
 * are reused, after a reboot above all). A live pid younger than that is another build still
 * running and is left alone. When `out` itself is missing and a stray previous folder exists (a
 * kill between the two renames), the newest previous folder is renamed back to `out` first.
 *
 * The output folder is replaced whole, so it must be a build's own: an existing folder that
 * holds files but no manifest.json (`--out .` by mistake) is refused at the swap, not moved aside.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { mkdir, readdir, realpath, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { MANIFEST_FILE } from '../../../src/contracts/data-files';
import { InputError } from '../table';

/** Stray folders older than this are removed even when their pid is alive (a reused pid). */
export const STRAY_AGE_MS = 6 * 60 * 60 * 1000;

/** How often the swap retries when another build swapped in between its renames. */
const SWAP_ATTEMPTS = 8;

/** What a staged folder is for; part of its name. */
export type StagedKind = 'building' | 'previous';

/** An output folder being built; see the module comment. */
export interface StagedOutput {
  /** The output folder that `commit` replaces (resolved, symlinks followed). */
  readonly out: string;
  /** The temporary folder to write into. */
  readonly dir: string;
  /** `open` until committed or aborted. */
  readonly state: 'open' | 'committed' | 'aborted';
  /**
   * Swaps `dir` in as `out`; on failure the previous `out` is put back and the error rethrown.
   * Throws InputError, touching nothing, when `out` is not a folder the build may replace.
   */
  commit(): Promise<void>;
  /**
   * Removes `dir`, leaving `out` untouched. Synchronous so that a signal handler can call it and
   * exit at once; does nothing once committed or aborted.
   */
  abort(): void;
}

/** Options of `openStagedOutput` and `sweepStrays`; the defaults are this process and the clock. */
export interface StagingOptions {
  /** Pid written into the folder names. */
  pid?: number;
  /** Whether a process is alive; default: `process.kill(pid, 0)`. */
  isAlive?: (pid: number) => boolean;
  /** Current time in ms, for the age rule. */
  now?: number;
  /** Age beyond which a stray is removed whatever its pid. */
  strayAgeMs?: number;
}

/** The name of a staged folder beside an output folder named `outName`. */
export function stagedName(outName: string, kind: StagedKind, pid: number, token: string): string {
  return `.${outName}.${kind}-${pid}-${token}`;
}

/** Reads a folder name written by `stagedName` for `outName`; null for any other name. */
export function parseStagedName(outName: string, name: string): { kind: StagedKind; pid: number } | null {
  const prefix = `.${outName}.`;
  if (!name.startsWith(prefix)) return null;
  const m = /^(building|previous)-(\d+)-[0-9a-f]{8,}$/.exec(name.slice(prefix.length));
  return m ? { kind: m[1] as StagedKind, pid: Number(m[2]) } : null;
}

/** Whether a pid names a live process; EPERM means it exists but belongs to someone else. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const code = (e: unknown) => (e as NodeJS.ErrnoException).code;

/**
 * Removes the stray staged folders beside `out` (see the module comment for the rule), first
 * restoring the newest stray previous folder when `out` is missing. Returns what it did.
 */
export async function sweepStrays(
  out: string,
  options: StagingOptions = {},
): Promise<{ removed: string[]; restored: string | null }> {
  const parent = dirname(out);
  const name = basename(out);
  const isAlive = options.isAlive ?? processAlive;
  const now = options.now ?? Date.now();
  const maxAge = options.strayAgeMs ?? STRAY_AGE_MS;
  const strays: { path: string; kind: StagedKind; mtimeMs: number }[] = [];
  for (const entry of await readdir(parent).catch(() => [] as string[])) {
    const parsed = parseStagedName(name, entry);
    if (!parsed) continue;
    const info = await stat(join(parent, entry)).catch(() => null);
    if (!info?.isDirectory()) continue;
    if (isAlive(parsed.pid) && now - info.mtimeMs < maxAge) continue;
    strays.push({ path: join(parent, entry), kind: parsed.kind, mtimeMs: info.mtimeMs });
  }
  let restored: string | null = null;
  const outExists = await stat(out).then(
    () => true,
    () => false,
  );
  if (!outExists) {
    const newest = strays.filter((s) => s.kind === 'previous').sort((a, b) => b.mtimeMs - a.mtimeMs)[0];
    if (newest) {
      renameSync(newest.path, out);
      restored = newest.path;
    }
  }
  const removed: string[] = [];
  for (const s of strays) {
    if (s.path === restored) continue;
    await rm(s.path, { recursive: true, force: true });
    removed.push(s.path);
  }
  return { removed, restored };
}

/** Staged outputs of this process not yet committed or aborted, for `abortOpenStagedOutputs`. */
const openOutputs = new Set<StagedOutput>();

/**
 * Aborts every staged output of this process that is still open and returns their folders: what
 * a SIGINT/SIGTERM handler calls before exiting. Synchronous, so it finishes before the exit.
 */
export function abortOpenStagedOutputs(): string[] {
  const dirs: string[] = [];
  for (const staged of [...openOutputs]) {
    dirs.push(staged.dir);
    staged.abort();
  }
  return dirs;
}

/**
 * Refuses an existing `out` the swap must not move aside: a file, or a folder not a build's.
 * Checked at the swap, not when staging opens, so that a bad input found later in the build is
 * the error reported (an input file kept inside the output folder is common in tests).
 */
function checkReplaceable(out: string): void {
  let entries: string[];
  try {
    entries = readdirSync(out);
  } catch (e) {
    if (code(e) === 'ENOENT') return;
    if (code(e) === 'ENOTDIR') throw new InputError(`output ${out} exists and is not a folder`, out);
    throw e;
  }
  if (entries.length && !entries.includes(MANIFEST_FILE))
    throw new InputError(
      `output folder ${out} holds files but no ${MANIFEST_FILE}: it is not a data build's folder, and ` +
        `the build replaces its output folder whole; choose an empty or new folder`,
      out,
    );
}

/** Creates a fresh staging folder for `out` (after sweeping strays beside it) and returns it. */
export async function openStagedOutput(out: string, options: StagingOptions = {}): Promise<StagedOutput> {
  // A symlinked output stays a symlink: the real folder is the one replaced.
  const target = await realpath(resolve(out)).catch(() => resolve(out));
  const parent = dirname(target);
  const name = basename(target);
  await mkdir(parent, { recursive: true });
  await sweepStrays(target, options);
  const pid = options.pid ?? process.pid;
  const token = randomBytes(6).toString('hex');
  const dir = join(parent, stagedName(name, 'building', pid, token));
  await mkdir(dir);
  let state: StagedOutput['state'] = 'open';
  const staged: StagedOutput = {
    out: target,
    dir,
    get state() {
      return state;
    },
    async commit() {
      if (state !== 'open') throw new Error(`staged output ${dir} is already ${state}`);
      checkReplaceable(target);
      // Another build of the same output may swap between our two renames (two `npm test` at
      // once): its folder then sits at `out` and our rename fails with ENOTEMPTY. Moving that
      // aside too and trying again makes the last build to finish win, whole.
      const previous: string[] = [];
      for (let attempt = 0; ; attempt++) {
        const aside = join(
          parent,
          stagedName(name, 'previous', pid, `${token}${attempt.toString(16).padStart(2, '0')}`),
        );
        try {
          renameSync(target, aside);
          previous.push(aside);
        } catch (e) {
          if (code(e) !== 'ENOENT') throw e;
        }
        try {
          renameSync(dir, target);
          break;
        } catch (e) {
          if ((code(e) === 'ENOTEMPTY' || code(e) === 'EEXIST') && attempt < SWAP_ATTEMPTS - 1) continue;
          const last = previous.at(-1);
          if (last) {
            try {
              renameSync(last, target);
            } catch {
              throw new Error(
                `could not swap in ${target} (${(e as Error).message}) nor put the previous output back: it is at ${last}`,
              );
            }
          }
          throw e;
        }
      }
      state = 'committed';
      openOutputs.delete(staged);
      for (const path of previous) await rm(path, { recursive: true, force: true });
    },
    abort() {
      if (state !== 'open') return;
      state = 'aborted';
      openOutputs.delete(staged);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  openOutputs.add(staged);
  return staged;
}
