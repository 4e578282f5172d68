/**
 * The H3 funding aggregates (`data/aggregates/h3-r{res}.json`): written by the data build
 * with src/domain/h3-aggregates.ts `aggregateH3`, re-computed for filtered communities by the site
 * (src/explore/reaggregate.ts) and drawn by the funding-density layer (src/lib/aggregates.ts).
 * A cell's figures are the domain's area summary (src/domain/metrics.ts `summariseArea`).
 */
import type { AreaSummaryBase } from '../domain/metrics';

/** A cell as written, and one file's cells: defined with the function that sums them. */
export type { H3CellSummary, H3Layer } from '../domain/h3-aggregates';

/** Path of the aggregate file of one resolution, relative to the data folder. */
export const h3AggregateFile = (resolution: number): string => `aggregates/h3-r${resolution}.json`;

/** The figures a cell must have to be drawn. */
type DrawnField = 'count' | 'households' | 'completion_rate' | 'fund_total' | 'fund_per_km2';

/**
 * The site's view of a cell: what it draws is required, the rest may be missing from a file of
 * an older build (the site checks only `h3` and `fund_per_km2`, see `isH3Cell`).
 */
export type H3Cell = { h3: string } & Pick<AreaSummaryBase, DrawnField> &
  Partial<Omit<AreaSummaryBase, DrawnField>> & {
    /** Yuan per funding channel (`fund_central` …), as the build writes them. */
    [channel: `fund_${string}`]: number | null | undefined;
  };

/** Whether a parsed value can be drawn as a cell. */
export function isH3Cell(v: unknown): v is H3Cell {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return typeof c.h3 === 'string' && typeof c.fund_per_km2 === 'number';
}
