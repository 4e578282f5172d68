/**
 * The unfiltered funding and people totals the explore core part carries in its header
 * (`CoreMeta.totals`), so the page's first numbers are complete before the figures part arrives.
 * Computed from the decoded figures part with the site's arithmetic (row order, each row's
 * channels added as fiscal plus non-fiscal, `isFiscalChannel`), so they equal what the page adds
 * up once the figures are in (src/explore/summaries.ts `totals` over every row), to the last bit.
 */
import { isFiscalChannel } from '../domain/metrics';
import type { FiguresColumns } from './explore-binary-read';
import { sumFunds, type DerivedFigures } from './fund-sums';

export type { DerivedFigures };

/** Sums over every row; missing values count as 0. Fund sums are in yuan. */
export interface ExploreTotals {
  households: number;
  residents: number;
  fundTotal: number;
  fundFiscal: number;
}

/** Derives each row's fund total, government share and whether it reports any channel. */
export function deriveFigures(figures: FiguresColumns): DerivedFigures {
  return sumFunds(figures, isFiscalChannel);
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
