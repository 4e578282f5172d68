/**
 * End to end on a small messy ledger (tests/fixtures/golden/, written by
 * scripts/fixtures/make-golden-ledger.ts): the build's GeoJSON, report and manifest must equal the
 * committed expected outputs. After an intended change, regenerate with
 *   UPDATE_GOLDEN=1 npx vitest run tests/pipeline/golden-ledger.test.ts
 * and read the diff before committing it.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildData, type BuildResult } from '../../scripts/pipeline/build';

const fixtures = 'tests/fixtures/golden';
const expectedDir = join(fixtures, 'expected');
const update = process.env.UPDATE_GOLDEN === '1';

let out: string;
let result: BuildResult;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'atlas-golden-'));
  result = await buildData({
    communities: join(fixtures, 'ledger.xlsx'),
    amenities: join(fixtures, 'amenities-gbk.csv'),
    out,
    buildTime: new Date('2024-01-01T00:00:00Z'),
  });
});

function stable(name: string): unknown {
  const value = JSON.parse(readFileSync(join(out, name), 'utf8')) as Record<string, unknown>;
  // Timings differ run to run; everything else must not.
  if (name === 'manifest.json') delete value.build_timings_ms;
  // The file list pins every output's bytes (tiles included) and the build id hashes it:
  // tests/pipeline/atomic-build.test.ts checks them against the folder instead.
  if (name === 'manifest.json') {
    delete value.files;
    delete value.build_id;
  }
  if (name === 'manifest.json') {
    const layers = value.layers as Record<string, Record<string, unknown>>;
    for (const layer of Object.values(layers)) delete layer.stats;
  }
  return value;
}

describe('golden ledger', () => {
  for (const name of ['communities.geojson', 'amenities.geojson', 'report.json', 'manifest.json']) {
    it(`${name} equals the committed expectation`, () => {
      const actual = stable(name);
      if (update) {
        mkdirSync(expectedDir, { recursive: true });
        writeFileSync(join(expectedDir, name), JSON.stringify(actual, null, 2) + '\n');
      }
      expect(actual).toEqual(JSON.parse(readFileSync(join(expectedDir, name), 'utf8')));
    });
  }

  it('accounts for every ledger row', () => {
    const t = result.report.tables.communities!;
    // 6 community rows, one blank row and one totals row below the header.
    expect(t).toMatchObject({ rows_read: 6, rows_accepted: 4, rows_rejected: 2, rows_skipped: 2 });
    expect(t.rows_read).toBe(t.rows_accepted + t.rows_rejected);
  });

  it('keeps HTML in a ledger string as literal text', () => {
    const fc = JSON.parse(readFileSync(join(out, 'communities.geojson'), 'utf8')) as {
      features: { properties: Record<string, unknown> }[];
    };
    const note = fc.features.find((f) => f.properties.id === 'CS-002')?.properties.note;
    expect(note).toBe('<b>设计费由政府承担</b>');
  });
});
