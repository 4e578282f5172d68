import { describe, expect, it } from 'vitest';
import { parseBuildArgs, USAGE, UsageError } from './build-args';

describe('parseBuildArgs', () => {
  it('builds the demo when no ledger is named', () => {
    expect(parseBuildArgs([])).toMatchObject({ demo: true, out: 'public/data', strict: false });
  });

  it('reads every documented option, in both spellings', () => {
    const a = parseBuildArgs([
      '--communities',
      'ledger.xlsx',
      '--amenities=poi.csv',
      '--boundaries',
      'b.geojson',
      '--crs',
      'gcj02',
      '--sheet',
      '2023年',
      '--out',
      'site/data',
      '--strict',
    ]);
    expect(a).toMatchObject({
      demo: false,
      communities: 'ledger.xlsx',
      amenities: 'poi.csv',
      boundaries: 'b.geojson',
      crs: 'GCJ-02',
      sheet: '2023年',
      out: 'site/data',
      strict: true,
    });
  });

  it('reads the road network and its coordinate system', () => {
    const a = parseBuildArgs([
      '--communities',
      'c.csv',
      '--amenities',
      'a.csv',
      '--roads=roads.zip',
      '--roads-crs',
      'cgcs2000',
    ]);
    expect(a).toMatchObject({ roads: 'roads.zip', roadsCrs: 'CGCS2000' });
    expect(parseBuildArgs(['--communities', 'c.csv', '--roads', 'r.geojson'])).not.toHaveProperty('roadsCrs');
  });

  it('says in the usage that road distances need amenities', () => {
    expect(USAGE).toMatch(/--roads FILE[\s\S]*need\s+--amenities/);
    expect(USAGE).toMatch(/--roads-crs SYSTEM/);
  });

  it.each([
    [['--crs', 'UTM'], /--crs must be one of WGS84, GCJ-02, BD-09, CGCS2000; got "UTM"/],
    [['--communities'], /--communities needs a value/],
    [['--communities', '--strict'], /--communities needs a value/],
    [['--colour', 'red'], /unknown option --colour/],
    [['ledger.csv'], /unexpected argument "ledger.csv"/],
    [['--amenities', 'a.csv'], /--amenities needs --communities/],
    [['--strict=yes'], /--strict takes no value/],
    [['--roads', 'r.geojson'], /--roads needs --communities/],
    [['--communities', 'c.csv', '--roads-crs', 'WGS84'], /--roads-crs needs --roads/],
    [
      ['--communities', 'c.csv', '--roads', 'r.zip', '--roads-crs', 'EPSG:4547'],
      /--roads-crs must be one of WGS84, GCJ-02, BD-09, CGCS2000; got "EPSG:4547"/,
    ],
    [['--out', 'a', '--out', 'b', '--communities', 'c'], /--out given twice/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseBuildArgs(argv)).toThrow(UsageError);
    expect(() => parseBuildArgs(argv)).toThrow(message);
  });
  it('asks for content-hashed names only with --hash-names', () => {
    expect(parseBuildArgs(['--hash-names'])).toMatchObject({ hashNames: true });
    expect(parseBuildArgs([])).not.toHaveProperty('hashNames');
    expect(() => parseBuildArgs(['--hash-names=no'])).toThrow(/--hash-names takes no value/);
  });
});

describe('parseBuildArgs with several ledgers', () => {
  it('collects every --communities in order, and keeps one as a plain path', () => {
    expect(
      parseBuildArgs(['--communities', 'a.csv', '--communities=ledgers/', '--communities', 'b.xlsx'])
        .communities,
    ).toEqual(['a.csv', 'ledgers/', 'b.xlsx']);
    expect(parseBuildArgs(['--communities', 'a.csv']).communities).toBe('a.csv');
  });
});
