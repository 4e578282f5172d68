import { describe, expect, it } from 'vitest';
import { deriveFunding, itemCategoryCounts } from './metrics';
import { FUNDING_CHANNELS } from './vocabulary';

describe('deriveFunding', () => {
  it('splits fiscal and non-fiscal money and derives leverage and per-household figures', () => {
    const r = deriveFunding(
      { fund_central: 3_000_000, fund_local: 1_000_000, fund_utility: 500_000, fund_residents: 300_000 },
      400,
    );
    expect(r).toEqual({
      fund_total: 4_800_000,
      fund_fiscal: 4_000_000,
      fund_nonfiscal: 800_000,
      leverage: 0.2,
      fund_per_household: 12_000,
    });
  });

  it('has no leverage without fiscal money and no per-household figure without households', () => {
    const r = deriveFunding({ fund_social: 1000 });
    expect(r.leverage).toBeNull();
    expect(r.fund_per_household).toBeNull();
    expect(deriveFunding({ fund_social: 1000 }, 0).fund_per_household).toBeNull();
    expect(deriveFunding({ fund_central: 0, fund_social: 10 }).leverage).toBeNull();
  });

  it('uses each channel’s fiscal flag', () => {
    for (const c of FUNDING_CHANNELS) {
      const r = deriveFunding({ [c.field]: 100 });
      expect(r.fund_total).toBe(100);
      expect(c.fiscal ? r.fund_fiscal : r.fund_nonfiscal).toBe(100);
    }
  });

  it('ignores keys that are not funding channels and absent values', () => {
    expect(deriveFunding({ fund_total: 999, fund_central: 10, fund_bond: undefined }).fund_total).toBe(10);
  });

  it('is all zeros for no funds', () => {
    expect(deriveFunding({})).toEqual({
      fund_total: 0,
      fund_fiscal: 0,
      fund_nonfiscal: 0,
      leverage: null,
      fund_per_household: null,
    });
  });
});

describe('itemCategoryCounts', () => {
  it('counts distinct known items per category', () => {
    expect(
      itemCategoryCounts(['drainage', 'facade', 'elevator_added', 'canteen', 'facade', 'unknown_item']),
    ).toEqual({
      items_basic: 2,
      items_improvement: 1,
      items_enhancement: 1,
      items_count: 4,
    });
    expect(itemCategoryCounts([])).toEqual({
      items_basic: 0,
      items_improvement: 0,
      items_enhancement: 0,
      items_count: 0,
    });
  });
});
