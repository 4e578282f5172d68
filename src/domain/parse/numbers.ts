/**
 * Numbers as bureau ledgers write them: `1,234`, `１２３４`, `约700户`, `1.3万`, `95%以上`,
 * `外墙1.2万平方米`'s `1.2万平方米`. A qualifier (约 about, 近 nearly, 余/以上 more than) keeps the
 * number and is reported alongside it; a trailing unit word is returned for the caller to check.
 */
import type { RawCell } from '../cell';
import type { NumberQualifier } from '../schema';
import { fail, type ParseFailure, type ParseResult } from './result';
import { foldWidth, removeSpaces } from './text';

/** A number read from a cell, with what was written around it. */
export interface NumberValue {
  ok: true;
  value: number;
  /** 约/左右 about, 近 nearly, 余/多/以上/逾/超 more than. */
  qualifier?: NumberQualifier;
  /** Unit word written after the number (`户`, `部`, `平方米`, `%`), width-folded. */
  unitText?: string;
  /** 1e4 for 万, 1e8 for 亿 … when the cell carried a magnitude word; already applied to `value`. */
  multiplier?: number;
}

/** Result of {@link parseNumber}. */
export type NumberResult = NumberValue | ParseFailure;

/** A successful quantity with an optional qualifier (money, areas, rates, counts). */
export type QuantityResult = (ParseResultValue & { qualifier?: NumberQualifier }) | ParseFailure;
type ParseResultValue = Extract<ParseResult<number>, { ok: true }>;

const PREFIX_QUALIFIERS: Readonly<Record<string, NumberQualifier>> = {
  大约: 'about',
  约: 'about',
  将近: 'nearly',
  接近: 'nearly',
  近: 'nearly',
  超过: 'more_than',
  逾: 'more_than',
  超: 'more_than',
  '>': 'more_than',
  '≥': 'more_than',
  '>=': 'more_than',
};

const SUFFIX_QUALIFIERS: Readonly<Record<string, NumberQualifier>> = {
  余: 'more_than',
  多: 'more_than',
  '+': 'more_than',
  以上: 'more_than',
  左右: 'about',
  许: 'about',
};

const MULTIPLIERS: Readonly<Record<string, number>> = {
  千: 3,
  万: 4,
  百万: 6,
  千万: 7,
  亿: 8,
};

// prefix qualifier, sign, digits (with optional thousands groups, decimals, exponent), magnitude,
// qualifier before the unit (700余户), the rest (unit, maybe a trailing qualifier).
const NUMBER_TEXT =
  /^(大约|约|将近|接近|近|超过|逾|超|>=|≥|>)?([+\-−]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(e[+-]?\d+)?(千万|百万|万|亿|千)?(余|多|\+)?(.*)$/i;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const TRAILING_QUALIFIER = /(以上|左右|许|余|多)$/;
// A unit is a short run of letters or ideographs (户, 平方米, m2, km2) or a percent sign.
const UNIT_TEXT = /^(?:%|‰|[a-z]{1,4}[23]?|[\u4e00-\u9fff]{1,6}(?:[a-z]{1,3}[23]?)?)$/i;
const RANGE_REST = /^(?:-|~|至|到)\d/;
const BAD_SEPARATOR = /^,\d/;

/**
 * Rounds away binary noise from decimal scaling (0.07 × 1e4 = 700.0000000000001, 33.3 / 100 =
 * 0.33299999999999996). Below a million it keeps 9 decimals, above it 15 significant digits.
 */
export function tidy(x: number): number {
  if (Number.isInteger(x)) return x;
  // round(x·1e9) is an exact integer and dividing it by 1e9 rounds correctly, so the result is
  // the same double as the decimal literal: cheaper than toPrecision on the hot path.
  if (Math.abs(x) < 1e6) return Math.round(x * 1e9) / 1e9;
  return Number(x.toPrecision(15));
}

/**
 * Reads a number written in a cell. Accepts full-width digits, thousands separators (`1,234`,
 * `1，234`), qualifiers (约/近/余/多/以上/逾/超/左右), magnitudes inside the number (`1.3万` →
 * 13000) and a trailing unit word kept as `unitText` (`702户`, `2部`, `95%`).
 */
export function parseNumber(input: RawCell): NumberResult {
  if (typeof input === 'number') {
    return Number.isFinite(input) ? { ok: true, value: input } : fail('not a finite number');
  }
  if (input === null || input === undefined) return fail('empty');
  if (typeof input === 'boolean') return fail('a true/false value, not a number');
  if (input instanceof Date) return fail('a date, not a number');

  // Most cells are plain digits; skip the full grammar for them.
  if (PLAIN_NUMBER.test(input)) return { ok: true, value: Number(input) };
  const text = removeSpaces(foldWidth(input));
  if (text === '') return fail('empty');
  const m = NUMBER_TEXT.exec(text);
  if (!m) return fail(/\d/.test(text) ? 'not a number (unexpected text before the digits)' : 'not a number');
  const [, prefix, sign, digits = '', exponent, magnitude, midQualifier] = m;
  let rest = m[7] ?? '';

  let qualifier: NumberQualifier | undefined = prefix ? PREFIX_QUALIFIERS[prefix] : undefined;
  if (midQualifier) qualifier ??= SUFFIX_QUALIFIERS[midQualifier];
  if (rest !== '') {
    if (BAD_SEPARATOR.test(rest)) return fail('misplaced thousands separator (write 1,234 or 1234)');
    if (RANGE_REST.test(rest)) return fail('a range is not a single number');
    const trailing = TRAILING_QUALIFIER.exec(rest);
    if (trailing) {
      qualifier ??= SUFFIX_QUALIFIERS[trailing[1] ?? ''];
      rest = rest.slice(0, trailing.index);
    }
    if (rest !== '' && !UNIT_TEXT.test(rest)) return fail(`unexpected text "${rest}" after the number`);
  }

  const mantissa = (sign === '' || sign === '+' ? '' : '-') + digits.replace(/,/g, '');
  const power = magnitude ? (MULTIPLIERS[magnitude] ?? 0) : 0;
  // Shifting the decimal exponent in the string keeps 1.1万 exactly 11000.
  const value = exponent
    ? tidy(Number(mantissa + exponent) * 10 ** power)
    : Number(power ? `${mantissa}e${power}` : mantissa);
  if (!Number.isFinite(value)) return fail('not a finite number');

  const result: NumberValue = { ok: true, value };
  if (qualifier) result.qualifier = qualifier;
  if (rest !== '') result.unitText = rest;
  if (power) result.multiplier = 10 ** power;
  return result;
}

/**
 * Reads a whole number (counts of buildings, households, residents). `1.3万` is fine (13000);
 * `12.5` is rejected. Floating noise from Excel formulas (`702.0000000001`) is rounded away.
 */
export function parseInteger(input: RawCell): NumberResult {
  const r = parseNumber(input);
  if (!r.ok) return r;
  const rounded = Math.round(r.value);
  if (Math.abs(r.value - rounded) > 1e-9 * Math.max(1, Math.abs(r.value))) {
    return fail(`${r.value} is not a whole number`);
  }
  return rounded === r.value ? r : { ...r, value: rounded };
}

/**
 * Reads a share as a fraction 0..1: `95%` → 0.95, `95%以上` → 0.95 (more than), `0.95` → 0.95,
 * `95` → 0.95. A bare number above 1 is read as a percentage. Above 100% or negative is rejected.
 */
export function parseRate(input: RawCell): QuantityResult {
  const r = parseNumber(input);
  if (!r.ok) return r;
  let value = r.value;
  if (r.unitText === '%') value = tidy(value / 100);
  else if (r.unitText === '‰') value = tidy(value / 1000);
  else if (r.unitText !== undefined) return fail(`unit "${r.unitText}" is not a rate (write 95% or 0.95)`);
  else if (r.multiplier) return fail('a rate cannot carry 万/亿');
  else if (value > 1 && value <= 100) value = tidy(value / 100);
  if (value < 0) return fail('a rate cannot be negative');
  if (value > 1) return fail('a rate cannot be above 100%');
  return r.qualifier ? { ok: true, value, qualifier: r.qualifier } : { ok: true, value };
}

const MONEY_UNITS: ReadonlyMap<string, number> = new Map([
  ['元', 1],
  ['元人民币', 1],
  ['rmb', 1],
  ['cny', 1],
  ['yuan', 1],
]);

const AREA_UNITS: ReadonlyMap<string, number> = new Map([
  ['m2', 1],
  ['平方米', 1],
  ['平米', 1],
  ['平方', 1],
  ['平', 1],
  ['km2', 1e6],
  ['平方公里', 1e6],
  ['平方千米', 1e6],
  ['公顷', 1e4],
  ['ha', 1e4],
]);

const UNIT_MAGNITUDE = /^(千万|百万|万|亿|千)/;
const unitScaleCache = new Map<ReadonlyMap<string, number>, Map<string, number | null>>();

/**
 * Scale of a unit against a base table, allowing a magnitude prefix: `万元` → 1e4 with MONEY_UNITS,
 * `万㎡` → 1e4 with AREA_UNITS. Null when the unit is not one of the table's. Memoised: a ledger
 * uses a handful of units a hundred thousand times.
 */
function unitScale(unit: string, base: ReadonlyMap<string, number>): number | null {
  let cache = unitScaleCache.get(base);
  if (!cache) unitScaleCache.set(base, (cache = new Map()));
  const cached = cache.get(unit);
  if (cached !== undefined) return cached;
  const u = removeSpaces(foldWidth(unit)).toLowerCase().replace(/²/g, '2');
  let scale: number | null = base.get(u) ?? null;
  if (scale === null) {
    const mag = UNIT_MAGNITUDE.exec(u);
    const inner = mag ? base.get(u.slice(mag[0].length)) : undefined;
    if (mag && inner !== undefined) scale = inner * 10 ** (MULTIPLIERS[mag[0]] ?? 0);
  }
  if (cache.size < 1000) cache.set(unit, scale);
  return scale;
}

/**
 * Shared by money and area: the unit written in the cell wins over the column header's; a cell
 * with a magnitude but no unit (`1.3万`) is taken at face value; a bare number takes the header's
 * unit, or the base unit when the header has none.
 */
function parseScaled(
  input: RawCell,
  headerUnit: string | undefined,
  base: ReadonlyMap<string, number>,
  expected: string,
): QuantityResult {
  const r = parseNumber(input);
  if (!r.ok) return r;
  let scale = 1;
  if (r.unitText !== undefined) {
    const s = unitScale(r.unitText, base);
    if (s === null) return fail(`unit "${r.unitText}" is not ${expected}`);
    scale = s;
  } else if (!r.multiplier && headerUnit) {
    const s = unitScale(headerUnit, base);
    if (s === null) return fail(`column unit "${headerUnit}" is not ${expected}`);
    scale = s;
  }
  const value = scale === 1 ? r.value : tidy(r.value * scale);
  return r.qualifier ? { ok: true, value, qualifier: r.qualifier } : { ok: true, value };
}

const STARTS_WITH_DIGIT = /^\d/;
const CURRENCY_PREFIX = /^\s*(?:¥|￥|rmb|cny|人民币)\s*/i;

/**
 * Reads an amount of money in yuan. Units 元/万元/亿元 (and 千元, 百万元) written in the cell win
 * over the header's (`中央补助（万元）`); no unit anywhere means yuan. Rounded to the fen.
 */
export function parseMoney(input: RawCell, headerUnit?: string): QuantityResult {
  const cell =
    typeof input === 'string' && !STARTS_WITH_DIGIT.test(input) ? input.replace(CURRENCY_PREFIX, '') : input;
  const r = parseScaled(cell, headerUnit, MONEY_UNITS, 'a money unit (元, 万元, 亿元)');
  if (!r.ok) return r;
  const value = Math.round(r.value * 100) / 100;
  return value === r.value ? r : { ...r, value };
}

/**
 * Reads an area in m². Accepts ㎡, m², m2, 平方米, 平米, 万平方米, 公顷, 平方公里 from the cell or the
 * header; no unit anywhere means m².
 */
export function parseArea(input: RawCell, headerUnit?: string): QuantityResult {
  return parseScaled(input, headerUnit, AREA_UNITS, 'an area unit (㎡, 平方米, 万平方米)');
}
