/**
 * What deriving the explore index's figures needs of the vocabulary (src/domain/vocabulary.ts):
 * each item's category and which funding channels are government money. The page hands it to
 * the decoding worker with each part, so the worker's bundle carries none of the vocabulary's
 * tables (names, labels, a ledger's keywords: 2 KiB gzip of the first load).
 */
import { isFiscalChannel } from '../domain/metrics';
import { FUNDING_CHANNELS, ITEM_CATEGORIES, ITEMS, type ItemCategory } from '../domain/vocabulary';

/** The vocabulary's rules the derivations apply; plain data, so it goes to a worker by copy. */
export interface DeriveRules {
  /** Item categories, in vocabulary order. */
  readonly categories: readonly ItemCategory[];
  /** Each vocabulary item's key with its category. */
  readonly itemCategories: readonly (readonly [key: string, category: ItemCategory])[];
  /** The funding fields (`fund_*`) that are government money. */
  readonly fiscalFields: readonly string[];
}

/** The rules of this build's vocabulary. */
export const DERIVE_RULES: DeriveRules = {
  categories: ITEM_CATEGORIES,
  itemCategories: ITEMS.map((i) => [i.key, i.category] as const),
  fiscalFields: FUNDING_CHANNELS.filter((c) => isFiscalChannel(c.field)).map((c) => c.field),
};
