/**
 * Demo rows as the feature properties the build pipeline emits (canonical field names, stage
 * keys, yuan, `item_<key>` quantities, comma-separated `items`), so the generator can check
 * itself with the same `evaluateMetric` the site uses.
 */
import type { FeatureProperties } from '../../src/domain/programme-figures';
import { STAGE_WORDS, STAGES, type Stage } from '../../src/domain/vocabulary';
import type { CommunityRow } from './ledger';

/** The canonical stage for a ledger stage word; throws on an unknown word, like the pipeline. */
export function stageKey(word: string): Stage {
  const stage = STAGES.find((s) => STAGE_WORDS[s].includes(word));
  if (!stage) throw new Error(`Unknown stage word ${word}`);
  return stage;
}

/** Feature properties of one community row. */
export function rowToFeature(row: CommunityRow): FeatureProperties {
  const props: FeatureProperties = {
    id: row.id,
    name: row.name,
    city: row.city,
    district: row.district,
    street: row.street,
    community: row.community,
    admin_code: row.admin_code,
    programme: row.programme,
    stage: stageKey(row.stage),
    items: row.items.map((i) => i.key).join(','),
    is_synthetic: row.synthetic,
  };
  const optional: Record<string, number | string | undefined> = {
    households: row.households,
    residents: row.residents,
    buildings: row.buildings,
    batch_year: row.batch_year,
    start_date: row.start_date,
    completion_date: row.completion_date,
    acceptance_date: row.acceptance_date,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) props[key] = value;
  for (const [key, value] of Object.entries(row.quantities))
    if (value !== undefined) props[`item_${key}`] = value;
  for (const [field, value] of Object.entries(row.funds)) if (value !== undefined) props[field] = value;
  return props;
}
