/**
 * The corpus of bad inputs: each file under tests/fixtures/bad/ must produce exactly the errors
 * listed for it in expected.json, and no row may go missing on the way. A file-level failure is
 * an InputError whose message starts with the file's path, so a person knows which file to fix.
 * Files 23 on are written by scripts/fixtures/make-bad-fixtures.ts; cases too large to commit
 * (a 150,000-vertex boundary) are generated below.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildData, type BuildOptions } from '../../scripts/pipeline/build';
import { InputError } from '../../scripts/pipeline/table';

const dir = 'tests/fixtures/bad';

/** Which input a fixture is given as; the communities ledger is then the good fixture. */
type Role = 'communities' | 'amenities' | 'boundaries' | 'footprints' | 'programmes' | 'story';

interface Issue {
  row: number;
  column: string;
  value: string;
  reason: string;
}

interface Expectation {
  /** Which input the file is given as (default communities). */
  as?: Role;
  /** A file-level failure: the InputError message, starting with the file name (its path is allowed before). */
  input_error?: string;
  /** Row-level rejections, exactly. */
  errors?: Issue[];
  /** Row-level warnings, exactly, when given. */
  warnings?: Issue[];
  rows_read?: number;
  rows_accepted?: number;
  rows_skipped?: number;
}

const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, Expectation>;
const goodCommunities = join(dir, '..', 'good', 'communities.csv');

function optionsFor(path: string, as: Role = 'communities'): BuildOptions {
  const out = mkdtempSync(join(tmpdir(), 'atlas-bad-'));
  return as === 'communities'
    ? { communities: path, out }
    : { communities: goodCommunities, [as]: path, out };
}

/** The InputError a build throws, failing the test when it throws anything else or nothing. */
async function inputError(options: BuildOptions): Promise<InputError> {
  const outcome = await buildData(options).then(
    () => new Error('the build succeeded'),
    (e: unknown) => e,
  );
  expect(outcome).toBeInstanceOf(InputError);
  return outcome as InputError;
}

const issues = (list: readonly Issue[]) =>
  list.map(({ row, column, value, reason }) => ({ row, column, value, reason }));

describe('bad-input corpus', () => {
  it('has an expectation for every fixture and at least 40 of them', () => {
    const files = readdirSync(dir).filter((f) => f !== 'expected.json');
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  for (const [file, want] of Object.entries(expected)) {
    it(file, async () => {
      const path = join(dir, file);
      const options = optionsFor(path, want.as);
      if (want.input_error !== undefined) {
        const error = await inputError(options);
        // Readers name the file by its path, the normaliser by its name; either way it comes first.
        expect(want.input_error.startsWith(`${file}: `)).toBe(true);
        expect([`${dir}/${want.input_error}`, want.input_error]).toContain(error.message);
        expect(error.file).toBe(path);
        return;
      }
      const { report } = await buildData(options);
      expect(issues(report.errors)).toEqual(want.errors);
      if (want.warnings !== undefined) expect(issues(report.warnings)).toEqual(want.warnings);
      // Every issue names the file it is about.
      for (const issue of [...report.errors, ...report.warnings])
        expect([basename(path), basename(goodCommunities)]).toContain(issue.file);
      const table = report.tables[want.as === 'amenities' ? 'amenities' : 'communities']!;
      expect(table.rows_read).toBe(table.rows_accepted + table.rows_rejected);
      if (want.rows_read !== undefined) expect(table.rows_read).toBe(want.rows_read);
      if (want.rows_accepted !== undefined) expect(table.rows_accepted).toBe(want.rows_accepted);
      if (want.rows_skipped !== undefined) expect(table.rows_skipped).toBe(want.rows_skipped);
      // The written report says the same as the returned one.
      const written = JSON.parse(readFileSync(join(options.out, 'report.json'), 'utf8')) as typeof report;
      expect(written.rows_rejected).toBe(report.rows_rejected);
    });
  }
});

describe('bad inputs made at test time', () => {
  it('builds with a boundary ring of 150,000 vertices', async () => {
    const n = 150_000;
    const ring: number[][] = [];
    for (let i = 0; i < n; i++) {
      const a = (2 * Math.PI * i) / n;
      ring.push([112.9 + 0.05 * Math.cos(a), 27.86 + 0.05 * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    const path = join(mkdtempSync(join(tmpdir(), 'atlas-ring-')), 'ring.geojson');
    const geometry = { type: 'Polygon', coordinates: [ring] };
    const feature = { type: 'Feature', properties: { name: '雨湖区', level: 'district' }, geometry };
    writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features: [feature] }));
    const { report } = await buildData(optionsFor(path, 'boundaries'));
    expect(report.errors).toEqual([]);
  });

  it.each(['footprints', 'programmes', 'story'] as const)('names a missing or folder %s file', async (as) => {
    const missing = join(dir, 'no-such-file.json');
    expect((await inputError(optionsFor(missing, as))).message).toBe(`${missing}: file not found`);
    expect((await inputError(optionsFor(dir, as))).message).toBe(`${dir}: is a folder, not a file`);
  });
});
