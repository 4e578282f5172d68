import { describe, expect, it } from 'vitest';
import { isFiscalChannel } from '../domain/metrics';
import { FUNDING_CHANNELS, ITEM_BY_KEY, ITEM_CATEGORIES } from '../domain/vocabulary';
import { DERIVE_RULES } from './derive-rules';

describe('DERIVE_RULES', () => {
  it("carries every item's category and exactly the government channels, as plain data", () => {
    expect(DERIVE_RULES.categories).toEqual(ITEM_CATEGORIES);
    expect(DERIVE_RULES.itemCategories).toHaveLength(ITEM_BY_KEY.size);
    for (const [key, category] of DERIVE_RULES.itemCategories)
      expect(ITEM_BY_KEY.get(key)?.category).toBe(category);
    const fiscal = FUNDING_CHANNELS.map((c) => c.field).filter((f) => isFiscalChannel(f));
    expect(DERIVE_RULES.fiscalFields).toEqual(fiscal);
    expect(fiscal.length).toBeGreaterThan(0);
    expect(fiscal.length).toBeLessThan(FUNDING_CHANNELS.length);
    // It goes to the worker by structured clone: JSON-shaped, nothing a clone would lose.
    expect(JSON.parse(JSON.stringify(DERIVE_RULES))).toEqual(DERIVE_RULES);
  });
});
