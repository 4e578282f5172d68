/**
 * What a funding hexagon shows: the value of one H3 aggregate cell under the chosen measure and
 * normalisation, and the colour classes of those values. Shared by the deck.gl overlay, the
 * legend and the tooltip, so the three can never disagree. Pure.
 */
import { leverageOf } from '../../domain/metrics';
import { COMMUNITY_OUTPUT_FIELDS } from '../../domain/output-fields';
import { FUNDING_CHANNELS } from '../../domain/vocabulary';
import type { H3Cell } from '../../contracts/h3-cells';
import {
  classIndex,
  FUNDING_DENSITY_COLORS,
  LEVERAGE_BREAKS,
  LEVERAGE_COLORS,
  quantileBreaks,
} from '../../style/view-scales';
import type { FundingMeasure, FundingOptions } from './layer-options';

/** The unit of a funding value, which the legend and tooltip write out. */
export type FundingUnit = 'yuan_per_km2' | 'yuan_per_household' | 'ratio';

/** Colour classes of the shown values: `colors[i]` for values from `breaks[i-1]` up to `breaks[i]`. */
export interface FundingScale {
  unit: FundingUnit;
  /** Quantiles of the shown cells (density views) or fixed thresholds (leverage). */
  kind: 'quantile' | 'fixed';
  /** Ascending thresholds, one fewer than the colours used. */
  breaks: readonly number[];
  /** The colours in use, `breaks.length + 1` of them. */
  colors: readonly string[];
}

/** Yuan of one cell under `measure` (leverage has no amount: null). */
export function cellAmount(cell: H3Cell, measure: FundingMeasure): number | null {
  switch (measure) {
    case 'leverage':
      return null;
    case 'total':
      return cell.fund_total;
    case 'fiscal':
      return cell.fund_fiscal ?? null;
    case 'nonfiscal':
      return cell.fund_nonfiscal ?? null;
    default: {
      const v = cell[measure];
      return typeof v === 'number' ? v : null;
    }
  }
}

/** Non-fiscal ÷ fiscal yuan of a cell; null without fiscal money to divide by. */
export function cellLeverage(cell: H3Cell): number | null {
  return leverageOf(cell.fund_fiscal ?? 0, cell.fund_nonfiscal ?? 0);
}

/**
 * The value a hexagon is coloured by, or null when the cell has none of that money (drawn in
 * the no-data colour, never as the lowest class). Per household uses the build's
 * `fund_per_household`, counted over the communities that report households and money; a part
 * of the total (a channel, fiscal, non-fiscal) gets its share of that figure.
 */
export function cellValue(cell: H3Cell, options: Pick<FundingOptions, 'measure' | 'per'>): number | null {
  if (options.measure === 'leverage') return cellLeverage(cell);
  const amount = cellAmount(cell, options.measure);
  if (amount === null || !(amount > 0)) return null;
  if (options.per === 'household') {
    const perHousehold = cell.fund_per_household;
    if (typeof perHousehold !== 'number' || !(cell.fund_total > 0)) return null;
    return perHousehold * (amount / cell.fund_total);
  }
  if (options.measure === 'total') return cell.fund_per_km2;
  return cell.area_km2 && cell.area_km2 > 0 ? amount / cell.area_km2 : null;
}

/** The colour classes for these cells under these options. */
export function fundingScale(
  cells: readonly H3Cell[],
  options: Pick<FundingOptions, 'measure' | 'per'>,
): FundingScale {
  if (options.measure === 'leverage') {
    return { unit: 'ratio', kind: 'fixed', breaks: LEVERAGE_BREAKS, colors: LEVERAGE_COLORS };
  }
  const values: number[] = [];
  for (const c of cells) {
    const v = cellValue(c, options);
    if (v !== null) values.push(v);
  }
  const breaks = quantileBreaks(values, FUNDING_DENSITY_COLORS.length);
  return {
    unit: options.per === 'household' ? 'yuan_per_household' : 'yuan_per_km2',
    kind: 'quantile',
    breaks,
    colors: FUNDING_DENSITY_COLORS.slice(0, breaks.length + 1),
  };
}

/** Class of a value in a scale: an index into `scale.colors`, or -1 for no value. */
export function fundingClass(value: number | null, scale: FundingScale): number {
  if (value === null || !Number.isFinite(value)) return -1;
  return Math.min(classIndex(value, scale.breaks), scale.colors.length - 1);
}

/** Name of a measure in both languages, from the field dictionary and the channel vocabulary. */
export function measureLabel(measure: FundingMeasure): { zh: string; en: string } {
  const field =
    measure === 'total' ? 'fund_total' : measure.startsWith('fund_') ? measure : `fund_${measure}`;
  const name = measure === 'leverage' ? 'leverage' : field;
  const found =
    COMMUNITY_OUTPUT_FIELDS.find((f) => f.name === name) ?? FUNDING_CHANNELS.find((c) => c.field === name);
  return found ? { zh: found.zh, en: found.en } : { zh: measure, en: measure };
}
