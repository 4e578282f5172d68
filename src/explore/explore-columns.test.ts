import { describe, expect, it } from 'vitest';
import type { CoreColumns, FiguresColumns } from '../contracts/explore-binary-read';
import { isFiscalChannel } from '../domain/metrics';
import { ITEMS } from '../domain/vocabulary';
import { deriveFigures as headerFigures } from '../contracts/explore-totals';
import { DERIVE_RULES } from './derive-rules';
import { deriveColumns, deriveFigures } from './explore-columns';

const basic = ITEMS.filter((i) => i.category === 'basic').map((i) => i.key);
const enhancement = ITEMS.filter((i) => i.category === 'enhancement').map((i) => i.key);

/** Two rows: the first reports a fiscal and a non-fiscal channel, the second none. */
function figures(): FiguresColumns {
  const n = 2;
  const none = new Float64Array(n).fill(NaN);
  return {
    count: n,
    households: none,
    residents: none,
    buildings: none,
    funds: [
      { field: 'fund_central', values: Float64Array.from([3_500_000, NaN]) },
      { field: 'fund_social', values: Float64Array.from([1234.5, NaN]) },
    ],
  };
}

/** Two rows of core columns. */
function core(): CoreColumns {
  const n = 2;
  return {
    count: n,
    text: {},
    batchYear: new Uint32Array(n),
    yearBuilt: new Uint32Array(n),
    startMonth: new Uint32Array(n),
    completionMonth: new Uint32Array(n),
    totals: { households: 0, residents: 0, fundTotal: 0, fundFiscal: 0 },
    // Row 0: two basic items, one enhancement item and a key outside the vocabulary.
    items: {
      keys: [basic[0]!, basic[1]!, enhancement[0]!, 'not-an-item'],
      words: [Uint32Array.from([0b1111, 0])],
    },
    isSynthetic: new Uint8Array(n),
    lifeCircles: {
      met: Uint8Array.from([0b101, 0xff]),
      coverage: Float64Array.from([0.5, NaN]),
      missingTypes: { keys: [], words: [] },
    },
  };
}

describe('deriveFigures', () => {
  it('adds the channels up as fiscal plus non-fiscal, and says which rows report any', () => {
    expect(isFiscalChannel('fund_central')).toBe(true);
    expect(isFiscalChannel('fund_social')).toBe(false);
    const d = deriveFigures(figures(), DERIVE_RULES);
    expect([...d.fundFiscal]).toEqual([3_500_000, 0]);
    expect([...d.fundTotal]).toEqual([3_501_234.5, 0]);
    expect([...d.reportsFunds]).toEqual([1, 0]);
  });

  it("equals the build's header arithmetic, which reads the fiscal split from the vocabulary itself", () => {
    expect(deriveFigures(figures(), DERIVE_RULES)).toEqual(headerFigures(figures()));
  });
});

describe('deriveColumns', () => {
  it('counts vocabulary items per category, leaving out keys it does not know', () => {
    const d = deriveColumns(core(), DERIVE_RULES);
    expect([...d.itemCategoryCounts.basic]).toEqual([2, 0]);
    expect([...d.itemCategoryCounts.enhancement]).toEqual([1, 0]);
    expect([...d.itemCategoryCounts.improvement]).toEqual([0, 0]);
    expect([...d.itemsCount]).toEqual([3, 0]);
  });

  it('reads each circle from the flag bits, -1 where the row has no result', () => {
    const { lc5, lc10, lc15 } = deriveColumns(core(), DERIVE_RULES).lifeCircleFlags!;
    expect([...lc5]).toEqual([1, -1]);
    expect([...lc10]).toEqual([0, -1]);
    expect([...lc15]).toEqual([1, -1]);
    expect(deriveColumns({ ...core(), lifeCircles: null }, DERIVE_RULES).lifeCircleFlags).toBeNull();
  });
});
