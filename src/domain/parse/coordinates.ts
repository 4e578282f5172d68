/**
 * Coordinates as ledgers write them (decimals, full-width digits, degree-minute-second text with
 * 度分秒 or ° ′ ″ marks and hemisphere letters), the sanity check against China's extent, and the
 * conversion of the declared system (GCJ-02 from 高德/腾讯, BD-09 from 百度) to WGS84.
 */
import gcoord from 'gcoord';
import type { RawCell } from '../cell';
import { CHINA_BBOX, type Crs } from '../vocabulary';
import { fail, type ParseResult } from './result';
import { foldWidth } from './text';

/** Which axis a value belongs to; lets the parser catch `N28°` in a longitude column. */
export type Axis = 'lng' | 'lat';

const SIMPLE_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
// Upper case only: a lower-case s or m after a number is a seconds or minutes mark (30s, 56m).
const HEMISPHERE_PREFIX = /^(东经|西经|北纬|南纬|[NSEW])/;
const HEMISPHERE_SUFFIX = /(东经|西经|北纬|南纬|[NSEW])$/;
// Marks normalised to single letters; seconds first because ″ folds to ′′ and '' contains '.
const SECOND_MARKS = /′′|″|''|"|”|秒/g;
const MINUTE_MARKS = /′|'|’|分/g;
const DEGREE_MARKS = /°|度/g;
const TOKEN = /\s*(\d+(?:\.\d+)?|\.\d+)\s*([dms])?\s*/y;
const DEGREE_LIKE = /[º˚]/g;

const HEMISPHERES: Readonly<Record<string, { axis: Axis; sign: 1 | -1 }>> = {
  N: { axis: 'lat', sign: 1 },
  S: { axis: 'lat', sign: -1 },
  E: { axis: 'lng', sign: 1 },
  W: { axis: 'lng', sign: -1 },
  北纬: { axis: 'lat', sign: 1 },
  南纬: { axis: 'lat', sign: -1 },
  东经: { axis: 'lng', sign: 1 },
  西经: { axis: 'lng', sign: -1 },
};

function inRange(value: number, axis: Axis | undefined): ParseResult<number> {
  const limit = axis === 'lat' ? 90 : 180;
  if (!Number.isFinite(value)) return fail('not a number');
  if (Math.abs(value) > limit) {
    return fail(`${value} is beyond ±${limit}°, not a ${axis === 'lat' ? 'latitude' : 'longitude'}`);
  }
  return { ok: true, value };
}

/**
 * Reads a longitude or latitude in decimal degrees. Accepts decimals (also full-width), and
 * degree-minute-second text: `112°56′30.5″E`, `112度56分30.5秒`, `N28°13'`, `东经112°56′`,
 * `112 56 30.5`. S and W make the value negative. Pass `axis` to reject a hemisphere letter
 * of the other axis and to apply the ±90° limit to latitudes.
 */
export function parseCoordinate(input: RawCell, axis?: Axis): ParseResult<number> {
  if (typeof input === 'number') return inRange(input, axis);
  if (input === null || input === undefined) return fail('empty');
  if (typeof input !== 'string') return fail('not a coordinate');
  const trimmed = input.trim();
  if (trimmed === '') return fail('empty');
  if (SIMPLE_DECIMAL.test(trimmed)) return inRange(Number(trimmed), axis);

  let s = foldWidth(trimmed.replace(DEGREE_LIKE, '°')).trim();
  if (SIMPLE_DECIMAL.test(s)) return inRange(Number(s), axis);
  if (s.includes(',')) return fail('contains a comma: put longitude and latitude in separate columns');

  let hemisphere: (typeof HEMISPHERES)[string] | undefined;
  const pre = HEMISPHERE_PREFIX.exec(s);
  if (pre) {
    hemisphere = HEMISPHERES[pre[1] ?? ''];
    s = s.slice(pre[0].length);
  }
  const post = HEMISPHERE_SUFFIX.exec(s);
  if (post) {
    if (hemisphere) return fail('two hemisphere marks');
    hemisphere = HEMISPHERES[post[1] ?? ''];
    s = s.slice(0, post.index);
  }
  if (hemisphere && axis && hemisphere.axis !== axis) {
    return fail(
      axis === 'lng'
        ? 'marked N/S (a latitude) in the longitude column'
        : 'marked E/W (a longitude) in the latitude column',
    );
  }

  s = s.trim();
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('−')) {
    if (hemisphere) return fail('both a minus sign and a hemisphere mark');
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith('+')) {
    s = s.slice(1);
  }
  s = s.replace(SECOND_MARKS, 's').replace(MINUTE_MARKS, 'm').replace(DEGREE_MARKS, 'd').replace(/:/g, ' ');

  // Degrees, minutes, seconds; unmarked numbers take the next position (112 56 30.5).
  const parts: (string | undefined)[] = [undefined, undefined, undefined];
  let next = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < s.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(s);
    if (!m || TOKEN.lastIndex === start) return fail('not a coordinate (write 112.9408 or 112°56′27″E)');
    const index = m[2] === 'd' ? 0 : m[2] === 'm' ? 1 : m[2] === 's' ? 2 : next;
    if (index < next || index > 2) return fail('degrees, minutes and seconds out of order');
    parts[index] = m[1];
    next = index + 1;
  }
  const [d, min, sec] = parts;
  if (d === undefined) return fail('no degrees');
  const last = sec !== undefined ? 2 : min !== undefined ? 1 : 0;
  for (let i = 0; i < last; i++) {
    const p = parts[i];
    if (p === undefined) return fail('minutes given without seconds in between');
    if (p.includes('.')) return fail('only the last of degrees, minutes and seconds may have decimals');
  }
  const minutes = min === undefined ? 0 : Number(min);
  const seconds = sec === undefined ? 0 : Number(sec);
  if (minutes >= 60) return fail(`${minutes} minutes is not below 60`);
  if (seconds >= 60) return fail(`${seconds} seconds is not below 60`);
  const value = sign * (hemisphere?.sign ?? 1) * (Number(d) + minutes / 60 + seconds / 3600);
  return inRange(value, axis ?? hemisphere?.axis);
}

/** Reason given when a point's latitude and longitude look exchanged. */
export const SWAPPED_REASON = 'latitude and longitude look swapped';
/** Reason given when a point lies outside {@link CHINA_BBOX}. */
export const OUTSIDE_REASON = "outside China's extent";

function inLngRange(v: number): boolean {
  return v >= CHINA_BBOX.minLng && v <= CHINA_BBOX.maxLng;
}

function inLatRange(v: number): boolean {
  return v >= CHINA_BBOX.minLat && v <= CHINA_BBOX.maxLat;
}

/**
 * Null when the point lies in China's rough extent; otherwise the reason: swapped when the
 * longitude falls in China's latitude range and the latitude in its longitude range, else outside.
 */
export function checkChinaPoint(lng: number, lat: number): string | null {
  if (inLngRange(lng) && inLatRange(lat)) return null;
  if (inLatRange(lng) && inLngRange(lat)) return SWAPPED_REASON;
  return OUTSIDE_REASON;
}

/**
 * Converts a point from the declared system to WGS84 with gcoord. CGCS2000 differs from WGS84
 * by centimetres and is returned unchanged, as is WGS84.
 */
export function toWgs84(lng: number, lat: number, crs: Crs): [number, number] {
  switch (crs) {
    case 'GCJ-02': {
      const [x = NaN, y = NaN] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84);
      return [x, y];
    }
    case 'BD-09': {
      const [x = NaN, y = NaN] = gcoord.transform([lng, lat], gcoord.BD09, gcoord.WGS84);
      return [x, y];
    }
    default:
      return [lng, lat];
  }
}
