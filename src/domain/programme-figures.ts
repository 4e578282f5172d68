/**
 * Recomputes a programme's published figures from community features, so the map can show
 * "published vs. in this data" side by side and tests can prove the demo reproduces them.
 * Pure: features are plain property records (GeoJSON `properties`).
 */
import type { Figure, Metric, MetricWhere } from './programmes';
import { FISCAL_FUND_FIELDS, NONFISCAL_FUND_FIELDS } from './metrics';

/** A community feature's properties. */
export type FeatureProperties = Record<string, unknown>;

const DERIVED_FUNDS: Record<string, readonly string[]> = {
  fund_fiscal: FISCAL_FUND_FIELDS,
  fund_nonfiscal: NONFISCAL_FUND_FIELDS,
  fund_total: [...FISCAL_FUND_FIELDS, ...NONFISCAL_FUND_FIELDS],
};

/** Absolute tolerance: sums of yuan parsed from 万元 text pick up float noise far below a fen. */
const EXACT_TOLERANCE = 0.005;

function toNumber(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : 0;
  }
  return 0;
}

/** A numeric property; missing or non-numeric values count as 0. Derived fund totals are rebuilt from channels when absent. */
function numericField(feature: FeatureProperties, field: string): number {
  const value = feature[field];
  if (value !== undefined && value !== null && value !== '') return toNumber(value);
  const channels = DERIVED_FUNDS[field];
  if (!channels) return 0;
  return channels.reduce((sum, channel) => sum + toNumber(feature[channel]), 0);
}

function matchesWhere(feature: FeatureProperties, where: MetricWhere | undefined): boolean {
  if (!where) return true;
  const value = feature[where.field];
  if (value === undefined || value === null) return false;
  return String(value).startsWith(where.prefix);
}

/** Item keys of a feature: `items` is a comma-separated string (an array is accepted too). */
function itemKeys(feature: FeatureProperties): string[] {
  const items = feature.items;
  if (Array.isArray(items)) return items.map((i) => String(i).trim());
  if (typeof items === 'string') return items.split(',').map((i) => i.trim());
  return [];
}

/**
 * The value of `metric` over `features`: a count of features, a sum of a numeric property, or
 * the number of features whose `items` include an item key; each restricted by `where`.
 */
export function evaluateMetric(metric: Metric, features: ReadonlyArray<FeatureProperties>): number {
  const selected = features.filter((f) => matchesWhere(f, metric.where));
  switch (metric.op) {
    case 'count':
      return selected.length;
    case 'sum':
      return selected.reduce((sum, f) => sum + numericField(f, metric.field), 0);
    case 'count_item':
      return selected.filter((f) => itemKeys(f).includes(metric.item)).length;
  }
}

/**
 * Whether a recomputed `value` agrees with a published figure. 余/以上/超 (`more_than`) figures
 * are floors, met by any value at or above them; every other figure, 约 and 预计 included, must
 * be met exactly (to the fen), because the qualifier hedges the publication, not the number.
 */
export function figureMatches(figure: Pick<Figure, 'value_canonical' | 'qualifier'>, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (figure.qualifier === 'more_than') return value >= figure.value_canonical - EXACT_TOLERANCE;
  return Math.abs(value - figure.value_canonical) <= EXACT_TOLERANCE;
}
