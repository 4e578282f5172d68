import { describe, expect, it } from 'vitest';
import type { H3Cell } from '../../contracts/h3-cells';
import { itMaps } from '../../domain/test-cases';
import { FUNDING_DENSITY_COLORS, LEVERAGE_BREAKS, LEVERAGE_COLORS } from '../../style/view-scales';
import {
  cellAmount,
  cellLeverage,
  cellValue,
  fundingClass,
  fundingScale,
  measureLabel,
} from './funding-metric';

const cell = (patch: Partial<H3Cell> = {}): H3Cell => ({
  h3: '8724d0630ffffff',
  count: 4,
  households: 1000,
  completion_rate: 0.5,
  fund_total: 4_000_000,
  fund_fiscal: 3_000_000,
  fund_nonfiscal: 1_000_000,
  fund_central: 2_000_000,
  fund_social: 0,
  area_km2: 5,
  fund_per_km2: 800_000,
  fund_per_household: 4000,
  ...patch,
});

describe('cellValue', () => {
  // The chosen money divided by area or households; a channel per household is its share of the
  // build's per-household figure.
  const valueOf = (options: Parameters<typeof cellValue>[1]) => cellValue(cell(), options);
  itMaps(valueOf, [
    [{ measure: 'total', per: 'km2' }, 800_000],
    [{ measure: 'fund_central', per: 'km2' }, 400_000],
    [{ measure: 'fiscal', per: 'km2' }, 600_000],
    [{ measure: 'total', per: 'household' }, 4000],
    [{ measure: 'fund_central', per: 'household' }, 2000],
    [{ measure: 'nonfiscal', per: 'household' }, 1000],
  ]);

  it('gives no value, not zero, where none of that money is recorded', () => {
    expect(cellValue(cell(), { measure: 'fund_social', per: 'km2' })).toBeNull();
    expect(cellValue(cell(), { measure: 'fund_bond', per: 'km2' })).toBeNull();
    expect(cellValue(cell({ fund_per_household: null }), { measure: 'total', per: 'household' })).toBeNull();
    expect(cellAmount(cell(), 'leverage')).toBeNull();
  });

  it('reads leverage as non-fiscal ÷ fiscal, whatever the normalisation', () => {
    expect(cellLeverage(cell())).toBeCloseTo(1 / 3);
    expect(cellValue(cell(), { measure: 'leverage', per: 'household' })).toBeCloseTo(1 / 3);
    expect(cellLeverage(cell({ fund_fiscal: 0 }))).toBeNull();
  });
});

describe('fundingScale', () => {
  const cells = Array.from({ length: 60 }, (_, i) =>
    cell({
      h3: String(i),
      fund_total: (i + 1) * 1e6,
      fund_per_km2: (i + 1) * 2e5,
      fund_central: i % 2 ? 1e6 : 0,
    }),
  );

  it('classes density by quantiles of the values shown, in the density colours', () => {
    const scale = fundingScale(cells, { measure: 'total', per: 'km2' });
    expect(scale.unit).toBe('yuan_per_km2');
    expect(scale.colors).toEqual(FUNDING_DENSITY_COLORS.slice(0, scale.breaks.length + 1));
    const counts = new Array(scale.colors.length).fill(0);
    for (const c of cells) counts[fundingClass(cellValue(c, { measure: 'total', per: 'km2' }), scale)]++;
    for (const n of counts) expect(n).toBe(10);
  });

  it('leaves cells without that money out of the breaks', () => {
    const scale = fundingScale(cells, { measure: 'fund_central', per: 'km2' });
    // Every recorded value is the same: one class, no empty one, and the cells without money are no data.
    expect(scale.breaks).toEqual([]);
    expect(fundingClass(cellValue(cells[0]!, { measure: 'fund_central', per: 'km2' }), scale)).toBe(-1);
    expect(fundingClass(cellValue(cells[1]!, { measure: 'fund_central', per: 'km2' }), scale)).toBe(0);
  });

  it('uses fixed breaks for leverage', () => {
    const scale = fundingScale(cells, { measure: 'leverage', per: 'km2' });
    expect(scale).toMatchObject({
      unit: 'ratio',
      kind: 'fixed',
      breaks: LEVERAGE_BREAKS,
      colors: LEVERAGE_COLORS,
    });
    expect(fundingClass(0.3, scale)).toBe(3);
    expect(fundingClass(5, scale)).toBe(LEVERAGE_COLORS.length - 1);
    expect(fundingClass(null, scale)).toBe(-1);
  });
});

describe('measureLabel', () => {
  it('names totals, channels and leverage in both languages', () => {
    expect(measureLabel('total')).toEqual({ zh: '总投资', en: 'Total funding' });
    expect(measureLabel('fund_central').zh).toBe('中央补助');
    expect(measureLabel('leverage').en).toMatch(/Leverage/);
  });
});
