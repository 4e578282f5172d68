/**
 * Calendar months of the ledger's dates, for the status map's time slider. Dates keep the
 * precision they were written with (`2023`, `2023-05`, `2023-05-17`); a month is `YYYY-MM`.
 *
 * A year-only date is read as December of that year: all we know is that the event happened
 * by the end of the year, so the map never shows it earlier than the ledger can vouch for.
 * Strings in this form sort like the months they name, which lets MapLibre compare them with
 * plain string comparison (see `eventMonthExpression` in src/map/layers/community-style.ts).
 *
 * Pure: no I/O, no DOM, no Node APIs.
 */

/** A `YYYY-MM` month. */
export type Month = `${number}-${number}`;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})(?:-(0[1-9]|1[0-2])(?:-\d{2})?)?$/;

/** True for a `YYYY-MM` string with a month from 01 to 12. */
export function isMonth(value: unknown): value is Month {
  return typeof value === 'string' && MONTH.test(value);
}

/** The month an ISO date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) counts from; null for anything else. */
export function eventMonth(date: unknown): Month | null {
  if (typeof date !== 'string') return null;
  const m = DATE.exec(date);
  if (!m) return null;
  return `${m[1]}-${m[2] ?? '12'}` as Month;
}

/** First and last month of a set of dates (unreadable dates ignored); null when there is none. */
export function monthSpan(dates: Iterable<unknown>): { first: Month; last: Month } | null {
  let first: Month | null = null;
  let last: Month | null = null;
  for (const date of dates) {
    const month = eventMonth(date);
    if (!month) continue;
    if (first === null || month < first) first = month;
    if (last === null || month > last) last = month;
  }
  return first && last ? { first, last } : null;
}

/** Every month from `first` to `last`, both included (empty when `last` comes first). */
export function monthsBetween(first: Month, last: Month): Month[] {
  const [y0, m0] = first.split('-').map(Number) as [number, number];
  const [y1, m1] = last.split('-').map(Number) as [number, number];
  const out: Month[] = [];
  for (let i = y0 * 12 + m0 - 1; i <= y1 * 12 + m1 - 1; i++) {
    const y = Math.floor(i / 12);
    out.push(`${y}-${String((i % 12) + 1).padStart(2, '0')}` as Month);
  }
  return out;
}
