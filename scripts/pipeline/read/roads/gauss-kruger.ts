/**
 * The CGCS2000 Gauss–Krüger systems EPSG defines for China, so that a .prj or a GeoJSON `crs`
 * naming one is recognised and labelled by its EPSG code whatever the exporting software called
 * it (ArcGIS writes `CGCS2000_3_Degree_GK_CM_114E`, GDAL `CGCS2000 / 3-degree Gauss-Kruger CM
 * 114E`, QGIS often only the parameters).
 *
 * All are transverse Mercator on the CGCS2000 ellipsoid (GRS80's shape), scale 1 on the central
 * meridian, latitude of origin 0, false northing 0:
 *
 * | EPSG | zones | central meridian | false easting |
 * | --- | --- | --- | --- |
 * | 4491–4501 | 6° zones 13–23 | 6 × zone − 3 (75°E … 135°E) | zone × 1,000,000 + 500,000 |
 * | 4502–4512 | 6° CM 75°E … 135°E | as named | 500,000 |
 * | 4513–4533 | 3° zones 25–45 | 3 × zone (75°E … 135°E) | zone × 1,000,000 + 500,000 |
 * | 4534–4554 | 3° CM 75°E … 135°E | as named | 500,000 |
 *
 * The zone-numbered systems put the zone in front of the easting (38 500 000 on zone 38's central
 * meridian), the CM ones do not (500 000): mixing the two is the commonest mistake in Chinese GIS
 * exports, and `zoneNumberHint` names it.
 */

/** One CGCS2000 Gauss–Krüger system. */
export interface GaussKrugerSystem {
  epsg: number;
  /** EPSG's name, e.g. `CGCS2000 / 3-degree Gauss-Kruger CM 114E`. */
  name: string;
  /** Degrees east. */
  centralMeridian: number;
  /** Metres. */
  falseEasting: number;
  zoneWidth: 3 | 6;
  /** The zone number written in front of the easting; absent for the CM systems. */
  zone?: number;
}

/**
 * The rows of the table above: each range's first EPSG code and its first zone (zone-numbered
 * systems) or first central meridian (CM systems, 75°E), in steps of one zone or one zone width.
 */
const RANGES: readonly { first: number; last: number; zoneWidth: 3 | 6; firstZone?: number }[] = [
  { first: 4491, last: 4501, zoneWidth: 6, firstZone: 13 },
  { first: 4502, last: 4512, zoneWidth: 6 },
  { first: 4513, last: 4533, zoneWidth: 3, firstZone: 25 },
  { first: 4534, last: 4554, zoneWidth: 3 },
];

/** The CGCS2000 Gauss–Krüger system with this EPSG code (4491–4554), else undefined. */
export function cgcs2000GaussKruger(epsg: number): GaussKrugerSystem | undefined {
  if (!Number.isInteger(epsg)) return undefined;
  const range = RANGES.find((r) => epsg >= r.first && epsg <= r.last);
  if (!range) return undefined;
  const { zoneWidth, firstZone } = range;
  const degree = zoneWidth === 3 ? '3-degree ' : '';
  if (firstZone === undefined) {
    const cm = 75 + zoneWidth * (epsg - range.first);
    const name = `CGCS2000 / ${degree}Gauss-Kruger CM ${cm}E`;
    return { epsg, name, centralMeridian: cm, falseEasting: 5e5, zoneWidth };
  }
  const zone = firstZone + epsg - range.first;
  // A 6° zone n is centred on 6n − 3, a 3° zone n on 3n.
  const centralMeridian = zoneWidth === 6 ? 6 * zone - 3 : 3 * zone;
  const name = `CGCS2000 / ${degree}Gauss-Kruger zone ${zone}`;
  return { epsg, name, centralMeridian, falseEasting: zone * 1e6 + 5e5, zoneWidth, zone };
}

/** The proj4 definition of a Gauss–Krüger system (CGCS2000 has GRS80's ellipsoid). */
export function gaussKrugerProj4(system: GaussKrugerSystem): string {
  return (
    `+proj=tmerc +lat_0=0 +lon_0=${system.centralMeridian} +k=1 +x_0=${system.falseEasting} +y_0=0 ` +
    '+ellps=GRS80 +units=m +no_defs'
  );
}

/** Transverse Mercator parameters as read from a .prj. */
export interface TransverseMercatorParameters {
  /** Degrees. */
  centralMeridian: number;
  falseEasting: number;
  falseNorthing: number;
  scale: number;
  /** Degrees. */
  latitudeOfOrigin: number;
  /** The system's name in the file, which tells a 3° CM system from the 6° one with the same meridian. */
  name?: string;
  /** The EPSG code the file gives, if any. */
  epsg?: number;
}

const close = (a: number, b: number, tolerance: number) => Math.abs(a - b) <= tolerance;

/**
 * The CGCS2000 Gauss–Krüger system with these parameters (the caller has checked the ellipsoid),
 * else undefined. A 6° CM system and the 3° one on the same meridian are the same projection;
 * the file's EPSG code, else its name (`3_Degree`, `3-degree`, 三度), else the 3° system (city
 * data is nearly always 3°) decides which is named.
 */
export function matchCgcs2000GaussKruger(p: TransverseMercatorParameters): GaussKrugerSystem | undefined {
  if (!close(p.scale, 1, 1e-9) || !close(p.latitudeOfOrigin, 0, 1e-9) || !close(p.falseNorthing, 0, 1e-6))
    return undefined;
  const candidates: GaussKrugerSystem[] = [];
  for (let epsg = 4491; epsg <= 4554; epsg++) {
    const system = cgcs2000GaussKruger(epsg)!;
    if (
      close(system.centralMeridian, p.centralMeridian, 1e-7) &&
      close(system.falseEasting, p.falseEasting, 1e-6)
    )
      candidates.push(system);
  }
  if (candidates.length <= 1) return candidates[0];
  const byCode = candidates.find((c) => c.epsg === p.epsg);
  if (byCode) return byCode;
  const name = p.name ?? '';
  const sixDegree = /gk|gauss/i.test(name) && !/3[\s_-]*degree|3[\s_-]*deg\b|三度|3度/i.test(name);
  return candidates.find((c) => c.zoneWidth === (sixDegree ? 6 : 3)) ?? candidates[0];
}

/**
 * Why a Gauss–Krüger easting lands far from where it should: the zone number is missing in front
 * of it although the system expects one, or present although it does not. Undefined when the
 * easting looks right for the system.
 */
export function zoneNumberHint(system: GaussKrugerSystem, easting: number): string | undefined {
  if (system.zone !== undefined && easting >= 0 && easting < 1e6) {
    const plain =
      system.zoneWidth === 3
        ? 4534 + (system.centralMeridian - 75) / 3
        : 4502 + (system.centralMeridian - 75) / 6;
    return (
      `the eastings have no zone number in front, but EPSG:${system.epsg} expects ${system.zone} in front ` +
      `(${system.falseEasting}): the system is more likely EPSG:${plain} (${cgcs2000GaussKruger(plain)!.name})`
    );
  }
  if (system.zone === undefined && easting >= 1e7 && easting < 1e8) {
    const zone = Math.floor(easting / 1e6);
    const epsg =
      zone >= 25 && zone <= 45 ? 4513 + zone - 25 : zone >= 13 && zone <= 23 ? 4491 + zone - 13 : undefined;
    return (
      `the eastings start with zone number ${zone}, which EPSG:${system.epsg} does not expect` +
      (epsg === undefined
        ? ''
        : `: the system is more likely EPSG:${epsg} (${cgcs2000GaussKruger(epsg)!.name})`)
    );
  }
  return undefined;
}
