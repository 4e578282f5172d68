import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { CGCS2000_GK_CM_114E_PRJ, WGS84_PRJ } from '../../../fixtures/roads/polyline-shapefile';
import { InputError } from '../../table';
import {
  chooseSystem,
  geographicSystem,
  systemFromEpsg,
  systemFromGeoJsonCrs,
  systemFromPrj,
  type CoordinateSystem,
} from './road-crs';

/** Metres between two nearby lng/lat points (local flat approximation, ample below 1 km). */
function metres([lng1, lat1]: readonly number[], [lng2, lat2]: readonly number[]): number {
  const r = 6_371_008.8;
  const rad = Math.PI / 180;
  const dx = (lng2! - lng1!) * rad * r * Math.cos(((lat1! + lat2!) / 2) * rad);
  const dy = (lat2! - lat1!) * rad * r;
  return Math.hypot(dx, dy);
}

// Published control values (the PROJ project's own test data):
// - test/gie/builtins.gie, "Transverse Mercator", `+proj=tmerc +ellps=GRS80`: 2°E 1°N →
//   E 222650.796795778, N 110642.229411927 (tolerance 0.1 mm). CGCS2000's ellipsoid is GRS80's,
//   and transverse Mercator depends only on the longitude from the central meridian, so in
//   EPSG:4547 (CM 114°E, false easting 500 000, scale 1) 116°E 1°N is E 722650.796795778.
// - test/gie/more_builtins.gie, `proj=utm zone=32 ellps=GRS80`: 12°E 55°N → E 691875.63214,
//   N 6098907.82501. UTM is the same projection at scale 0.9996, 3° east of its meridian (9°E);
//   coordinates from the meridian scale with the scale factor, so in EPSG:4547 117°E 55°N is
//   E 500000 + 191875.63214 / 0.9996, N 6098907.82501 / 0.9996.
// - test/gie/builtins.gie, `+proj=utm +zone=32` (WGS84): 12°E 56°N → 687071.43910944 6210141.32674801.
const P1 = { lngLat: [116, 1], en: [722_650.796795778, 110_642.229411927] } as const;
const P2 = { lngLat: [117, 55], en: [500_000 + 191_875.63214 / 0.9996, 6_098_907.82501 / 0.9996] } as const;

const OGC_4547 =
  'PROJCS["CGCS2000 / 3-degree Gauss-Kruger CM 114E",GEOGCS["China Geodetic Coordinate System 2000",' +
  'DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],' +
  'PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],' +
  'AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],' +
  'PARAMETER["central_meridian",114],PARAMETER["scale_factor",1],PARAMETER["false_easting",500000],' +
  'PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4547"]]';
const WKT2_4547 =
  'PROJCRS["CGCS2000 / 3-degree Gauss-Kruger CM 114E",BASEGEOGCRS["China Geodetic Coordinate System 2000",' +
  'DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,LENGTHUNIT["metre",1]]],' +
  'PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]],ID["EPSG",4490]],' +
  'CONVERSION["3-degree Gauss-Kruger CM 114E",METHOD["Transverse Mercator",ID["EPSG",9807]],' +
  'PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8801]],' +
  'PARAMETER["Longitude of natural origin",114,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8802]],' +
  'PARAMETER["Scale factor at natural origin",1,SCALEUNIT["unity",1],ID["EPSG",8805]],' +
  'PARAMETER["False easting",500000,LENGTHUNIT["metre",1],ID["EPSG",8806]],' +
  'PARAMETER["False northing",0,LENGTHUNIT["metre",1],ID["EPSG",8807]]],CS[Cartesian,2],' +
  'AXIS["northing (X)",north,ORDER[1],LENGTHUNIT["metre",1]],AXIS["easting (Y)",east,ORDER[2],' +
  'LENGTHUNIT["metre",1]],ID["EPSG",4547]]';
const ZONE_38_PRJ = CGCS2000_GK_CM_114E_PRJ.replace('GK_CM_114E', 'GK_Zone_38').replace(
  '"False_Easting",500000.0',
  '"False_Easting",38500000.0',
);
const gkPrj = (datum: string, spheroid: string) =>
  CGCS2000_GK_CM_114E_PRJ.replace('D_China_2000', datum).replace(
    'SPHEROID["CGCS2000",6378137.0,298.257222101]',
    spheroid,
  );

const expectAt = (system: CoordinateSystem, en: readonly number[], lngLat: readonly number[]) => {
  expect(metres(system.toWgs84(en[0]!, en[1]!), lngLat)).toBeLessThan(0.01);
};

describe('systemFromPrj: CGCS2000 Gauss-Kruger against published coordinates', () => {
  it.each([
    ['ArcGIS', CGCS2000_GK_CM_114E_PRJ],
    ['GDAL WKT 1', OGC_4547],
    ['WKT 2', WKT2_4547],
  ])('reads EPSG:4547 written by %s and inverts the control points to within 1 cm', (_, prj) => {
    const system = systemFromPrj('r.zip', prj);
    expect(system.label).toBe('EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E)');
    expect(system.projected).toBe(true);
    expectAt(system, P1.en, P1.lngLat);
    expectAt(system, P2.en, P2.lngLat);
  });

  it('projects the control points forward to within 1 cm with the same .prj', () => {
    for (const { lngLat, en } of [P1, P2]) {
      const [e, n] = proj4(CGCS2000_GK_CM_114E_PRJ).forward([...lngLat]);
      expect(Math.hypot(e! - en[0], n! - en[1])).toBeLessThan(0.01);
    }
  });

  it('reads the zone-numbered system (EPSG:4526), whose eastings carry the zone in front', () => {
    const system = systemFromPrj('r.zip', ZONE_38_PRJ);
    expect(system.label).toBe('EPSG:4526 (CGCS2000 / 3-degree Gauss-Kruger zone 38)');
    expectAt(system, [38_000_000 + P1.en[0], P1.en[1]], P1.lngLat);
    expect(system.hint?.(P1.en[0], P1.en[1])).toMatch(/EPSG:4547/);
  });

  // Other projections on the WGS84 ellipsoid: UTM against PROJ’s value, labelled by name; GDAL’s
  // Web Mercator labelled by its code (x = R·λ on the sphere).
  it.each([
    {
      wkt:
        'PROJCS["WGS_1984_UTM_Zone_32N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
        'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],' +
        'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],' +
        'PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
      label: 'WGS_1984_UTM_Zone_32N',
      en: [687_071.43910944, 6_210_141.32674801],
      lngLat: [12, 56],
    },
    {
      wkt:
        'PROJCS["WGS 84 / Pseudo-Mercator",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],' +
        'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Mercator_1SP"],' +
        'PARAMETER["central_meridian",0],PARAMETER["scale_factor",1],PARAMETER["false_easting",0],' +
        'PARAMETER["false_northing",0],UNIT["metre",1],AXIS["Easting",EAST],AXIS["Northing",NORTH],' +
        'EXTENSION["PROJ4","+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs"],' +
        'AUTHORITY["EPSG","3857"]]',
      label: 'EPSG:3857 (WGS 84 / Pseudo-Mercator)',
      en: [(6_378_137 * 114 * Math.PI) / 180, 0],
      lngLat: [114, 0],
    },
  ])('reads $label on the WGS84 ellipsoid', ({ wkt, label, en, lngLat }) => {
    const system = systemFromPrj('r.zip', wkt);
    expect(system.label).toBe(label);
    expectAt(system, en, lngLat);
  });
});

describe('systemFromPrj: geographic and refused systems', () => {
  it('passes WGS84 and CGCS2000 longitude/latitude through unchanged', () => {
    const wgs = systemFromPrj('r.zip', WGS84_PRJ);
    expect([wgs.label, wgs.projected, wgs.toWgs84(114.305, 30.593)]).toEqual([
      'WGS84',
      false,
      [114.305, 30.593],
    ]);
    const cgcs = systemFromPrj(
      'r.zip',
      'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
    );
    expect([cgcs.label, cgcs.toWgs84(114.305, 30.593)]).toEqual(['CGCS2000', [114.305, 30.593]]);
  });

  it('refuses Xian 1980 and Beijing 1954, naming the datum', () => {
    const xian = gkPrj('D_Xian_1980', 'SPHEROID["Xian_1980",6378140.0,298.257]');
    expect(() => systemFromPrj('r.zip', xian)).toThrow(InputError);
    expect(() => systemFromPrj('r.zip', xian)).toThrow(
      /^r\.zip: the \.prj's datum is D_Xian_1980 .*Beijing 1954 and Xian 1980 need a datum transformation/,
    );
    const beijing = gkPrj('D_Beijing_1954', 'SPHEROID["Krasovsky_1940",6378245.0,298.3]');
    expect(() => systemFromPrj('r.zip', beijing)).toThrow(
      /datum is D_Beijing_1954 \(ellipsoid a=6378245, 1\/f=298\.3\)/,
    );
  });

  it('refuses text proj4 cannot read and a projection it does not implement, quoting the .prj', () => {
    expect(() => systemFromPrj('r.zip', 'hello')).toThrow(
      'r.zip: the .prj is not a coordinate system proj4 can read: hello',
    );
    expect(() => systemFromPrj('r.zip', 'PROJCS["x"')).toThrow(
      'r.zip: the .prj is not a coordinate system proj4 can read: PROJCS["x"',
    );
    const unknown = CGCS2000_GK_CM_114E_PRJ.replace('Gauss_Kruger', 'Foo_Bar');
    expect(() => systemFromPrj('r.zip', unknown)).toThrow(
      /^r\.zip: the \.prj's projection "Foo_Bar" is not one proj4 implements: PROJCS\["CGCS2000_3_Degree.*…$/,
    );
    expect(() => systemFromPrj('r.zip', '  ')).toThrow(/^r\.zip: the \.prj is empty/);
  });
});

describe('systemFromEpsg and systemFromGeoJsonCrs', () => {
  it('knows 4326, 4490, the Gauss-Kruger zones, UTM north and Web Mercator', () => {
    expect(systemFromEpsg(4326)?.label).toBe('WGS84');
    expect(systemFromEpsg(4490)?.label).toBe('CGCS2000');
    expectAt(systemFromEpsg(4547)!, P1.en, P1.lngLat);
    expect(systemFromEpsg(4502)?.label).toBe('EPSG:4502 (CGCS2000 / Gauss-Kruger CM 75E)');
    expect(systemFromEpsg(32650)?.label).toBe('EPSG:32650 (WGS 84 / UTM zone 50N)');
    // Web Mercator: x = R·λ, so 114°E is 6378137 · 114 · π/180.
    expect(systemFromEpsg(3857)!.toWgs84((6_378_137 * 114 * Math.PI) / 180, 0)[0]).toBeCloseTo(114, 9);
    expect(systemFromEpsg(2383)).toBeUndefined();
  });

  it('reads the crs member in its spellings', () => {
    const named = (name: string | number) => ({ type: 'name', properties: { name } });
    expect(systemFromGeoJsonCrs('r.geojson', undefined)).toBeUndefined();
    expect(systemFromGeoJsonCrs('r.geojson', named('urn:ogc:def:crs:OGC:1.3:CRS84'))?.label).toBe('WGS84');
    expect(systemFromGeoJsonCrs('r.geojson', named('urn:ogc:def:crs:EPSG::4547'))?.label).toMatch(
      /^EPSG:4547 /,
    );
    expect(systemFromGeoJsonCrs('r.geojson', named('EPSG:4490'))?.label).toBe('CGCS2000');
    expect(systemFromGeoJsonCrs('r.geojson', { type: 'EPSG', properties: { code: 4526 } })?.label).toMatch(
      /^EPSG:4526 /,
    );
  });

  it('refuses a crs member naming a system it does not convert', () => {
    const crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2383' } };
    expect(() => systemFromGeoJsonCrs('r.geojson', crs)).toThrow(
      /^r\.geojson: the "crs" member names "urn:ogc:def:crs:EPSG::2383", which is not a system the build converts/,
    );
    expect(() => systemFromGeoJsonCrs('r.geojson', { type: 'name' })).toThrow(/names no coordinate system/);
  });
});

describe('chooseSystem', () => {
  const gk = { system: systemFromPrj('r.zip', CGCS2000_GK_CM_114E_PRJ), source: 'the .prj' };
  const wgs = { system: geographicSystem('WGS84'), source: 'the .prj' };

  it('takes the declared system, or --roads-crs over a geographic one (a .prj cannot say GCJ-02)', () => {
    expect(chooseSystem('r.zip', gk, undefined, 'no').label).toMatch(/^EPSG:4547/);
    expect(chooseSystem('r.zip', wgs, 'GCJ-02', 'no').label).toBe('GCJ-02');
    expect(chooseSystem('r.zip', undefined, 'BD-09', 'no').label).toBe('BD-09');
    expect(chooseSystem('r.geojson', undefined, undefined, geographicSystem('WGS84')).label).toBe('WGS84');
  });

  it('refuses --roads-crs beside a projected declaration, and throws the fallback message without either', () => {
    expect(() => chooseSystem('r.zip', gk, 'WGS84', 'no')).toThrow(
      /^r\.zip: the \.prj declares EPSG:4547 .*, a projected system in metres, but --roads-crs says WGS84/,
    );
    expect(() => chooseSystem('r.zip', undefined, undefined, 'r.zip: no .prj')).toThrow('r.zip: no .prj');
  });

  it('converts GCJ-02 and BD-09 to WGS84, by a few hundred metres in Wuhan', () => {
    const gcj = geographicSystem('GCJ-02').toWgs84(114.305, 30.593);
    const bd = geographicSystem('BD-09').toWgs84(114.305, 30.593);
    expect(metres(gcj, [114.305, 30.593])).toBeGreaterThan(100);
    expect(metres(gcj, [114.305, 30.593])).toBeLessThan(1000);
    expect(metres(bd, [114.305, 30.593])).toBeGreaterThan(metres(gcj, [114.305, 30.593]));
  });
});
