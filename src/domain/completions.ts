/**
 * Completions month by month, for the playback chapter. The month a completion date counts in
 * is src/domain/months.ts `eventMonth` (a year-only date counts from December of that year);
 * the data build counts completions per month with it (the running count), and the map shows
 * the communities completed up to a month with `completedByFilter` (src/present/present-map.ts), the same
 * rule as a MapLibre expression. The tests (src/present/playback.test.ts) hold the two against
 * each other. Pure: the data build imports it.
 */
import { eventMonth, monthsBetween, type Month } from './months';

/** Feature property holding the completion date (ISO string). */
export const COMPLETION_DATE_FIELD = 'completion_date';

/** Completions per month, accumulated. */
export interface MonthlySeries {
  /** Consecutive months from the first completion to the last. */
  months: string[];
  /** Completions up to and including each month. */
  cumulative: number[];
  /** Dated completions: the last cumulative value. */
  total: number;
}

/** The month a completion date counts in, or null for a missing or unreadable date. */
export const completionMonth = (date: unknown): Month | null => eventMonth(date);

/** Counts completion months into a continuous cumulative series (null months are skipped). */
export function cumulativeByMonth(months: Iterable<string | null>): MonthlySeries {
  const counts = new Map<string, number>();
  let total = 0;
  for (const m of months) {
    if (m === null) continue;
    counts.set(m, (counts.get(m) ?? 0) + 1);
    total++;
  }
  if (!counts.size) return { months: [], cumulative: [], total: 0 };
  const sorted = [...counts.keys()].sort();
  const range = monthsBetween(sorted[0] as Month, sorted[sorted.length - 1] as Month);
  let running = 0;
  const cumulative = range.map((m) => (running += counts.get(m) ?? 0));
  return { months: range, cumulative, total };
}
