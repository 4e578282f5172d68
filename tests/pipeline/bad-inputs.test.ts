/**
 * The corpus of bad inputs: each file under tests/fixtures/bad/ must produce exactly the errors
 * listed for it in expected.json, and no row may go missing on the way.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildData } from '../../scripts/pipeline/build';
import { InputError } from '../../scripts/pipeline/table';

const dir = 'tests/fixtures/bad';

interface Expectation {
  /** Which table the file is given as; the other one (if any) is the named good fixture. */
  as?: 'communities' | 'amenities';
  /** A file-level failure: the InputError message. */
  input_error?: string;
  /** Row-level rejections, exactly. */
  errors?: { row: number; column: string; value: string; reason: string }[];
  rows_read?: number;
  rows_accepted?: number;
}

const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, Expectation>;
const goodCommunities = join(dir, '..', 'good', 'communities.csv');

describe('bad-input corpus', () => {
  it('has an expectation for every fixture and at least 15 of them', () => {
    const files = readdirSync(dir).filter((f) => f !== 'expected.json');
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  for (const [file, want] of Object.entries(expected)) {
    it(file, async () => {
      const out = mkdtempSync(join(tmpdir(), 'atlas-bad-'));
      const path = join(dir, file);
      const options =
        want.as === 'amenities'
          ? { communities: goodCommunities, amenities: path, out }
          : { communities: path, out };
      if (want.input_error !== undefined) {
        const run = buildData(options);
        await expect(run).rejects.toBeInstanceOf(InputError);
        await expect(buildData(options)).rejects.toThrow(want.input_error);
        return;
      }
      const { report } = await buildData(options);
      const table = report.tables[want.as ?? 'communities']!;
      expect(report.errors.map(({ row, column, value, reason }) => ({ row, column, value, reason }))).toEqual(
        want.errors,
      );
      expect(table.rows_read).toBe(table.rows_accepted + table.rows_rejected);
      if (want.rows_read !== undefined) expect(table.rows_read).toBe(want.rows_read);
      if (want.rows_accepted !== undefined) expect(table.rows_accepted).toBe(want.rows_accepted);
      // The written report says the same as the returned one.
      const written = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as typeof report;
      expect(written.rows_rejected).toBe(report.rows_rejected);
    });
  }
});
