/**
 * The unfiltered funding and people totals the explore core part carries in its header
 * (`CoreMeta.totals`), so the page's first numbers are complete before the figures part arrives.
 * Computed from the decoded figures part with the site's arithmetic (row order, each row's
 * channels added as fiscal plus non-fiscal, `isFiscalChannel`), so they equal what the page adds
 * up once the figures are in (src/explore/summaries.ts `totals` over every row), to the last bit.
 */
import { isFiscalChannel } from '../domain/metrics';
import type { FundField } from '../domain/vocabulary';
import type { FiguresColumns } from './explore-binary-read';

/** Sums over every row; missing values count as 0. Fund sums are in yuan. */
export interface ExploreTotals {
  households: number;
  residents: number;
  fundTotal: number;
  fundFiscal: number;
}

/** What the index derives from the figures part: fund totals, as `deriveFunding` adds them up. */
export interface DerivedFigures {
  readonly fundTotal: Float64Array;
  readonly fundFiscal: Float64Array;
  readonly reportsFunds: Uint8Array;
}

/** Derives each row's fund total, government share and whether it reports any channel. */
export function deriveFigures(figures: FiguresColumns): DerivedFigures {
  const n = figures.count;
  const nonfiscal = new Float64Array(n);
  const fundFiscal = new Float64Array(n);
  const reportsFunds = new Uint8Array(n);
  for (const { field, values } of figures.funds) {
    const sums = isFiscalChannel(field as FundField) ? fundFiscal : nonfiscal;
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) continue;
      reportsFunds[i] = 1;
      sums[i]! += v;
    }
  }
  // Total = fiscal + non-fiscal, the way deriveFunding adds them up.
  const fundTotal = fundFiscal.map((f, i) => f + nonfiscal[i]!);
  return { fundTotal, fundFiscal, reportsFunds };
}

/** The totals of every row of a figures part: sums of `deriveFigures`' rows, as the page adds them. */
export function figureTotals(figures: FiguresColumns): ExploreTotals {
  const { fundTotal, fundFiscal } = deriveFigures(figures);
  const t: ExploreTotals = { households: 0, residents: 0, fundTotal: 0, fundFiscal: 0 };
  const finite = (v: number) => (Number.isNaN(v) ? 0 : v);
  for (let i = 0; i < figures.count; i++) {
    t.households += finite(figures.households[i]!);
    t.residents += finite(figures.residents[i]!);
    t.fundTotal += fundTotal[i]!;
    t.fundFiscal += fundFiscal[i]!;
  }
  return t;
}
