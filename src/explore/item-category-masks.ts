/**
 * Which bits of the items column belong to each item category. Apart from ./explore-columns.ts
 * (the derivations the decoding worker runs) because the index on the page needs only this:
 * importing it from there would put the whole decoder in the page's first load as well as in
 * the worker. Pure.
 */
import { ITEM_BY_KEY, ITEM_CATEGORIES, type ItemCategory } from '../domain/vocabulary';

/** Bit masks (one per word) of the keys of a category; keys outside the vocabulary belong to none. */
export function categoryMasks(keys: readonly string[]): Record<ItemCategory, Uint32Array> {
  const words = Math.ceil(keys.length / 32);
  const masks = Object.fromEntries(ITEM_CATEGORIES.map((c) => [c, new Uint32Array(words)])) as Record<
    ItemCategory,
    Uint32Array
  >;
  keys.forEach((key, b) => {
    const category = ITEM_BY_KEY.get(key)?.category;
    if (category) masks[category][b >>> 5]! |= 1 << (b & 31);
  });
  return masks;
}
