/**
 * Dates and years as ledgers write them. A date keeps the precision it was written with
 * (`2023年5月` stays `2023-05`), because inventing a day would claim knowledge the bureau did not
 * give. Years of construction are often decades (`20世纪90年代`), kept as such.
 */
import type { RawCell } from '../cell';
import type { IsoDate } from '../schema';
import { fail, type ParseFailure } from './result';
import { foldWidth, removeSpaces } from './text';

/** How much of a date was written. */
export type DatePrecision = 'day' | 'month' | 'year';

/** Result of {@link parseDate}: `value` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export type DateResult = { ok: true; value: IsoDate; precision: DatePrecision } | ParseFailure;

/** Result of {@link parseYear}. A decade is given by its first year (90年代 → 1990). */
export type YearResult = { ok: true; year: number; precision: 'year' | 'decade' } | ParseFailure;

/** Number cells in this range are Excel date serials (1954-10-03 … 2119-01-10). */
const SERIAL_MIN = 20000;
const SERIAL_MAX = 80000;
/** Dates outside these years are typing errors in a renovation ledger. */
const DATE_MIN_YEAR = 1900;
const DATE_MAX_YEAR = 2100;
const DAY_MS = 86_400_000;
// Excel's 1900 date system counts 1900-02-29 (a Lotus 1-2-3 bug), so from serial 61 on the
// epoch is effectively 1899-12-30.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** Days from 1899-12-30 to 1970-01-01 (Excel serial 25569). */
const EXCEL_EPOCH_OFFSET_DAYS = 25569;

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Calendar date of an Excel serial (1900 date system); the time of day is dropped. */
export function excelSerialToDate(serial: number): Date {
  const whole = Math.floor(serial);
  // Serials 1..59 sit before the phantom 1900-02-29 and count from 1899-12-31.
  const ms = whole < 61 ? Date.UTC(1899, 11, 31) + whole * DAY_MS : EXCEL_EPOCH_MS + whole * DAY_MS;
  return new Date(ms);
}

/** Year, month, day of a count of days since 1970-01-01 (proleptic Gregorian; no Date needed). */
function civilFromDays(days: number): [number, number, number] {
  // Howard Hinnant's days_from_civil inverse, on eras of 400 years.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

// Ledgers repeat a few hundred dates across thousands of rows; sharing one flat string per date
// keeps a national build's records small.
const DAY_STRINGS = new Map<number, string>();

function dayString(y: number, m: number, d: number): string {
  const key = y * 10000 + m * 100 + d;
  let s = DAY_STRINGS.get(key);
  if (s === undefined) {
    s = `${y}-${pad2(m)}-${pad2(d)}`;
    if (DAY_STRINGS.size < 100_000) DAY_STRINGS.set(key, s);
  }
  return s;
}

function checkedDate(y: number, m?: number, d?: number): DateResult {
  if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
    return fail(`year ${y} is outside ${DATE_MIN_YEAR}–${DATE_MAX_YEAR}`);
  if (m === undefined) return { ok: true, value: String(y), precision: 'year' };
  if (m < 1 || m > 12) return fail(`month ${m} does not exist`);
  if (d === undefined) return { ok: true, value: `${y}-${pad2(m)}`, precision: 'month' };
  if (d < 1 || d > daysInMonth(y, m)) return fail(`day ${d} does not exist in ${y}-${pad2(m)}`);
  return { ok: true, value: dayString(y, m, d), precision: 'day' };
}

function fromDate(d: Date): DateResult {
  if (Number.isNaN(d.getTime())) return fail('invalid date');
  // Readers may hand over 23:59:59.999 for a date typed as midnight; round to the nearest second.
  const r = new Date(Math.round(d.getTime() / 1000) * 1000);
  return checkedDate(r.getUTCFullYear(), r.getUTCMonth() + 1, r.getUTCDate());
}

const DAY_TEXT = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const MONTH_TEXT = /^(\d{4})[-/.年](\d{1,2})月?$/;
const YEAR_TEXT = /^(\d{4})年?$/;
const COMPACT_DAY = /^(\d{4})(\d{2})(\d{2})$/;
const TIME_SUFFIX = /[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const DAY_LAST = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/;
const VAGUE_PART = /(上旬|中旬|下旬|初|底|末|中|前|后|左右|季度)/;

/**
 * Reads a date, keeping the precision written: Excel serials (a number cell between 20000 and
 * 80000), Date objects from xlsx readers (UTC parts), `2023-05-01`, `2023/5/1`, `2023.5.1`,
 * `2023年5月1日`, `20230501`, `2023年5月`, `2023.5`, `2023-05`, `2023年`, `2023`. Impossible
 * months and days are rejected with the reason.
 */
export function parseDate(input: RawCell): DateResult {
  if (input === null || input === undefined) return fail('empty');
  if (input instanceof Date) return fromDate(input);
  if (typeof input === 'boolean') return fail('a true/false value, not a date');
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail('not a date');
    if (input >= SERIAL_MIN && input <= SERIAL_MAX) {
      // Serials in this range are past the phantom 1900-02-29: days since 1899-12-30.
      const [y, m, d] = civilFromDays(Math.floor(input) - EXCEL_EPOCH_OFFSET_DAYS);
      return checkedDate(y, m, d);
    }
    if (Number.isInteger(input) && input >= DATE_MIN_YEAR && input <= DATE_MAX_YEAR)
      return checkedDate(input);
    if (Number.isInteger(input) && input >= 19000101 && input <= 21001231) return parseDate(String(input));
    return fail(`${input} is neither a year nor an Excel date`);
  }

  const text = removeSpaces(foldWidth(input.trim()).replace(TIME_SUFFIX, ''));
  if (text === '') return fail('empty');
  let m = DAY_TEXT.exec(text) ?? COMPACT_DAY.exec(text);
  if (m) return checkedDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = MONTH_TEXT.exec(text);
  if (m) return checkedDate(Number(m[1]), Number(m[2]));
  m = YEAR_TEXT.exec(text);
  if (m) return checkedDate(Number(m[1]));
  if (DAY_LAST.test(text)) return fail('day and month order is ambiguous; write 2023-05-01');
  if (/^\d{4}/.test(text) && VAGUE_PART.test(text))
    return fail('not a calendar date (write 2023-05 or 2023-05-01)');
  return fail('not a date (write 2023-05-01, 2023-05 or 2023)');
}

const YEAR_SUFFIX = /^(\d{4})(?:年度?)?$/;
const CENTURY_DECADE = /^(?:(?:上|20)世纪)?(\d0)年代(?:初|初期|中|中期|末|末期|前期|后期)?$/;
const FULL_DECADE = /^(\d{3}0)(?:年代|s|'s)(?:初|初期|中|中期|末|末期|前期|后期)?$/i;
const TWENTY_FIRST = /^21世纪(\d0)年代(?:初|初期|中|中期|末|末期|前期|后期)?$/;
const OPEN_ENDED = /(以前|之前|前|以后|之后|后)$/;

// Fixed at load: a build does not run across New Year often enough to matter.
const DEFAULT_MAX_YEAR = new Date().getUTCFullYear() + 1;

function yearInRange(year: number, precision: 'year' | 'decade', maxYear: number): YearResult {
  if (year < DATE_MIN_YEAR || year > maxYear)
    return fail(`year ${year} is outside ${DATE_MIN_YEAR}–${maxYear}`);
  return { ok: true, year, precision };
}

/** Options for {@link parseYear}. */
export interface YearOptions {
  /** Latest acceptable year. Default: the current year + 1 (plans run a year ahead). */
  maxYear?: number;
}

/**
 * Reads a year or a decade: `2007`, `2007年`, `2007-06-01` and any date form, Excel serials and
 * Date objects (their year), `20世纪90年代` / `90年代` / `1990年代` / `1990s` → 1990 with decade
 * precision. Years outside 1900..current+1 are rejected.
 */
export function parseYear(input: RawCell, opts: YearOptions = {}): YearResult {
  const maxYear = opts.maxYear ?? DEFAULT_MAX_YEAR;
  // A plain year typed into a number cell; larger numbers are Excel serials handled below.
  if (typeof input === 'number' && Number.isInteger(input) && input > 0 && input < 10000) {
    return yearInRange(input, 'year', maxYear);
  }
  if (typeof input === 'string') {
    const text = removeSpaces(foldWidth(input));
    const y = YEAR_SUFFIX.exec(text);
    if (y) return yearInRange(Number(y[1]), 'year', maxYear);
    let d = CENTURY_DECADE.exec(text);
    if (d) {
      const two = Number(d[1]);
      // 90年代 is the 1990s; 00年代/10年代 only make sense as this century.
      const century =
        text.startsWith('20世纪') || text.startsWith('上世纪') || two > maxYear % 100 ? 1900 : 2000;
      return yearInRange(century + two, 'decade', maxYear);
    }
    d = FULL_DECADE.exec(text) ?? TWENTY_FIRST.exec(text);
    if (d) {
      const n = Number(d[1]);
      return yearInRange(n < 100 ? 2000 + n : n, 'decade', maxYear);
    }
    if (/^\d{4}/.test(text) && OPEN_ENDED.test(text))
      return fail('an open-ended year ("before 1990") is not a year');
  }
  const date = parseDate(input);
  if (!date.ok) {
    return fail(
      typeof input === 'string'
        ? 'not a year (write 2007, 2007年 or 90年代)'
        : date.reason.replace('a date', 'a year'),
    );
  }
  return yearInRange(Number(date.value.slice(0, 4)), 'year', maxYear);
}
