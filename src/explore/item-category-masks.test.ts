import { describe, expect, it } from 'vitest';
import { ITEM_CATEGORIES, ITEMS } from '../domain/vocabulary';
import { DERIVE_RULES } from './derive-rules';
import { categoryMasks } from './item-category-masks';

describe('categoryMasks', () => {
  it("sets each known key's bit in its category's mask, in the word the key falls in", () => {
    const basic = ITEMS.find((i) => i.category === 'basic')!.key;
    const improvement = ITEMS.find((i) => i.category === 'improvement')!.key;
    // 33 keys: the 34th bit (index 33) lies in the second word.
    const keys = [basic, ...Array.from({ length: 32 }, (_, k) => `unknown_${k}`), improvement];
    const masks = categoryMasks(keys, DERIVE_RULES);
    expect(Object.keys(masks)).toEqual([...ITEM_CATEGORIES]);
    expect([...masks.basic]).toEqual([1, 0]);
    expect([...masks.improvement]).toEqual([0, 1 << 1]);
    expect([...masks.enhancement]).toEqual([0, 0]);
  });

  it('has no words for no keys', () => {
    for (const mask of Object.values(categoryMasks([], DERIVE_RULES))) expect(mask).toHaveLength(0);
  });
});
