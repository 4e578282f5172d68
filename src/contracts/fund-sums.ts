/**
 * Each row's fund total and government share from the figures part's channels: the one loop
 * behind `deriveFigures` (./explore-totals.ts, the build's header totals) and the decoding
 * worker's (src/explore/explore-columns.ts). Here the fiscal split is a parameter, so the worker
 * need not import the vocabulary that defines it. Pure.
 */
import type { FiguresColumns } from './explore-binary-read';

/** What the index derives from the figures part: fund totals, as `deriveFunding` adds them up. */
export interface DerivedFigures {
  readonly fundTotal: Float64Array;
  readonly fundFiscal: Float64Array;
  readonly reportsFunds: Uint8Array;
}

/** Derives each row's fund total, government share and whether it reports any channel. */
export function sumFunds(
  figures: FiguresColumns,
  isFiscal: (field: string) => boolean | undefined,
): DerivedFigures {
  const n = figures.count;
  const nonfiscal = new Float64Array(n);
  const fundFiscal = new Float64Array(n);
  const reportsFunds = new Uint8Array(n);
  for (const { field, values } of figures.funds) {
    const sums = isFiscal(field) ? fundFiscal : nonfiscal;
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
