import { describe, expect, it } from 'vitest';
import { parseBuildArgs, UsageError } from './build-args';

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

  it.each([
    [['--crs', 'UTM'], /--crs must be one of WGS84, GCJ-02, BD-09, CGCS2000; got "UTM"/],
    [['--communities'], /--communities needs a value/],
    [['--communities', '--strict'], /--communities needs a value/],
    [['--colour', 'red'], /unknown option --colour/],
    [['ledger.csv'], /unexpected argument "ledger.csv"/],
    [['--amenities', 'a.csv'], /--amenities needs --communities/],
    [['--strict=yes'], /--strict takes no value/],
    [['--out', 'a', '--out', 'b', '--communities', 'c'], /--out given twice/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseBuildArgs(argv)).toThrow(UsageError);
    expect(() => parseBuildArgs(argv)).toThrow(message);
  });
});
