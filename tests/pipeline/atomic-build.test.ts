/**
 * The data build writes all or nothing (scripts/pipeline/output/staged-output.ts): the manifest
 * lists exactly the files of the folder, and a build that fails, is stopped by SIGINT or SIGTERM,
 * or is killed outright leaves the previous output byte for byte as it was; what a SIGKILL left
 * behind is removed by the next build.
 *
 * The CLI runs as `node --import tsx scripts/build-data.ts`, not through `npx tsx`: npx and the
 * tsx launcher are each a parent process, so a signal sent to the spawned pid would not reach
 * the build (SIGKILL least of all: the build would run on and swap its output in).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/pipeline/build';
import { listFiles } from '../../scripts/pipeline/output/output-files';
import { parseDataFiles } from '../../src/contracts/data-files';
import { spawnGenerateNational } from '../../scripts/national/spawn-generate';
import { ROOT } from '../browser/build-site';

const FIXTURES = join(ROOT, 'tests/browser/fixtures');
const GOOD = join(ROOT, 'tests/fixtures/good/communities.csv');

let work: string;
/** A generated ledger whose build takes seconds: long enough to stop it half-way. */
let slow: { communities: string; amenities: string };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'atomic-build-'));
  const gen = spawnGenerateNational(
    { communities: 20000, amenities: 5000, out: join(work, 'slow') },
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (gen.status !== 0) throw new Error(`generate-national failed: ${gen.stderr}`);
  slow = { communities: join(work, 'slow/communities.csv'), amenities: join(work, 'slow/amenities.csv') };
});

afterAll(() => rm(work, { recursive: true, force: true }));

/**
 * A story that parses but names a programme the data lacks: found only when the story is
 * resolved against the communities, late in the build, long after the staging folder exists.
 */
async function lateFailingStory(): Promise<string> {
  const file = join(work, 'late-failing-story.json');
  const text = (s: string) => ({ zh: s, en: s });
  await writeFile(
    file,
    JSON.stringify({ title: text('x'), chapters: [{ id: 'a', title: text('a'), programme: 'nope' }] }),
  );
  return file;
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** Every file of a folder with its SHA-256: equal snapshots mean byte-identical folders. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const path of await listFiles(dir)) out[path] = sha256(readFileSync(join(dir, path)));
  return out;
}

/** Entries beside `out` that are not `out` itself (staging leftovers). */
const strays = (parent: string) => readdirSync(parent).filter((name) => name !== 'data');

/** A fresh parent folder with a finished build of the small fixture in `data/`. */
async function previousOutput(name: string): Promise<{ parent: string; out: string }> {
  const parent = join(work, name);
  const out = join(parent, 'data');
  await buildData({ communities: GOOD, out, buildTime: new Date(0) });
  return { parent, out };
}

/** Runs the build CLI as a child. */
function cli(args: string[]): ChildProcess & { done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/build-data.ts', ...args, '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.resume();
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? -1 : null), stderr })),
  );
  return Object.assign(child, { done });
}

/** Waits until the child's staging folder beside `out` holds `file`, i.e. it is writing. */
async function waitForStaging(parent: string, pid: number, file: string): Promise<string> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const staging = readdirSync(parent).find((n) => n.startsWith(`.data.building-${pid}-`));
    if (staging && existsSync(join(parent, staging, file))) return join(parent, staging);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no staging folder of pid ${pid} with ${file} appeared in ${parent}`);
}

describe('the manifest lists the folder', () => {
  it('lists every file, subfolders included, with its size and SHA-256, and nothing else', async () => {
    const out = join(work, 'listed/data');
    const result = await buildData({
      communities: join(FIXTURES, 'communities.csv'),
      amenities: join(FIXTURES, 'amenities.csv'),
      boundaries: join(FIXTURES, 'boundaries.geojson'),
      displayCrs: ['GCJ-02'],
      out,
      buildTime: new Date(0),
    });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
    const files = parseDataFiles(manifest.files)!;
    const onDisk = await listFiles(out);
    expect(files.map((f) => f.path)).toEqual(onDisk.filter((p) => p !== 'manifest.json'));
    expect(onDisk).toEqual(expect.arrayContaining(['aggregates/h3-r5.json', 'gcj02/communities.pmtiles']));
    expect(onDisk).toContain('report.json');
    for (const f of files) {
      const bytes = readFileSync(join(out, f.path));
      expect({ path: f.path, bytes: bytes.byteLength, sha256: sha256(bytes) }).toEqual(f);
    }
    expect(manifest.build_id).toMatch(/^[0-9a-f]{16}$/);
    expect(result.manifest).toEqual(manifest);
    expect(strays(join(work, 'listed'))).toEqual([]);
  });

  it('tells builds apart by build_id, and a rebuild leaves no file of the earlier one', async () => {
    const parent = join(work, 'rebuilt');
    const out = join(parent, 'data');
    await buildData({
      communities: join(FIXTURES, 'communities.csv'),
      boundaries: join(FIXTURES, 'boundaries.geojson'),
      displayCrs: ['GCJ-02'],
      out,
      buildTime: new Date(0),
    });
    const first = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { build_id: string };
    await buildData({ communities: join(FIXTURES, 'communities.csv'), out, buildTime: new Date(1000) });
    const second = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { build_id: string };
    expect(second.build_id).not.toBe(first.build_id);
    expect(existsSync(join(out, 'boundaries.pmtiles'))).toBe(false);
    expect(existsSync(join(out, 'gcj02'))).toBe(false);
    expect(strays(parent)).toEqual([]);
  });
});

describe('a build that does not finish leaves the previous output as it was', () => {
  it('on an input error found after the staging folder was made', async () => {
    const { parent, out } = await previousOutput('failed-in-process');
    const before = await snapshot(out);
    let stagingSeen = false;
    await expect(
      buildData({
        communities: join(FIXTURES, 'communities.csv'),
        story: await lateFailingStory(),
        out,
        // Tiling starts after the staging folder exists: record that it did.
        onProgress: (phase) => {
          if (phase === 'tiles') stagingSeen ||= strays(parent).some((n) => n.startsWith('.data.building-'));
        },
      }),
    ).rejects.toThrow(/no programme "nope"/);
    expect(stagingSeen).toBe(true);
    expect(await snapshot(out)).toEqual(before);
    expect(strays(parent)).toEqual([]);
  });

  it('on a failing build:data run (exit 1)', async () => {
    const { parent, out } = await previousOutput('failed-cli');
    const before = await snapshot(out);
    const story = await lateFailingStory();
    const run = cli(['--communities', join(FIXTURES, 'communities.csv'), '--story', story, '--out', out]);
    const { code, stderr } = await run.done;
    expect(code).toBe(1);
    expect(stderr).toMatch(/no programme "nope"/);
    expect(await snapshot(out)).toEqual(before);
    expect(strays(parent)).toEqual([]);
  });

  for (const [signal, exitCode] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`on ${signal}: exits ${exitCode} with one line and removes its staging folder`, async () => {
      const { parent, out } = await previousOutput(`stopped-${signal}`);
      const before = await snapshot(out);
      const run = cli(['--communities', slow.communities, '--amenities', slow.amenities, '--out', out]);
      await waitForStaging(parent, run.pid!, 'communities.geojson');
      run.kill(signal);
      const { code, stderr } = await run.done;
      expect(code).toBe(exitCode);
      expect(stderr.trim().split('\n')).toEqual([
        `build:data: stopped by ${signal}: the unfinished build was removed, ${out} is unchanged`,
      ]);
      expect(await snapshot(out)).toEqual(before);
      expect(strays(parent)).toEqual([]);
    });
  }

  it('on SIGKILL; the next build removes the staging folder it left', async () => {
    const { parent, out } = await previousOutput('killed');
    const before = await snapshot(out);
    const run = cli(['--communities', slow.communities, '--amenities', slow.amenities, '--out', out]);
    const staging = await waitForStaging(parent, run.pid!, 'communities.geojson');
    run.kill('SIGKILL');
    await run.done;
    expect(await snapshot(out)).toEqual(before);
    // Nothing could clean up after a SIGKILL …
    expect(existsSync(staging)).toBe(true);
    // … so the next build does, its pid being dead.
    const next = cli(['--communities', join(FIXTURES, 'communities.csv'), '--out', out]);
    expect((await next.done).code).toBe(0);
    expect(strays(parent)).toEqual([]);
    expect(await snapshot(out)).not.toEqual(before);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      counts: { communities: number };
    };
    expect(manifest.counts.communities).toBe(3);
  });
});
