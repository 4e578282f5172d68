import { describe, expect, it } from 'vitest';
import { cgcs2000GaussKruger, matchCgcs2000GaussKruger, zoneNumberHint } from './gauss-kruger';

const tm = { falseNorthing: 0, scale: 1, latitudeOfOrigin: 0 };

describe('cgcs2000GaussKruger', () => {
  // Names, meridians and false eastings as the EPSG registry gives them (epsg.org).
  it.each([
    [4491, 'CGCS2000 / Gauss-Kruger zone 13', 75, 13_500_000],
    [4501, 'CGCS2000 / Gauss-Kruger zone 23', 135, 23_500_000],
    [4502, 'CGCS2000 / Gauss-Kruger CM 75E', 75, 500_000],
    [4512, 'CGCS2000 / Gauss-Kruger CM 135E', 135, 500_000],
    [4513, 'CGCS2000 / 3-degree Gauss-Kruger zone 25', 75, 25_500_000],
    [4526, 'CGCS2000 / 3-degree Gauss-Kruger zone 38', 114, 38_500_000],
    [4533, 'CGCS2000 / 3-degree Gauss-Kruger zone 45', 135, 45_500_000],
    [4534, 'CGCS2000 / 3-degree Gauss-Kruger CM 75E', 75, 500_000],
    [4547, 'CGCS2000 / 3-degree Gauss-Kruger CM 114E', 114, 500_000],
    [4554, 'CGCS2000 / 3-degree Gauss-Kruger CM 135E', 135, 500_000],
  ])('EPSG:%i is %s (CM %i°E, false easting %i)', (epsg, name, centralMeridian, falseEasting) => {
    expect(cgcs2000GaussKruger(epsg)).toMatchObject({ epsg, name, centralMeridian, falseEasting });
  });

  it('knows no code outside 4491–4554', () => {
    for (const code of [4490, 4555, 4326, 2383, 4547.5]) expect(cgcs2000GaussKruger(code)).toBeUndefined();
  });
});

describe('matchCgcs2000GaussKruger', () => {
  it('finds the zone-numbered and the CM systems by their false easting', () => {
    expect(matchCgcs2000GaussKruger({ ...tm, centralMeridian: 114, falseEasting: 500_000 })?.epsg).toBe(4547);
    expect(matchCgcs2000GaussKruger({ ...tm, centralMeridian: 114, falseEasting: 38_500_000 })?.epsg).toBe(
      4526,
    );
    expect(matchCgcs2000GaussKruger({ ...tm, centralMeridian: 117, falseEasting: 20_500_000 })?.epsg).toBe(
      4498,
    );
  });

  it('tells the 6° CM system from the 3° one on the same meridian by code, then by name, else 3°', () => {
    const cm117 = { ...tm, centralMeridian: 117, falseEasting: 500_000 };
    expect(matchCgcs2000GaussKruger({ ...cm117, epsg: 4509 })?.epsg).toBe(4509);
    expect(matchCgcs2000GaussKruger({ ...cm117, name: 'CGCS2000_GK_CM_117E' })?.epsg).toBe(4509);
    expect(matchCgcs2000GaussKruger({ ...cm117, name: 'CGCS2000_3_Degree_GK_CM_117E' })?.epsg).toBe(4548);
    expect(matchCgcs2000GaussKruger(cm117)?.epsg).toBe(4548);
  });

  it('matches nothing with another scale, origin, false northing or an inconsistent zone', () => {
    expect(
      matchCgcs2000GaussKruger({ ...tm, scale: 0.9996, centralMeridian: 117, falseEasting: 500_000 }),
    ).toBeUndefined();
    expect(
      matchCgcs2000GaussKruger({ ...tm, latitudeOfOrigin: 1, centralMeridian: 114, falseEasting: 500_000 }),
    ).toBeUndefined();
    expect(
      matchCgcs2000GaussKruger({ ...tm, falseNorthing: 1e6, centralMeridian: 114, falseEasting: 500_000 }),
    ).toBeUndefined();
    expect(
      matchCgcs2000GaussKruger({ ...tm, centralMeridian: 117, falseEasting: 38_500_000 }),
    ).toBeUndefined();
    expect(matchCgcs2000GaussKruger({ ...tm, centralMeridian: 113, falseEasting: 500_000 })).toBeUndefined();
  });
});

describe('zoneNumberHint', () => {
  it('names the CM system when a zone-numbered one meets eastings without the zone', () => {
    expect(zoneNumberHint(cgcs2000GaussKruger(4526)!, 523_456)).toMatch(/no zone number in front.*EPSG:4547/);
    expect(zoneNumberHint(cgcs2000GaussKruger(4498)!, 523_456)).toMatch(
      /EPSG:4509 \(CGCS2000 \/ Gauss-Kruger CM 117E\)/,
    );
  });

  it('names the zone-numbered system when a CM one meets eastings with a zone in front', () => {
    expect(zoneNumberHint(cgcs2000GaussKruger(4547)!, 38_523_456)).toMatch(/zone number 38.*EPSG:4526/);
    expect(zoneNumberHint(cgcs2000GaussKruger(4509)!, 20_523_456)).toMatch(/zone number 20.*EPSG:4498/);
  });

  it('says nothing when the eastings fit the system', () => {
    expect(zoneNumberHint(cgcs2000GaussKruger(4547)!, 523_456)).toBeUndefined();
    expect(zoneNumberHint(cgcs2000GaussKruger(4526)!, 38_523_456)).toBeUndefined();
  });
});
