import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  abortOpenStagedOutputs,
  openStagedOutput,
  parseStagedName,
  processAlive,
  stagedName,
  STRAY_AGE_MS,
  sweepStrays,
} from './staged-output';

let root: string;
let out: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'staged-output-'));
  out = join(root, 'data');
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** A finished earlier build: a manifest and one more file. */
function previousBuild(marker = 'old'): void {
  mkdirSync(join(out, 'aggregates'), { recursive: true });
  writeFileSync(join(out, 'manifest.json'), `{"marker":"${marker}"}`);
  writeFileSync(join(out, 'aggregates/h3-r5.json'), marker);
}

/** A pid that is no live process (the highest Linux allows is 4194304). */
const DEAD = 4_194_303;

describe('stagedName / parseStagedName', () => {
  it('round-trips, and matches only its own output name and kinds', () => {
    const name = stagedName('data', 'building', 123, 'a1b2c3d4e5f6');
    expect(name).toBe('.data.building-123-a1b2c3d4e5f6');
    expect(parseStagedName('data', name)).toEqual({ kind: 'building', pid: 123 });
    expect(parseStagedName('data', '.data.previous-9-0123456789ab')).toEqual({ kind: 'previous', pid: 9 });
    expect(parseStagedName('data2', name)).toBeNull();
    expect(parseStagedName('data', '.data.building-x-a1b2c3d4')).toBeNull();
    expect(parseStagedName('data', '.data.backup-1-a1b2c3d4')).toBeNull();
    expect(parseStagedName('data', 'data.building-1-a1b2c3d4')).toBeNull();
  });

  it('knows this process is alive and a pid past the kernel limit is not', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(DEAD)).toBe(false);
  });
});

describe('openStagedOutput', () => {
  it('stages a hidden folder beside the output and swaps it in whole on commit', async () => {
    previousBuild();
    const staged = await openStagedOutput(out);
    expect(staged.dir.startsWith(join(root, '.data.building-'))).toBe(true);
    mkdirSync(join(staged.dir, 'gcj02'));
    writeFileSync(join(staged.dir, 'manifest.json'), '{"marker":"new"}');
    writeFileSync(join(staged.dir, 'gcj02/communities.pmtiles'), 'tiles');
    // Until the commit the old output is untouched.
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('{"marker":"old"}');
    await staged.commit();
    expect(staged.state).toBe('committed');
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('{"marker":"new"}');
    expect(readFileSync(join(out, 'gcj02/communities.pmtiles'), 'utf8')).toBe('tiles');
    // A file only the old build had is gone with it.
    expect(existsSync(join(out, 'aggregates'))).toBe(false);
    expect(readdirSync(root)).toEqual(['data']);
  });

  it('creates the output (and its parent) when there was none', async () => {
    out = join(root, 'new/parent/data');
    const staged = await openStagedOutput(out);
    writeFileSync(join(staged.dir, 'manifest.json'), '{}');
    await staged.commit();
    expect(readdirSync(join(root, 'new/parent'))).toEqual(['data']);
  });

  it('leaves the output byte-identical and removes its folder on abort', async () => {
    previousBuild();
    const staged = await openStagedOutput(out);
    writeFileSync(join(staged.dir, 'manifest.json'), '{"marker":"new"}');
    staged.abort();
    staged.abort();
    expect(staged.state).toBe('aborted');
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('{"marker":"old"}');
    expect(readdirSync(root)).toEqual(['data']);
    await expect(staged.commit()).rejects.toThrow(/already aborted/);
  });

  it('does nothing on abort after a commit', async () => {
    const staged = await openStagedOutput(out);
    writeFileSync(join(staged.dir, 'manifest.json'), '{}');
    await staged.commit();
    staged.abort();
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
  });

  it('puts the previous output back when the second rename fails', async () => {
    previousBuild();
    const staged = await openStagedOutput(out);
    // The staging folder vanishes (as if removed by hand): renaming it into place fails.
    await rm(staged.dir, { recursive: true });
    await expect(staged.commit()).rejects.toThrow(/ENOENT/);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe('{"marker":"old"}');
    expect(readdirSync(root)).toEqual(['data']);
    expect(staged.state).toBe('open');
    staged.abort();
  });

  it('replaces the folder a symlinked output points to, keeping the link', async () => {
    out = join(root, 'real');
    previousBuild();
    const link = join(root, 'link');
    symlinkSync(out, link);
    const staged = await openStagedOutput(link);
    expect(staged.out).toBe(out);
    writeFileSync(join(staged.dir, 'manifest.json'), '{"marker":"new"}');
    await staged.commit();
    expect(readFileSync(join(link, 'manifest.json'), 'utf8')).toBe('{"marker":"new"}');
  });

  it('refuses at the swap an output folder that is not a build output, leaving it alone', async () => {
    mkdirSync(out);
    writeFileSync(join(out, 'thesis.docx'), 'years of work');
    const staged = await openStagedOutput(out);
    writeFileSync(join(staged.dir, 'manifest.json'), '{}');
    await expect(staged.commit()).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('no manifest.json'),
    });
    staged.abort();
    expect(readdirSync(root)).toEqual(['data']);
    expect(readdirSync(out)).toEqual(['thesis.docx']);
    writeFileSync(join(root, 'file'), 'x');
    const onFile = await openStagedOutput(join(root, 'file'));
    await expect(onFile.commit()).rejects.toThrow(/not a folder/);
    onFile.abort();
  });

  it('accepts an existing empty folder', async () => {
    mkdirSync(out);
    const staged = await openStagedOutput(out);
    staged.abort();
    expect(readdirSync(out)).toEqual([]);
  });

  it('aborts every open staged output for a signal handler', async () => {
    const a = await openStagedOutput(out);
    const b = await openStagedOutput(join(root, 'other'));
    const done = await openStagedOutput(join(root, 'third'));
    await done.commit();
    expect(abortOpenStagedOutputs().sort()).toEqual([a.dir, b.dir].sort());
    expect(a.state).toBe('aborted');
    expect(readdirSync(root).sort()).toEqual(['third']);
    expect(abortOpenStagedOutputs()).toEqual([]);
  });
});

describe('sweepStrays', () => {
  const make = (name: string, ageMs = 0) => {
    const path = join(root, name);
    mkdirSync(path);
    writeFileSync(join(path, 'manifest.json'), name);
    const t = (Date.now() - ageMs) / 1000;
    utimesSync(path, t, t);
    return path;
  };

  it('removes strays of dead processes and old ones, keeps live builds and other names', async () => {
    previousBuild();
    make(`.data.building-${DEAD}-aaaaaaaa`);
    make(`.data.previous-${DEAD}-bbbbbbbb`);
    make(`.data.building-${process.pid}-cccccccc`);
    make(`.data.building-${process.pid}-dddddddd`, STRAY_AGE_MS + 60_000);
    make(`.other.building-${DEAD}-eeeeeeee`);
    make('.data.building-notes');
    const { removed, restored } = await sweepStrays(out);
    expect(restored).toBeNull();
    expect(removed.map((p) => p.slice(root.length + 1)).sort()).toEqual(
      [
        `.data.building-${DEAD}-aaaaaaaa`,
        `.data.building-${process.pid}-dddddddd`,
        `.data.previous-${DEAD}-bbbbbbbb`,
      ].sort(),
    );
    expect(readdirSync(root).sort()).toEqual(
      [
        `.data.building-${process.pid}-cccccccc`,
        '.data.building-notes',
        `.other.building-${DEAD}-eeeeeeee`,
        'data',
      ].sort(),
    );
  });

  it('puts the newest previous output back when a kill between the renames left none', async () => {
    make(`.data.previous-${DEAD}-00000001`, 60_000);
    make(`.data.previous-${DEAD}-00000002`);
    make(`.data.building-${DEAD}-00000002`);
    const { restored } = await sweepStrays(out);
    expect(restored).toBe(join(root, `.data.previous-${DEAD}-00000002`));
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(`.data.previous-${DEAD}-00000002`);
    expect(readdirSync(root)).toEqual(['data']);
  });

  it('is what openStagedOutput runs first', async () => {
    previousBuild();
    make(`.data.building-${DEAD}-aaaaaaaa`);
    const staged = await openStagedOutput(out, { isAlive: () => false });
    expect(readdirSync(root).sort()).toEqual([staged.dir.slice(root.length + 1), 'data'].sort());
    staged.abort();
  });
});

describe('concurrent builds of one output', () => {
  it('all commit, and the output is always one whole build (the last to finish)', async () => {
    // Four processes swap builds into the same folder as fast as they can: the renames of one
    // land between the two renames of another, which is what two `npm test` at once do.
    const module = new URL('./staged-output.ts', import.meta.url).pathname;
    const script = join(root, 'swap.mts');
    writeFileSync(
      script,
      `import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStagedOutput } from ${JSON.stringify(module)};
const [out, id] = process.argv.slice(2);
for (let i = 0; i < 40; i++) {
  const staged = await openStagedOutput(out);
  writeFileSync(join(staged.dir, 'a.txt'), id + ':' + i);
  writeFileSync(join(staged.dir, 'manifest.json'), id + ':' + i);
  await staged.commit();
}
`,
    );
    const run = (id: string) =>
      new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script, out, id], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => done({ code, stderr }));
      });
    const results = await Promise.all(['p', 'q', 'r', 's'].map(run));
    expect(results).toEqual(results.map(() => ({ code: 0, stderr: '' })));
    const manifest = readFileSync(join(out, 'manifest.json'), 'utf8');
    expect(manifest).toMatch(/^[pqrs]:39$/);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe(manifest);
    expect(readdirSync(root).sort()).toEqual(['data', 'swap.mts']);
  }, 60_000);
});
