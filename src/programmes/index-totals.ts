/**
 * Adapter from the explore index (src/explore/explore-index.ts, owned by the exploring feature)
 * to the rows the headline cards add up, so the cards depend on a small interface of their own
 * rather than on the index's column layout.
 */
import type { ExploreIndex } from '../explore/explore-index';
import { programmeTotals, type ProgrammeTotals, type TotalsRow } from './programme-cards';

function* rowsOf(index: ExploreIndex): Generator<TotalsRow> {
  const channels = [...index.funds];
  const num = (v: number) => (Number.isNaN(v) ? null : v);
  for (let i = 0; i < index.count; i++) {
    const funds: Record<string, number | null> = {};
    for (const [field, values] of channels) funds[field] = num(values[i]!);
    yield {
      programme: index.textOf('programme', i),
      synthetic: index.isSynthetic[i] === 1,
      households: num(index.households[i]!),
      residents: num(index.residents[i]!),
      funds,
    };
  }
}

/** Per-programme totals of every community in the index (the whole programme, not the filter). */
export function totalsFromIndex(index: ExploreIndex): Map<string, ProgrammeTotals> {
  return programmeTotals(rowsOf(index));
}
