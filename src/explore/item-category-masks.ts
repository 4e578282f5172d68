/**
 * Which bits of the items column belong to each item category. Apart from ./explore-columns.ts
 * (the derivations the decoding worker runs) because the index on the page needs only this:
 * importing it from there would put the whole decoder in the page's first load as well as in
 * the worker. The categories come as `rules` (./derive-rules.ts), which the worker is handed
 * rather than importing the vocabulary. Pure.
 */
import type { ItemCategory } from '../domain/vocabulary';
import type { DeriveRules } from './derive-rules';

/** Bit masks (one per word) of the keys of a category; keys outside the vocabulary belong to none. */
export function categoryMasks(
  keys: readonly string[],
  rules: Pick<DeriveRules, 'categories' | 'itemCategories'>,
): Record<ItemCategory, Uint32Array> {
  const words = Math.ceil(keys.length / 32);
  const masks = Object.fromEntries(rules.categories.map((c) => [c, new Uint32Array(words)])) as Record<
    ItemCategory,
    Uint32Array
  >;
  const categoryOf = new Map(rules.itemCategories);
  keys.forEach((key, b) => {
    const category = categoryOf.get(key);
    if (category) masks[category][b >>> 5]! |= 1 << (b & 31);
  });
  return masks;
}
