/**
 * Runs the real production build (`vite build`, as `npm run build` does) into a temporary
 * folder, once per set of inputs: test files that run in parallel workers share one build,
 * the first builds while the others wait on a lock.
 *
 * The build runs in a child process with NODE_ENV=production; inside a vitest worker
 * NODE_ENV is `test`, which would give a development build of Svelte.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processAlive } from '../../scripts/pipeline/output/staged-output';

/** Repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * What the site build reads; a change to any of these means a new build. public/data is left
 * out: the browser tests serve the data folder directly, so new data needs no new build.
 */
const EXCLUDED = ['public/data'];
const INPUTS = [
  'index.html',
  'src',
  'public',
  'scripts/vite',
  'scripts/basemap',
  'scripts/og',
  'scripts/pipeline/tiles',
  'vite.config.ts',
  'svelte.config.js',
  'package-lock.json',
];

/**
 * How long a waiting worker waits for another's build before giving up. The wait is on the
 * builder's state (its lock, and the process named in it being alive), so this only bounds a
 * build that hangs; on a loaded machine (two `npm test` at once) a build can take minutes.
 */
const BUILD_WAIT_MS = 20 * 60_000;

/** Whether the process that took a lock is still running (a lock of a dead one is stale). */
async function lockHolderAlive(lock: string): Promise<boolean> {
  const pid = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
  // Just taken, pid not written yet: the holder is alive.
  return !pid || processAlive(pid);
}

async function* walk(path: string): AsyncGenerator<string> {
  const s = await stat(path).catch(() => null);
  if (!s) return;
  if (!s.isDirectory()) {
    yield path;
    return;
  }
  for (const entry of (await readdir(path)).sort()) yield* walk(join(path, entry));
}

/**
 * Fingerprint of the build inputs: path, size and modification time of every file (contents
 * would mean reading a national dataset in public/data on every run).
 */
export async function inputsFingerprint(root = ROOT): Promise<string> {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for await (const file of walk(join(root, input))) {
      const path = relative(root, file);
      if (/\.test\.ts$/.test(file) || EXCLUDED.some((x) => path === x || path.startsWith(`${x}/`))) continue;
      const s = await stat(file);
      hash.update(`${path}\0${s.size}\0${s.mtimeMs}\n`);
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * `vite build` of the site into `outDir`, as a deployer would run it, with ATLAS_CONFIG set to
 * `atlasConfig` (a file path, or `none`: the default build, whatever atlas.config.json a
 * developer keeps; scripts/vite/atlas-config.ts) and without ATLAS_DATA_URL. Returns the
 * build's output.
 */
export function runViteBuild(outDir: string, atlasConfig = 'none'): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', ATLAS_CONFIG: atlasConfig };
    for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
    // A data_url exported in the shell would point every test build at that host; a test that
    // wants one names it in its configuration (two-origins.test.ts).
    delete env.ATLAS_DATA_URL;
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir'],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolvePromise(log) : reject(new Error(`vite build failed (exit ${code}):\n${log}`)),
    );
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A finished build. */
export interface SiteBuild {
  /** The dist folder. */
  dir: string;
  /** Output of vite build (empty when this process reused another worker's build). */
  log: string;
  /** Folder for other per-build artefacts (fixture data), next to `dir`. */
  workDir: string;
}

let memo: Promise<SiteBuild> | null = null;

/** Builds the site (or reuses the build of the same inputs) and returns where it is. */
export function buildSite(): Promise<SiteBuild> {
  memo ??= buildSiteOnce();
  return memo;
}

async function buildSiteOnce(): Promise<SiteBuild> {
  const base = join(tmpdir(), 'renovation-atlas-site');
  const key = await inputsFingerprint();
  const workDir = join(base, key);
  const dir = join(workDir, 'dist');
  const done = join(workDir, 'build.complete');
  const lock = join(base, `${key}.lock`);
  await mkdir(base, { recursive: true });

  const deadline = Date.now() + BUILD_WAIT_MS;
  for (;;) {
    if (existsSync(done)) return { dir, log: '', workDir };
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      if (!(await lockHolderAlive(lock))) await rm(lock, { recursive: true, force: true });
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for another worker's site build (${lock})`);
      await sleep(250);
    }
  }
  try {
    await removeOldBuilds(base, key);
    await mkdir(workDir, { recursive: true });
    const log = await runViteBuild(dir);
    await writeFile(done, new Date().toISOString());
    return { dir, log, workDir };
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Builds of other inputs older than this are deleted; younger ones may still be in use. */
const OLD_BUILD_MS = 60 * 60_000;

/** Keeps the temp folder from growing with every edit: drops old builds of other inputs. */
async function removeOldBuilds(base: string, keep: string): Promise<void> {
  for (const entry of await readdir(base)) {
    if (entry === keep || entry.endsWith('.lock') || existsSync(join(base, `${entry}.lock`))) continue;
    const s = await stat(join(base, entry)).catch(() => null);
    if (s && Date.now() - s.mtimeMs > OLD_BUILD_MS)
      await rm(join(base, entry), { recursive: true, force: true });
  }
}
