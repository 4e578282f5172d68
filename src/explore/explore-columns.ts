/**
 * What the explore index derives from its parts with the build's rules: fund totals (as
 * `deriveFunding` adds the channels up) from the figures part, item counts per category and
 * life-circle flags from the core. Pure, and
 * free of the index class and of the vocabulary (its rules come as `DeriveRules`) so the decoding
 * worker (./explore-decode.worker.ts) runs it without pulling in the rest of the site.
 */
import type { ItemCategory } from '../domain/vocabulary';
import { noLifeCircleResult, type CoreColumns, type FiguresColumns } from '../contracts/explore-binary-read';
import { sumFunds, type DerivedFigures } from '../contracts/fund-sums';
import type { DeriveRules } from './derive-rules';
import { categoryMasks } from './item-category-masks';

export type { DerivedFigures };

/**
 * Derives each row's fund total and government share with `rules`' fiscal channels: the loop
 * the build's header totals are computed by (src/contracts/fund-sums.ts).
 */
export function deriveFigures(
  figures: FiguresColumns,
  rules: Pick<DeriveRules, 'fiscalFields'>,
): DerivedFigures {
  const fiscal = new Set(rules.fiscalFields);
  return sumFunds(figures, (field) => fiscal.has(field));
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * What the index derives from the core columns with the build's rules (item counts, life-circle
 * flags): computed where the part is decoded (the worker) and handed over.
 */
export interface DerivedColumns {
  readonly itemCategoryCounts: Readonly<Record<ItemCategory, Uint8Array>>;
  readonly itemsCount: Uint8Array;
  readonly lifeCircleFlags: { lc5: Int8Array; lc10: Int8Array; lc15: Int8Array } | null;
}

/** Derives item counts and life-circle flags from the core columns. */
export function deriveColumns(core: CoreColumns, rules: DeriveRules): DerivedColumns {
  const n = core.count;
  const masks = categoryMasks(core.items.keys, rules);
  const counts = Object.fromEntries(rules.categories.map((k) => [k, new Uint8Array(n)])) as Record<
    ItemCategory,
    Uint8Array
  >;
  const itemsCount = new Uint8Array(n);
  for (let w = 0; w < core.items.words.length; w++) {
    const word = core.items.words[w]!;
    for (const category of rules.categories) {
      const mask = masks[category][w]!;
      if (!mask) continue;
      const out = counts[category];
      for (let i = 0; i < n; i++) {
        const k = popcount(word[i]! & mask);
        out[i]! += k;
        itemsCount[i]! += k;
      }
    }
  }
  const lc = core.lifeCircles;
  const flag = (bit: number) =>
    Int8Array.from(lc!.met, (m) => (noLifeCircleResult(m) ? -1 : m & bit ? 1 : 0));
  return {
    itemCategoryCounts: counts,
    itemsCount,
    lifeCircleFlags: lc ? { lc5: flag(1), lc10: flag(2), lc15: flag(4) } : null,
  };
}
