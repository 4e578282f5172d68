import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  communityLedgerLayout,
  defaultRoadEdges,
  NATIONAL_DEFAULTS,
  parseNationalArgs,
  ROWS_PER_LEDGER_FILE,
} from './args';

describe('parseNationalArgs', () => {
  it('gives the national defaults', () => {
    expect(parseNationalArgs([])).toEqual(NATIONAL_DEFAULTS);
    // Pin the documented values too, so a changed default is a deliberate test change.
    expect(NATIONAL_DEFAULTS).toMatchObject({ communities: 220_000, amenities: 100_000, seed: 1 });
    expect(NATIONAL_DEFAULTS).toMatchObject({ out: 'tmp/national', roads: false, help: false });
  });

  it('reads the road network and city options', () => {
    const args = parseNationalArgs(['--roads', '--road-edges=150000', '--cities', '1']);
    expect(args).toMatchObject({ roads: true, roadEdges: 150_000, cities: 1 });
    expect(parseNationalArgs(['--roads']).roadEdges).toBeUndefined();
    expect(defaultRoadEdges(220_000)).toBe(2_000_000);
    expect(defaultRoadEdges(5_000)).toBe(45_455);
  });

  it('reads --flag value and --flag=value', () => {
    expect(
      parseNationalArgs(['--communities', '5000', '--amenities=20', '--out', 'tmp/x', '--seed=42']),
    ).toEqual({
      communities: 5000,
      amenities: 20,
      out: 'tmp/x',
      seed: 42,
      cities: undefined,
      roads: false,
      roadEdges: undefined,
      help: false,
    });
    expect(parseNationalArgs(['--help']).help).toBe(true);
  });

  it.each([
    [['--communities', 'abc'], /--communities must be a whole number from 1 to 10000000, got "abc"/],
    [['--communities', '0'], /got "0"/],
    [['--communities', '1.5'], /got "1\.5"/],
    [['--communities=-3'], /got "-3"/],
    [['--amenities', '1e5'], /--amenities must be a whole number/],
    [['--seed', '4294967296'], /--seed must be a whole number from 0 to 4294967295/],
    [['--communities'], /--communities needs a value/],
    [['--communities', '--amenities', '5'], /--communities needs a value/],
    [['--out', ''], /--out needs a folder/],
    [['--rows', '5'], /unknown option --rows/],
    [['220000'], /unexpected argument "220000"/],
    [['--road-edges', '5000'], /--road-edges sizes the road network: give --roads too/],
    [['--roads', '--road-edges', '0'], /--road-edges must be a whole number from 1/],
    [['--cities', '0'], /--cities must be a whole number from 1/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseNationalArgs(argv)).toThrow(message);
  });
});

describe('communityLedgerLayout', () => {
  it('keeps one communities.csv up to 500,000 rows', () => {
    expect(communityLedgerLayout('out', ROWS_PER_LEDGER_FILE)).toEqual({
      path: join('out', 'communities.csv'),
      files: [{ path: join('out', 'communities.csv'), rows: ROWS_PER_LEDGER_FILE }],
    });
  });

  it('cuts a larger ledger into a folder of files whose rows add up', () => {
    const layout = communityLedgerLayout('out', 2_000_001);
    expect(layout.path).toBe(join('out', 'communities'));
    expect(layout.files.map((f) => f.path)).toEqual(
      ['01', '02', '03', '04', '05'].map((k) => join('out', 'communities', `part-${k}.csv`)),
    );
    expect(layout.files.map((f) => f.rows)).toEqual([500_000, 500_000, 500_000, 500_000, 1]);
  });
});
